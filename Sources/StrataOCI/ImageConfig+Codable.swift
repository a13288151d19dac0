extension ImageConfig: Codable {
    private static let known: Set<String> = [
        "created", "author", "architecture", "os", "os.version", "os.features", "variant", "config", "rootfs", "history",
    ]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        func key(_ name: String) -> AnyCodingKey { AnyCodingKey(name) }
        created = try c.decodeIfPresent(String.self, forKey: key("created"))
        author = try c.decodeIfPresent(String.self, forKey: key("author"))
        architecture = try c.decodeIfPresent(String.self, forKey: key("architecture")) ?? ""
        os = try c.decodeIfPresent(String.self, forKey: key("os")) ?? ""
        osVersion = try c.decodeIfPresent(String.self, forKey: key("os.version"))
        osFeatures = try c.decodeIfPresent([String].self, forKey: key("os.features"))
        variant = try c.decodeIfPresent(String.self, forKey: key("variant"))
        config = try c.decodeIfPresent(ContainerConfig.self, forKey: key("config"))
        rootfs = try c.decodeIfPresent(RootFS.self, forKey: key("rootfs")) ?? RootFS(diffIDs: [])
        history = try c.decodeIfPresent([History].self, forKey: key("history"))
        extra = try c.unknownFields(known: Self.known)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        func key(_ name: String) -> AnyCodingKey { AnyCodingKey(name) }
        try c.encodeUnknown(extra)
        try c.encodeIfPresent(created, forKey: key("created"))
        try c.encodeIfPresent(author, forKey: key("author"))
        try c.encode(architecture, forKey: key("architecture"))
        try c.encode(os, forKey: key("os"))
        try c.encodeIfPresent(osVersion, forKey: key("os.version"))
        try c.encodeIfPresent(osFeatures.flatMap { $0.isEmpty ? nil : $0 }, forKey: key("os.features"))
        try c.encodeIfPresent(variant, forKey: key("variant"))
        try c.encodeIfPresent(config, forKey: key("config"))
        try c.encode(rootfs, forKey: key("rootfs"))
        try c.encodeIfPresent(history.flatMap { $0.isEmpty ? nil : $0 }, forKey: key("history"))
    }
}
