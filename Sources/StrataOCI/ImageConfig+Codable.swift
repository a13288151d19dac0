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

extension ContainerConfig: Codable {
    private static let known: Set<String> = [
        "User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels", "StopSignal",
        "ArgsEscaped", "Healthcheck", "Shell", "OnBuild",
    ]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        func key(_ name: String) -> AnyCodingKey { AnyCodingKey(name) }
        user = try c.decodeIfPresent(String.self, forKey: key("User"))
        exposedPorts = try c.decodeIfPresent([String: EmptyObject].self, forKey: key("ExposedPorts"))
        env = try c.decodeIfPresent([String].self, forKey: key("Env"))
        entrypoint = try c.decodeIfPresent([String].self, forKey: key("Entrypoint"))
        cmd = try c.decodeIfPresent([String].self, forKey: key("Cmd"))
        volumes = try c.decodeIfPresent([String: EmptyObject].self, forKey: key("Volumes"))
        workingDir = try c.decodeIfPresent(String.self, forKey: key("WorkingDir"))
        labels = try c.decodeIfPresent([String: String].self, forKey: key("Labels"))
        stopSignal = try c.decodeIfPresent(String.self, forKey: key("StopSignal"))
        argsEscaped = try c.decodeIfPresent(Bool.self, forKey: key("ArgsEscaped"))
        healthcheck = try c.decodeIfPresent(Healthcheck.self, forKey: key("Healthcheck"))
        shell = try c.decodeIfPresent([String].self, forKey: key("Shell"))
        onBuild = try c.decodeIfPresent([String].self, forKey: key("OnBuild"))
        extra = try c.unknownFields(known: Self.known)
    }

    /// Empty strings, lists and maps are omitted, as `omitempty` does in the OCI spec's Go types.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        func key(_ name: String) -> AnyCodingKey { AnyCodingKey(name) }
        func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        func nonEmpty<T>(_ a: [T]?) -> [T]? { a.flatMap { $0.isEmpty ? nil : $0 } }
        func nonEmpty<V>(_ m: [String: V]?) -> [String: V]? { m.flatMap { $0.isEmpty ? nil : $0 } }
        try c.encodeUnknown(extra)
        try c.encodeIfPresent(nonEmpty(user), forKey: key("User"))
        try c.encodeIfPresent(nonEmpty(exposedPorts), forKey: key("ExposedPorts"))
        try c.encodeIfPresent(nonEmpty(env), forKey: key("Env"))
        try c.encodeIfPresent(nonEmpty(entrypoint), forKey: key("Entrypoint"))
        try c.encodeIfPresent(nonEmpty(cmd), forKey: key("Cmd"))
        try c.encodeIfPresent(nonEmpty(volumes), forKey: key("Volumes"))
        try c.encodeIfPresent(nonEmpty(workingDir), forKey: key("WorkingDir"))
        try c.encodeIfPresent(nonEmpty(labels), forKey: key("Labels"))
        try c.encodeIfPresent(nonEmpty(stopSignal), forKey: key("StopSignal"))
        try c.encodeIfPresent(argsEscaped == true ? true : nil, forKey: key("ArgsEscaped"))
        try c.encodeIfPresent(healthcheck, forKey: key("Healthcheck"))
        try c.encodeIfPresent(nonEmpty(shell), forKey: key("Shell"))
        try c.encodeIfPresent(nonEmpty(onBuild), forKey: key("OnBuild"))
    }
}
