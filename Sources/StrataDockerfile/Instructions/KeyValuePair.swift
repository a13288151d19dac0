/// One ENV or LABEL pair; `isLegacyForm` marks `ENV key value` (no `=`).
public struct KeyValuePair: Sendable, Hashable {
    public var key: String
    public var value: String
    public var isLegacyForm: Bool

    public init(key: String, value: String, isLegacyForm: Bool = false) {
        self.key = key
        self.value = value
        self.isLegacyForm = isLegacyForm
    }
}
