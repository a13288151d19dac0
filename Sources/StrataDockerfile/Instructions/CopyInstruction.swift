/// `COPY`/`ADD` with their flags. Sources are raw words; heredoc sources are listed separately.
public struct CopyInstruction: Sendable, Hashable {
    public var sources: [String]
    public var destination: String
    /// Sources given as here-documents (`COPY <<EOF /file`), in order.
    public var heredocSources: [Heredoc]
    public var from: String?
    public var chown: String?
    public var chmod: String?
    public var link: Bool
    public var parents: Bool
    public var excludes: [String]
    public var keepGitDir: Bool?
    public var checksum: String?
    /// True when the arguments were a JSON array.
    public var isJSONForm: Bool

    public init(sources: [String], destination: String, heredocSources: [Heredoc] = [], from: String? = nil,
                chown: String? = nil, chmod: String? = nil, link: Bool = false, parents: Bool = false,
                excludes: [String] = [], keepGitDir: Bool? = nil, checksum: String? = nil, isJSONForm: Bool = false) {
        self.sources = sources
        self.destination = destination
        self.heredocSources = heredocSources
        self.from = from
        self.chown = chown
        self.chmod = chmod
        self.link = link
        self.parents = parents
        self.excludes = excludes
        self.keepGitDir = keepGitDir
        self.checksum = checksum
        self.isJSONForm = isJSONForm
    }
}
