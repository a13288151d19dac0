extension Snapshot {
    /// The whole tree as one layer's entries (the diff from an empty snapshot).
    public func rootfsEntries() -> [LayerEntry] {
        LayerDiff(from: .empty(store: store, rootMetadata: rootMetadata), to: self).entries
    }

    /// The whole tree as one uncompressed layer tar, e.g. a base image's only layer.
    public func rootfsTar() throws(FSError) -> [UInt8] {
        try LayerWriter.tar(rootfsEntries(), store: store)
    }
}
