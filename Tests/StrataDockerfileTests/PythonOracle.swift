import Foundation

/// BuildKit's own parser, reached through the Python `dockerfile` package (a C binding of the
/// Go code): the executable oracle for differential tests. One subprocess handles a batch.
enum PythonOracle {
    static let script = """
    import json, sys
    try:
        import dockerfile
    except ImportError:
        sys.exit(3)
    # The binding reports an empty string (an instruction made of a lone trailing escape) as None.
    sources = json.load(open(sys.argv[1], encoding='utf-8'))
    results = []
    for source in sources:
        try:
            commands = dockerfile.parse_string(source)
        except Exception as error:
            results.append({'error': str(error)})
            continue
        results.append({'commands': [{
            'cmd': (c.cmd or '').upper(), 'subCmd': c.sub_cmd.upper() if c.sub_cmd is not None else None,
            'json': c.json, 'original': c.original or '', 'startLine': c.start_line, 'endLine': c.end_line,
            'flags': list(c.flags), 'value': list(c.value),
            'heredocs': [{'name': h.name, 'fileDescriptor': h.file_descriptor, 'content': h.content} for h in c.heredocs],
        } for c in commands]})
    json.dump(results, open(sys.argv[2], 'w', encoding='utf-8'))
    """

    static let isAvailable: Bool = {
        (try? run(["python3", "-c", "import dockerfile"])) == 0
    }()

    struct Command: Decodable, Equatable {
        var cmd: String
        var subCmd: String?
        var json: Bool
        var original: String
        var startLine: Int
        var endLine: Int
        var flags: [String]
        var value: [String]
        var heredocs: [Heredoc]
        struct Heredoc: Decodable, Equatable {
            var name: String
            var fileDescriptor: Int
            var content: String
        }
    }

    struct Result: Decodable {
        var error: String?
        var commands: [Command]?
    }

    static func parse(_ sources: [String]) throws -> [Result] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strata-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.json")
        let output = directory.appendingPathComponent("out.json")
        try JSONEncoder().encode(sources).write(to: input)
        let status = try run(["python3", "-c", script, input.path, output.path])
        guard status == 0 else { throw OracleFailure(status: status) }
        return try JSONDecoder().decode([Result].self, from: Data(contentsOf: output))
    }

    struct OracleFailure: Error { var status: Int32 }

    private static func run(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.standardError
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
