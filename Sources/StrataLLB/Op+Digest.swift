import StrataSupport

extension Op {
    /// The digest of the operation's canonical binary encoding: what vertex ids and the
    /// solver's cache keys cover. Computed once per vertex (`Vertex.opDigest`) and shared by
    /// both, instead of encoding the op as JSON for each.
    ///
    /// The encoding is unambiguous (every field is tagged or length-prefixed, every enum case
    /// has its own tag) and depends only on the op's values, so the digest is stable across runs
    /// and machines. It covers every field, in declaration order; a new field must be added here,
    /// or two ops that differ in it would share a cache entry. Secret mounts contribute their id,
    /// target and options, never bytes (an op holds no secret bytes).
    public var digest: Digest {
        var writer = BinaryWriter(prefix: [OpEncoding.version])
        writer.op(self)
        return Digest.of(writer.bytes)
    }
}
