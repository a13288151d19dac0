/// Where expansion reads variables from.
public protocol VariableLookup {
    /// The value of `name`, or nil when it is unset (set-but-empty is `""`).
    func value(of name: String) -> String?
}

extension Dictionary: VariableLookup where Key == String, Value == String {
    public func value(of name: String) -> String? { self[name] }
}
