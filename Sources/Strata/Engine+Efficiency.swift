import StrataInspect

extension Engine {
    /// `strata efficiency`: how much of an image's bytes are wasted (files overwritten or
    /// removed by later layers), computed as dive computes it. The image is one in the store, a
    /// docker-archive, an OCI layout tar or an OCI layout directory; layers are read in place.
    public func efficiency(_ target: String) throws -> ImageEfficiency {
        switch try imageTarget(target) {
        case .archive(let archived): try ImageEfficiency(image: archived)
        case .stored(_, let auditable): try ImageEfficiency(image: auditable)
        }
    }
}
