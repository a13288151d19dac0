import Foundation
import StrataDockerfile

/// Parsing a ~1 MB Dockerfile: Strata's parser against BuildKit's own (Go, through the
/// `dockerfile` Python package), timing only the parse call on each side.
enum ParserBench {
    static func run(_ options: BenchOptions) throws {
        let (text, _) = DockerfileGenerator(instructions: options.parserInstructions).generate()
        let directory = try makeTemporaryDirectory("parser")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Dockerfile")
        try Data(text.utf8).write(to: file)

        var astCount = 0
        let astTime = try bestOf(options.repetitions) { astCount = try DockerfileParser.parse(text).instructions.count }.wall
        var stageCount = 0
        let typedTime = try bestOf(options.repetitions) { stageCount = try InstructionParser.parse(text).stages.count }.wall

        let size = "\(text.utf8.count / 1000) kB, \(astCount) instructions, \(stageCount) stages"
        guard let buildkit = try buildKitParse(file, repetitions: options.repetitions) else {
            report("parser: strata \(rate(Double(astCount) / astTime)) instructions/s (\(duration(astTime)), \(size)); buildkit skipped (python3 -c 'import dockerfile' failed)")
            return
        }
        let ratio = buildkit.seconds / astTime
        let check = buildkit.instructions == astCount ? "" : "  COUNT MISMATCH (buildkit \(buildkit.instructions))"
        report("parser: strata \(rate(Double(astCount) / astTime)) instructions/s (\(duration(astTime))), buildkit \(rate(Double(astCount) / buildkit.seconds)) instructions/s (\(duration(buildkit.seconds))), ratio \(fixed(ratio, 2))x (target ≥ 1.0x) \(verdict(ratio >= 1)) [\(size)]\(check)")
        let typedRatio = buildkit.seconds / typedTime
        report("parser+instructions: strata \(rate(Double(astCount) / typedTime)) instructions/s (\(duration(typedTime)), AST and typed instructions), buildkit parse only \(duration(buildkit.seconds)), ratio \(fixed(typedRatio, 2))x (target ≥ 1.0x) \(verdict(typedRatio >= 1))")
    }

    /// BuildKit's parser on `file`: the best parse time inside Python and the instruction count.
    static func buildKitParse(_ file: URL, repetitions: Int) throws -> (seconds: Double, instructions: Int)? {
        let script = """
            import sys, time, dockerfile
            best, n = float("inf"), 0
            for _ in range(int(sys.argv[2])):
                t = time.perf_counter()
                n = len(dockerfile.parse_file(sys.argv[1]))
                best = min(best, time.perf_counter() - t)
            print(best, n)
            """
        let result = try runTool("/usr/bin/env", ["python3", "-c", script, file.path, String(repetitions)])
        let fields = result.stdout.split(whereSeparator: \.isWhitespace)
        guard result.status == 0, fields.count == 2, let time = Double(fields[0]), let count = Int(fields[1]) else {
            if !result.stderr.isEmpty { FileHandle.standardError.write(Data(result.stderr.utf8)) }
            return nil
        }
        return (time, count)
    }
}
