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
