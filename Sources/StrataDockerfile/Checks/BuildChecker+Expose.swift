extension BuildChecker {
    /// ExposeProtoCasing and ExposeInvalidFormat, on EXPOSE's words after expansion and word
    /// splitting, as BuildKit's `dispatchExpose` / `portSpecs.parsePort` see them.
    ///
    /// Each port is split like `[ip:]hostPort:containerPort[/proto]`; a protocol other than
    /// tcp, udp or sctp (any case) or an empty port is a build error in BuildKit, which stops
    /// before linting it, so such a port ends the instruction's checks here too. Taken from
    /// the Build checks page: "EXPOSE 127.0.0.1:80:80" and "EXPOSE 80:80" are flagged, "EXPOSE 80"
    /// is not.
    func exposeFindings() -> [Finding] {
        let expander = WordExpander(escape: dockerfile.ast.escape)
        var findings: [Finding] = []
        forEachInstructionWithEnvironment { _, instruction, environment in
            guard case .expose(let words) = instruction.kind else { return }
            var ports: [String] = []
            for word in words {
                guard let expanded = try? expander.expandWords(word, environment: environment) else { return }
                ports += expanded
            }
            for port in ports {
                let parts = port.split(separator: ":", omittingEmptySubsequences: false)
                let containerPort = parts.last ?? ""
                let hasHostPart = parts.count > 1
                let proto = containerPort.firstIndex(of: "/").map { containerPort[containerPort.index(after: $0)...] } ?? ""
                let number = containerPort.prefix { $0 != "/" }
                guard !number.isEmpty, ["", "tcp", "udp", "sctp"].contains(proto.lowercased()) else { return }
                if proto != proto.lowercased() {
                    findings.append(finding(.exposeProtoCasing,
                        "Defined protocol '\(port)' in EXPOSE instruction should be lowercase", at: instruction))
                }
                if hasHostPart {
                    findings.append(finding(.exposeInvalidFormat,
                        "EXPOSE instruction should not define an IP address or host-port mapping, found '\(port)'", at: instruction))
                }
            }
        }
        return findings
    }
}
