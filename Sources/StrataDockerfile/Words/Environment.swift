/// An ordered environment as Dockerfile stages build it (`KEY=value` pairs, later wins).
public struct Environment: VariableLookup, Sendable, Hashable {
    public var pairs: [(key: String, value: String)] { storage.map { ($0.key, $0.value) } }
    private var storage: [Pair]

    private struct Pair: Sendable, Hashable { var key: String; var value: String }

    public init(_ pairs: [(String, String)] = []) {
        storage = []
        for (key, value) in pairs { set(key, value) }
    }

    public mutating func set(_ key: String, _ value: String) {
        if let index = storage.firstIndex(where: { $0.key == key }) {
            storage[index].value = value
        } else {
            storage.append(Pair(key: key, value: value))
        }
    }

    public func value(of name: String) -> String? { storage.last { $0.key == name }?.value }
}
