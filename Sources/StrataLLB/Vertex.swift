import Foundation
import StrataSupport

/// A node of the graph: an operation, the vertices it reads, and a name for progress output.
public struct Vertex: Hashable, Sendable, Codable, Identifiable {
    /// The digest of the operation and its inputs' digests: equal vertices are one vertex.
    public let id: Digest
    public let op: Op
    public let inputs: [Digest]
    /// What progress output shows, e.g. `[build 2/4] RUN make`.
    public let name: String
    /// Where in the Dockerfile the vertex comes from, if anywhere.
    public let source: SourceRange?
    /// `op.digest`, computed once: the vertex id and the solver's cache key both start from it.
    public let opDigest: Digest

    public init(op: Op, inputs: [Digest], name: String, source: SourceRange? = nil) {
        self.op = op
        self.inputs = inputs
        self.name = name
        self.source = source
        self.opDigest = op.digest
        self.id = Vertex.digest(opDigest: opDigest, inputs: inputs)
    }

    /// The identity excludes the name and source location: the same work done from two lines is
    /// one vertex, as in BuildKit. A binary digest of the op's digest and the inputs' ids (see
    /// `Op.digest`), prefixed so that it can never equal a cache key of the same op.
    static func digest(opDigest: Digest, inputs: [Digest]) -> Digest {
        var text = "vertex/\(OpEncoding.version)\n" + opDigest.hex
        for input in inputs { text += "\n" + input.hex }
        return Digest.of(text: text)
    }

    enum CodingKeys: String, CodingKey {
        case id, op, inputs, name, source
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            op: try container.decode(Op.self, forKey: .op), inputs: try container.decode([Digest].self, forKey: .inputs),
            name: try container.decode(String.self, forKey: .name), source: try container.decodeIfPresent(SourceRange.self, forKey: .source))
    }
}

/// A whole build graph: vertices in dependency order and the one the build asks for.
public struct Definition: Sendable, Codable {
    public private(set) var vertices: [Digest: Vertex] = [:]
    /// Insertion order, so output is stable.
    public private(set) var order: [Digest] = []

    public init() {}

    /// Adds a vertex (once) and returns its id.
    @discardableResult
    public mutating func add(_ vertex: Vertex) -> Digest {
        if vertices[vertex.id] == nil {
            vertices[vertex.id] = vertex
            order.append(vertex.id)
        }
        return vertex.id
    }

    public subscript(id: Digest) -> Vertex? { vertices[id] }

    /// The vertices `root` depends on, itself included, dependencies first.
    public func closure(of root: Digest) -> [Vertex] {
        var seen: Set<Digest> = []
        var result: [Vertex] = []
        func visit(_ id: Digest) {
            guard !seen.contains(id), let vertex = vertices[id] else { return }
            seen.insert(id)
            for input in vertex.inputs { visit(input) }
            result.append(vertex)
        }
        visit(root)
        return result
    }
}
