/// One difference between two snapshots, as containerd's `fs.Changes` reports it.
public struct LayerChange: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable { case added, modified, deleted }

    public var kind: Kind
    /// Absolute path of the changed entry.
    public var path: String

    public init(_ kind: Kind, _ path: String) {
        self.kind = kind
        self.path = path
    }

    public var description: String {
        switch kind {
        case .added: "A \(path)"
        case .modified: "C \(path)"
        case .deleted: "D \(path)"
        }
    }
}
