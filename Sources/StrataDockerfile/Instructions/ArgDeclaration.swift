/// One ARG name with its optional default (`ARG A` vs `ARG A=` which is an empty default).
public struct ArgDeclaration: Sendable, Hashable {
    public var name: String
    public var defaultValue: String?

    public init(name: String, defaultValue: String? = nil) {
        self.name = name
        self.defaultValue = defaultValue
    }
}
