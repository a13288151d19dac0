/// Shell-style path patterns with Go's `filepath.Match` semantics, which BuildKit uses for
/// COPY sources and `.dockerignore`: `*` matches any run of non-`/` characters, `?` one
/// non-`/` character, `[...]` a class (`[^...]` or `[!...]` negated, ranges), `\` escapes.
/// `**` as a whole path component (only where `allowsDoubleStar`) matches any number of components.
public struct PathPattern: Sendable, Hashable {
    public let text: String
    private let components: [[UInt8]]
    private let allowsDoubleStar: Bool

    public init(_ text: String, allowsDoubleStar: Bool = false) {
        self.text = text
        self.allowsDoubleStar = allowsDoubleStar
        self.components = text.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
    }

    /// Whether the pattern has any wildcard characters at all.
    public var hasWildcards: Bool { text.contains(where: { "*?[\\".contains($0) }) }

    /// Matches a whole relative path such as `a/b/c.txt`.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        return match(components[...], parts[...])
    }

    /// Matches the first components of `path` against the whole pattern (a pattern naming a
    /// directory also covers everything inside it).
    public func matchesPrefix(of path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        for count in stride(from: parts.count, through: 1, by: -1) where match(components[...], parts.prefix(count)) { return true }
        return false
    }

    private func match(_ pattern: ArraySlice<[UInt8]>, _ parts: ArraySlice<[UInt8]>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        if allowsDoubleStar && first == Array("**".utf8) {
            let rest = pattern.dropFirst()
            var remaining = parts
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let part = parts.first, PathPattern.matchComponent(first[...], part[...]) else { return false }
        return match(pattern.dropFirst(), parts.dropFirst())
    }

    /// Matches one path component (no `/` inside) against one pattern component.
    public static func matchComponent(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex, n = name.startIndex
        var starP: Int?, starN = 0
        while n < name.endIndex {
            if p < pattern.endIndex {
                let c = pattern[p]
                if c == UInt8(ascii: "*") {
                    starP = p
                    starN = n
                    p += 1
                    continue
                }
                if c == UInt8(ascii: "?") {
                    p += 1
                    n += 1
                    continue
                }
                if c == UInt8(ascii: "["), let (matched, next) = matchClass(pattern, from: p, byte: name[n]) {
                    if matched {
                        p = next
                        n += 1
                        continue
                    }
                } else {
                    var literal = c
                    var next = p + 1
                    if c == UInt8(ascii: "\\"), p + 1 < pattern.endIndex {
                        literal = pattern[p + 1]
                        next = p + 2
                    }
                    if literal == name[n] {
                        p = next
                        n += 1
                        continue
                    }
                }
            }
            guard let star = starP else { return false }
            p = star + 1
            starN += 1
            n = starN
        }
        while p < pattern.endIndex && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }

    /// A `[...]` class at `start`: whether `byte` matches and where the class ends; nil if malformed.
    private static func matchClass(_ pattern: ArraySlice<UInt8>, from start: Int, byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negated = false
        if i < pattern.endIndex && (pattern[i] == UInt8(ascii: "^") || pattern[i] == UInt8(ascii: "!")) {
            negated = true
            i += 1
        }
        var matched = false
        var first = true
        while i < pattern.endIndex {
            if pattern[i] == UInt8(ascii: "]") && !first { return (matched != negated, i + 1) }
            first = false
            var low = pattern[i]
            if low == UInt8(ascii: "\\"), i + 1 < pattern.endIndex {
                i += 1
                low = pattern[i]
            }
            var high = low
            if i + 2 < pattern.endIndex && pattern[i + 1] == UInt8(ascii: "-") && pattern[i + 2] != UInt8(ascii: "]") {
                high = pattern[i + 2]
                i += 2
            }
            if low <= byte && byte <= high { matched = true }
            i += 1
        }
        return nil
    }
}
