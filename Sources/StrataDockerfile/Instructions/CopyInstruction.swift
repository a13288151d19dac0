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
}
