/// Whether a string is an image reference that `docker/distribution`'s
/// `reference.ParseNormalizedNamed` accepts: what BuildKit's InvalidDefaultArgInFrom tests a
/// FROM line against once its ARGs take their default values.
///
/// The grammar (distribution/reference `regexp.go`):
/// `[domain[:port]/]path-component(/path-component)*[:tag][@digest]`, path components
/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`, tags `\w[\w.-]{0,127}`, the name at most 255
/// characters, and no bare 64-hex identifier. Digests must also pass `go-digest`'s check
/// (a registered algorithm with a hex part of the right length).
enum ImageReferenceSyntax {
    static func isValid(_ reference: String) -> Bool {
        guard !reference.isEmpty, reference.unicodeScalars.allSatisfy(\.isASCII) else { return false }
        let text = Array(reference.utf8)
        if text.count == 64, text.allSatisfy(isLowerHex) { return false }

        // splitDockerDomain: the first component is a domain if it has '.' or ':', is
        // "localhost", or has upper case; otherwise the reference lives on docker.io.
        var remainder = text[...]
        var domain: ArraySlice<UInt8>?
        if let slash = text.firstIndex(of: UInt8(ascii: "/")) {
            let first = text[..<slash]
            let looksLikeDomain = first.contains(UInt8(ascii: ".")) || first.contains(UInt8(ascii: ":"))
                || first.elementsEqual("localhost".utf8) || first.contains(where: isUpper)
            if looksLikeDomain {
                domain = first
                remainder = text[(slash + 1)...]
            }
        }
        // The repository part must be lower case (checked before the grammar, same verdict).
        let tagColon = remainder.firstIndex(of: UInt8(ascii: ":"))
        let repository = remainder[..<(tagColon ?? remainder.endIndex)]
        if repository.contains(where: isUpper) { return false }

        // Split off @digest, then :tag (a ':' after the last '/').
        var name = remainder
        if let at = remainder.firstIndex(of: UInt8(ascii: "@")) {
            guard isValidDigest(remainder[(at + 1)...]) else { return false }
            name = remainder[..<at]
        }
        let lastComponentStart = name.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? name.startIndex
        if let colon = name[lastComponentStart...].firstIndex(of: UInt8(ascii: ":")) {
            guard isValidTag(name[(colon + 1)...]) else { return false }
            name = name[..<colon]
        }
        let components = name.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard components.allSatisfy(isValidPathComponent) else { return false }
        var fullNameLength = name.count
        if let domain {
            guard isValidDomain(domain) else { return false }
            fullNameLength += domain.count + 1
        } else {
            // docker.io/ plus library/ for official images.
            fullNameLength += "docker.io/".count + (components.count == 1 ? "library/".count : 0)
        }
        return fullNameLength <= 255
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
    private static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
    private static func isAlnum(_ byte: UInt8) -> Bool { isLowerAlnum(byte) || isUpper(byte) }
    private static func isWord(_ byte: UInt8) -> Bool { isAlnum(byte) || byte == UInt8(ascii: "_") }

    /// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
    private static func isValidPathComponent(_ component: ArraySlice<UInt8>) -> Bool {
        guard let first = component.first, let last = component.last, isLowerAlnum(first), isLowerAlnum(last) else {
            return false
        }
        var separator: [UInt8] = []
        for byte in component {
            if isLowerAlnum(byte) {
                if !separator.isEmpty {
                    let valid = separator == [UInt8(ascii: ".")] || separator == [UInt8(ascii: "_")]
                        || separator == [UInt8(ascii: "_"), UInt8(ascii: "_")] || separator.allSatisfy { $0 == UInt8(ascii: "-") }
                    guard valid else { return false }
                    separator = []
                }
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") {
                separator.append(byte)
            } else {
                return false
            }
        }
        return true
    }

    /// `\w[\w.-]{0,127}`
    private static func isValidTag(_ tag: ArraySlice<UInt8>) -> Bool {
        guard let first = tag.first, isWord(first), tag.count <= 128 else { return false }
        return tag.allSatisfy { isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// `host[:port]`, host a dotted list of `[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?` labels or
    /// a bracketed IPv6 address.
    private static func isValidDomain(_ domain: ArraySlice<UInt8>) -> Bool {
        var host = domain
        if host.first == UInt8(ascii: "["), let close = host.firstIndex(of: UInt8(ascii: "]")) {
            let inside = host[(host.startIndex + 1)..<close]
            guard !inside.isEmpty, inside.allSatisfy({ isHex($0) || $0 == UInt8(ascii: ":") }) else { return false }
            host = host[(close + 1)...]
            return host.isEmpty || isValidPort(host)
        }
        if let colon = host.firstIndex(of: UInt8(ascii: ":")) {
            guard isValidPort(host[colon...]) else { return false }
            host = host[..<colon]
        }
        let labels = host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard let first = label.first, let last = label.last, isAlnum(first), isAlnum(last) else { return false }
            return label.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// `:[0-9]+`
    private static func isValidPort(_ port: ArraySlice<UInt8>) -> Bool {
        port.count > 1 && port.first == UInt8(ascii: ":")
            && port.dropFirst().allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        isLowerHex(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    /// `algorithm:hex` with a registered algorithm and its exact length, lower-case hex.
    private static func isValidDigest(_ digest: ArraySlice<UInt8>) -> Bool {
        guard let colon = digest.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let algorithm = String(decoding: digest[..<colon], as: UTF8.self)
        let hex = digest[(colon + 1)...]
        let lengths = ["sha256": 64, "sha384": 96, "sha512": 128]
        guard let length = lengths[algorithm] else { return false }
        return hex.count == length && hex.allSatisfy(isLowerHex)
    }
}
