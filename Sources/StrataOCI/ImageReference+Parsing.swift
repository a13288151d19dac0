import StrataSupport

/// Why a string is not an image reference.
public enum ReferenceError: Error, Equatable, CustomStringConvertible {
    case empty
    case uppercase(String)
    case invalidFormat(String)
    case invalidTag(String)
    case invalidDigest(String)
    case nameTooLong(String)

    public var description: String {
        switch self {
        case .empty: "invalid reference format: empty image name"
        case .uppercase(let text): "invalid reference format: repository name \"\(text)\" must be lowercase"
        case .invalidFormat(let text): "invalid reference format: \"\(text)\""
        case .invalidTag(let tag): "invalid tag \"\(tag)\": use up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'"
        case .invalidDigest(let text): "invalid digest \"\(text)\""
        case .nameTooLong(let text): "repository name \"\(text)\" is longer than 255 characters"
        }
    }
}

extension ImageReference {
    /// Parses and normalises `text`; a reference without tag or digest gets no tag here
    /// (use `withDefaultTag`), so callers can tell `busybox` from `busybox:latest`.
    public init(parsing text: String) throws(ReferenceError) {
        guard !text.isEmpty else { throw .empty }
        var rest = Substring(text)
        var digest: Digest?
        if let at = rest.firstIndex(of: "@") {
            let digestText = String(rest[rest.index(after: at)...])
            guard let parsed = try? Digest(parsing: digestText) else { throw .invalidDigest(digestText) }
            digest = parsed
            rest = rest[..<at]
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            let tagText = String(rest[rest.index(after: colon)...])
            guard Self.isValidTag(tagText) else { throw .invalidTag(tagText) }
            tag = tagText
            rest = rest[..<colon]
        }
        var domain = Self.defaultDomain
        var path = String(rest)
        if let slash = rest.firstIndex(of: "/") {
            let first = rest[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" || first.contains(where: \.isUppercase) {
                domain = String(first)
                path = String(rest[rest.index(after: slash)...])
            }
        }
        if domain == "index.docker.io" { domain = Self.defaultDomain }
        guard !path.isEmpty else { throw .invalidFormat(text) }
        if path.contains(where: \.isUppercase) { throw .uppercase(text) }
        guard Self.isValidDomain(domain), path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(Self.isValidComponent)
        else { throw .invalidFormat(text) }
        if domain == Self.defaultDomain && !path.contains("/") { path = "library/" + path }
        guard (domain + "/" + path).utf8.count <= 255 else { throw .nameTooLong(text) }
        self.init(domain: domain, path: path, tag: tag, digest: digest)
    }

    /// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`, as in distribution/reference.
    static func isValidComponent(_ component: Substring) -> Bool {
        let bytes = Array(component.utf8)
        guard let first = bytes.first, let last = bytes.last, isAlnum(first), isAlnum(last) else { return false }
        var i = 0
        while i < bytes.count {
            if isAlnum(bytes[i]) { i += 1; continue }
            var j = i
            while j < bytes.count && !isAlnum(bytes[j]) { j += 1 }
            let separator = bytes[i..<j]
            let ok = separator.elementsEqual([UInt8(ascii: ".")]) || separator.elementsEqual([UInt8(ascii: "_")])
                || separator.elementsEqual([UInt8(ascii: "_"), UInt8(ascii: "_")])
                || separator.allSatisfy { $0 == UInt8(ascii: "-") }
            guard ok else { return false }
            i = j
        }
        return true
    }

    /// `[\w][\w.-]{0,127}`.
    static func isValidTag(_ tag: String) -> Bool {
        let bytes = Array(tag.utf8)
        guard let first = bytes.first, bytes.count <= 128, isWord(first) else { return false }
        return bytes.allSatisfy { isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// A host name (labels of letters, digits and '-', dot separated) or IPv6 in brackets, with an optional port.
    static func isValidDomain(_ domain: String) -> Bool {
        var host = Substring(domain)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let after = host[host.index(after: close)...]
            return after.isEmpty || (after.hasPrefix(":") && after.dropFirst().allSatisfy(\.isNumber) && after.count > 1)
        }
        if let colon = host.lastIndex(of: ":") {
            let port = host[host.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber) else { return false }
            host = host[..<colon]
        }
        return !host.isEmpty && host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.utf8.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
        }
    }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isWord(_ byte: UInt8) -> Bool {
        isAlnum(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte == UInt8(ascii: "_")
    }
}
