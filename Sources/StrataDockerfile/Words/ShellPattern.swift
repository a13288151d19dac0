/// A shell glob (`*`, `?`, `\` escapes) as used by `${V#p}`, `${V%p}` and `${V/p/r}`,
/// matched with the semantics of the Go regular expression BuildKit builds from it:
/// leftmost match, `*` greedy or lazy, and `?`/`*` never matching a newline.
struct ShellPattern {
    enum Token: Equatable {
        case literal(Unicode.Scalar)
        case any
        case star
    }

    let tokens: [Token]
    let greedy: Bool
    let anchored: Bool

    init(_ pattern: String, greedy: Bool, anchored: Bool) throws(LexFailure) {
        var tokens: [Token] = []
        let scalars = Array(pattern.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let ch = scalars[index]
            index += 1
            switch ch {
            case "*": tokens.append(.star)
            case "?": tokens.append(.any)
            case "\\":
                if index < scalars.count && scalars[index] == "}" { continue }
                guard index < scalars.count, "*?\\".unicodeScalars.contains(scalars[index]) else {
                    let shown = index < scalars.count ? String(scalars[index]) : "\u{FFFD}"
                    throw LexFailure(reason: "invalid escape '\\\(shown)'")
                }
                tokens.append(.literal(scalars[index]))
                index += 1
            default: tokens.append(.literal(ch))
            }
        }
        self.tokens = tokens
        self.greedy = greedy
        self.anchored = anchored
    }

    /// The first (leftmost) match at or after `start`, as scalar offsets.
    func firstMatch(in subject: [Unicode.Scalar], from start: Int = 0) -> Range<Int>? {
        var matcher = Matcher(pattern: self, subject: subject)
        return matcher.firstMatch(from: start)
    }

    /// One pattern against one subject, remembering what each `*` could match from each
    /// position. Plain backtracking is exponential in the number of stars
    /// (`${V#*a*a*a*a*a*a*a*a*c}` on a 128-scalar value did not finish within the fuzzer's
    /// 10-second limit; see Docs/fuzzing.md); because a match from
    /// a given token and position does not depend on how it was reached, each `(star, position)`
    /// pair is solved once and the result is exactly what backtracking would have returned.
    struct Matcher {
        let pattern: ShellPattern
        let subject: [Unicode.Scalar]
        /// The end of the match from a star token at a position, or -1 for no match; keyed by
        /// `tokenIndex * (subject.count + 1) + position`.
        private var starResults: [Int: Int] = [:]

        init(pattern: ShellPattern, subject: [Unicode.Scalar]) {
            self.pattern = pattern
            self.subject = subject
        }

        /// The first (leftmost) match at or after `start`, as scalar offsets.
        mutating func firstMatch(from start: Int = 0) -> Range<Int>? {
            if pattern.anchored {
                guard start == 0, let end = match(tokenIndex: 0, at: 0) else { return nil }
                return 0..<end
            }
            guard start <= subject.count else { return nil }
            for origin in start...subject.count {
                if let end = match(tokenIndex: 0, at: origin) { return origin..<end }
            }
            return nil
        }

        /// Literals and `?` advance in a loop; only `*` branches (and recurses), so the stack
        /// depth is the number of stars, not the pattern's length.
        private mutating func match(tokenIndex start: Int, at origin: Int) -> Int? {
            var tokenIndex = start
            var position = origin
            while tokenIndex < pattern.tokens.count {
                switch pattern.tokens[tokenIndex] {
                case .literal(let ch):
                    guard position < subject.count, subject[position] == ch else { return nil }
                case .any:
                    guard position < subject.count, subject[position] != "\n" else { return nil }
                case .star:
                    return matchStar(tokenIndex: tokenIndex, at: position)
                }
                tokenIndex += 1
                position += 1
            }
            return position
        }

        private mutating func matchStar(tokenIndex: Int, at position: Int) -> Int? {
            let key = tokenIndex * (subject.count + 1) + position
            if let known = starResults[key] { return known < 0 ? nil : known }
            var limit = position
            while limit < subject.count && subject[limit] != "\n" { limit += 1 }
            var result: Int?
            let candidates = pattern.greedy ? Array((position...limit).reversed()) : Array(position...limit)
            for candidate in candidates {
                if let end = match(tokenIndex: tokenIndex + 1, at: candidate) {
                    result = end
                    break
                }
            }
            starResults[key] = result ?? -1
            return result
        }
    }

    /// The longest result `replace` builds, in scalars. Replacing every match of an empty
    /// pattern multiplies the replacement by the value's length, and replacements nest
    /// (`${V//?/${V//?/…}}`), so a few hundred bytes of Dockerfile can ask for gigabytes;
    /// fuzzing found such a word running past its 10-second limit. BuildKit has no limit (it
    /// would exhaust memory); real words stay far below this one.
    static let maximumReplacementLength = 1 << 20

    /// Go's `Regexp.ReplaceAllString`/first-match replacement; `$$` and `$0` in the
    /// replacement behave as in Go's template expansion.
    func replace(in value: String, with replacement: String, all: Bool) throws(LexFailure) -> String {
        let subject = Array(value.unicodeScalars)
        var matcher = Matcher(pattern: self, subject: subject)
        var output = String.UnicodeScalarView()
        var length = 0
        var lastMatchEnd = 0
        var searchPosition = 0
        while searchPosition <= subject.count {
            guard let found = matcher.firstMatch(from: searchPosition) else { break }
            output.append(contentsOf: subject[lastMatchEnd..<found.lowerBound])
            length += found.lowerBound - lastMatchEnd
            if found.upperBound > lastMatchEnd || found.lowerBound == 0 {
                let expanded = Self.expandTemplate(replacement, match: subject[found]).unicodeScalars
                output.append(contentsOf: expanded)
                length += expanded.count
            }
            guard length <= Self.maximumReplacementLength else {
                throw LexFailure(reason: "replacement longer than \(Self.maximumReplacementLength) characters")
            }
            lastMatchEnd = found.upperBound
            if !all { break }
            searchPosition = max(searchPosition + 1, found.upperBound)
        }
        output.append(contentsOf: subject[lastMatchEnd...])
        return String(output)
    }

    private static func expandTemplate(_ template: String, match: ArraySlice<Unicode.Scalar>) -> String {
        guard template.containsScalar("$") else { return template }
        var output = String.UnicodeScalarView()
        let scalars = Array(template.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let ch = scalars[index]
            index += 1
            guard ch == "$", index < scalars.count else {
                output.append(ch)
                continue
            }
            if scalars[index] == "$" {
                output.append("$")
                index += 1
                continue
            }
            // Go's `extract`: a name of letters, digits and `_`, and for `${` the `}` right
            // after it. (Scanning ahead to any `}` instead was quadratic: the fuzzer's
            // replacements held hundreds of unclosed `${`.)
            let brace = scalars[index] == "{"
            var name = ""
            var end = brace ? index + 1 : index
            while end < scalars.count, scalars[end].isGoLetter || scalars[end].isGoDigit || scalars[end] == "_" {
                name.unicodeScalars.append(scalars[end])
                end += 1
            }
            if brace {
                if end < scalars.count, scalars[end] == "}" { end += 1 } else { name = "" }
            }
            guard !name.isEmpty else {
                output.append(ch)
                continue
            }
            if name == "0" { output.append(contentsOf: match) }
            index = end
        }
        return String(output)
    }

    static func trimPrefix(pattern: String, from value: String, greedy: Bool) throws(LexFailure) -> String {
        let compiled = try ShellPattern(pattern, greedy: greedy, anchored: true)
        let subject = Array(value.unicodeScalars)
        guard let found = compiled.firstMatch(in: subject) else { return value }
        return String(String.UnicodeScalarView(subject[found.upperBound...]))
    }

    /// Trims the shortest (or longest) matching suffix by reversing both pattern and value,
    /// as BuildKit does, so that a leftmost match finds the rightmost suffix.
    static func trimSuffix(pattern: String, from value: String, greedy: Bool) throws(LexFailure) -> String {
        let reversedValue = String(String.UnicodeScalarView(value.unicodeScalars.reversed()))
        let trimmed = try trimPrefix(pattern: reversePattern(pattern), from: reversedValue, greedy: greedy)
        return String(String.UnicodeScalarView(trimmed.unicodeScalars.reversed()))
    }

    /// Reverses a pattern while keeping each `\x` escape pair in order.
    static func reversePattern(_ pattern: String) -> String {
        let scalars = Array(pattern.unicodeScalars)
        guard !scalars.isEmpty else { return pattern }
        var out = scalars
        let last = scalars.count - 1
        var index = 0
        while index <= last {
            let ch = scalars[index]
            let outIndex = last - index
            if ch == "\\" && index != last {
                out[outIndex - 1] = ch
                out[outIndex] = scalars[index + 1]
                index += 2
            } else {
                out[outIndex] = ch
                index += 1
            }
        }
        return String(String.UnicodeScalarView(out))
    }
}
