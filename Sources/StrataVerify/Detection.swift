/// A credential-like span found by a detector.
public struct Detection: Sendable, Hashable {
    /// Index into the scanner's `detectors`.
    public var detector: Int
    public var offset: Int
    public var length: Int
}
