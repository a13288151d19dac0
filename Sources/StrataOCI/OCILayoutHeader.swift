/// The `oci-layout` file at the root of an OCI image layout.
public struct OCILayoutHeader: Codable, Sendable, Equatable {
    public var imageLayoutVersion: String
    public init(imageLayoutVersion: String = "1.0.0") { self.imageLayoutVersion = imageLayoutVersion }
}
