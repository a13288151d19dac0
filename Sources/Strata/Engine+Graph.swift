import Foundation
import StrataDockerfile
import StrataFrontend
import StrataLLB
import StrataSupport

extension Engine {
    /// `strata graph`: the operations a Dockerfile becomes, only those the target needs.
    public func graph(dockerfile: URL, target: String?, buildArgs: [String: String], json: Bool) throws -> String {
        guard let data = FileManager.default.contents(atPath: dockerfile.path) else {
            throw BuildError.dockerfileNotFound(dockerfile.path)
        }
        let text = String(decoding: data, as: UTF8.self)
        let parsed = try InstructionParser.parse(text, fileName: dockerfile.lastPathComponent)
        var converter = DockerfileConverter(parsed, source: text, options: FrontendOptions(buildArgs: buildArgs, target: target)) { [self] reference in
            try self.image(reference).config
        }
        let converted = try converter.convert()
        guard json else { return converted.definition.dot(root: converted.root) }
        struct Node: Encodable {
            var id: String
            var name: String
            var inputs: [String]
            var op: Op
            var line: Int?
        }
        let nodes = converted.targetClosure.map {
            Node(id: $0.id.description, name: $0.name, inputs: $0.inputs.map(\.description), op: $0.op, line: $0.source?.start.line)
        }
        return String(decoding: try StableJSON.encode(nodes, pretty: true), as: UTF8.self) + "\n"
    }
}
