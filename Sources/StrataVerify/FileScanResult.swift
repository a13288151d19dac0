/// What `ImageAuditor.scanFiles(under:)` found in a directory tree on disk.
public struct FileScanResult: Sendable {
    public var findings: [Finding]
    /// Regular files scanned, and their total size.
    public var files: Int
    public var bytes: Int
    /// Files that could not be opened or read to the end.
    public var unreadable: Int
}
