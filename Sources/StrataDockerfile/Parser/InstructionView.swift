import StrataSupport

/// A flat, `Encodable` view of each instruction, field for field like the Python `dockerfile`
/// package (BuildKit's parser behind a C binding), so the two can be compared directly.
///
/// ONBUILD reports the inner instruction's keyword as `subCmd` and its arguments as `value`;
/// ENV and LABEL list keys and values without the `=` separators.
public struct InstructionView: Encodable, Sendable, Hashable {
    public var cmd: String
    public var subCmd: String?
    public var json: Bool
    public var original: String
    public var startLine: Int
    public var endLine: Int
    public var flags: [String]
    public var value: [String]
    public var heredocs: [HeredocView]

    public struct HeredocView: Encodable, Sendable, Hashable {
        public var name: String
        public var fileDescriptor: Int
        public var content: String
    }

    public init(_ node: Node) {
        cmd = node.value.uppercased()
        original = node.original
        startLine = node.startLine
        endLine = node.endLine
        flags = node.flags
        heredocs = node.heredocs.map { HeredocView(name: $0.name, fileDescriptor: $0.fileDescriptor, content: $0.content) }
        var source = node
        if node.keyword == "onbuild", let inner = node.nestedInstruction {
            subCmd = inner.value.uppercased()
            source = inner
        }
        json = source.isJSON
        if source.keyword == "env" || source.keyword == "label" {
            value = stride(from: 0, to: source.next.count, by: 3).flatMap { index in
                source.next[index..<min(index + 2, source.next.count)].map(\.value)
            }
        } else {
            value = source.next.map(\.value)
        }
    }

    /// The view of every instruction in the file.
    public static func views(of ast: DockerfileAST) -> [InstructionView] {
        ast.instructions.map(InstructionView.init)
    }

    /// The views as JSON text (sorted keys, so the output is stable).
    public static func json(of ast: DockerfileAST, pretty: Bool = true) throws -> String {
        String(decoding: try StableJSON.encode(views(of: ast), pretty: pretty), as: UTF8.self)
    }
}

extension InstructionView {
    // Explicit `null` for subCmd, matching the Python package's `None`.
    enum CodingKeys: String, CodingKey {
        case cmd, subCmd, json, original, startLine, endLine, flags, value, heredocs
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cmd, forKey: .cmd)
        try container.encode(subCmd, forKey: .subCmd)
        try container.encode(json, forKey: .json)
        try container.encode(original, forKey: .original)
        try container.encode(startLine, forKey: .startLine)
        try container.encode(endLine, forKey: .endLine)
        try container.encode(flags, forKey: .flags)
        try container.encode(value, forKey: .value)
        try container.encode(heredocs, forKey: .heredocs)
    }
}
