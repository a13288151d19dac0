/// What applying one layer did, beyond changing the tree.
public struct AppliedLayer: Sendable, Hashable {
    /// Entries read from the layer, including whiteouts.
    public var entryCount = 0
    /// Paths of entries Strata does not model (devices), left out of the snapshot.
    public var skipped: [String] = []
}
