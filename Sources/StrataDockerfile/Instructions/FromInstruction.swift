/// `FROM [--platform=…] image [AS name]`.
public struct FromInstruction: Sendable, Hashable {
    /// The image reference (or a stage name), unexpanded.
    public var image: String
    /// The stage name in lower case, as BuildKit stores it.
    public var stageName: String?
    /// The stage name exactly as written (for the StageNameCasing check).
    public var stageNameAsWritten: String?
    /// The `AS` keyword as written (for the FromAsCasing check).
    public var asKeyword: String?
    public var platform: String?

    public init(image: String, stageName: String? = nil, stageNameAsWritten: String? = nil, asKeyword: String? = nil,
                platform: String? = nil) {
        self.image = image
        self.stageName = stageName
        self.stageNameAsWritten = stageNameAsWritten
        self.asKeyword = asKeyword
        self.platform = platform
    }
}
