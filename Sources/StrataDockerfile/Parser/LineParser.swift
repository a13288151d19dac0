/// Parses one logical line (continuations joined) into an instruction node, dispatching on
/// the keyword like BuildKit's `newNodeFromLine` and its `line_parsers.go`.
struct LineParser {
    let escape: Unicode.Scalar

    func node(fromLine line: String, comments: [String]) throws(LexFailure) -> Node {
        let (command, flags, arguments) = splitCommand(line)
        var node = Node(value: command, original: line, flags: flags, previousComments: comments)
        switch command.lowercased() {
        case "add", "copy", "volume":
            (node.next, node.isJSON) = try parseMaybeJSONToList(arguments)
        case "arg":
            node.next = parseWords(arguments).map { Node(value: $0) }
        case "cmd", "entrypoint", "run", "shell":
            (node.next, node.isJSON) = try parseMaybeJSON(arguments)
        case "env":
            node.next = try parseNameValue(arguments, keyword: "ENV")
        case "label":
            node.next = try parseNameValue(arguments, keyword: "LABEL")
        case "expose", "from":
            node.next = arguments.isEmpty ? [] : splitOnWhitespace(arguments).map { Node(value: $0) }
        case "healthcheck":
            (node.next, node.isJSON) = try parseHealthConfig(arguments)
        case "maintainer", "stopsignal", "user", "workdir":
            node.next = arguments.isEmpty ? [] : [Node(value: arguments)]
        case "onbuild":
            if !arguments.isEmpty {
                let inner = try self.node(fromLine: arguments, comments: [])
                node.next = [Node(children: [inner])]
            }
        default:
            // BuildKit's parseIgnore: unknown instructions keep one empty argument.
            node.next = [Node()]
        }
        return node
    }

    /// Keyword, flags, and the rest of the line (trimmed).
    func splitCommand(_ line: String) -> (String, [String], String) {
        let parts = splitOnWhitespace(line.trimmingSpace, limit: 2)
        guard parts.count == 2 else { return (parts.first ?? "", [], "") }
        let (rest, flags) = BuilderFlags.extract(from: parts[1])
        return (parts[0], flags, rest.trimmingSpace)
    }

    /// Go's `regexp.MustCompile("[\t\v\f\r ]+").Split(text, limit)` (limit -1: no limit).
    func splitOnWhitespace(_ text: String, limit: Int = -1) -> [String] {
        if text.isEmpty { return limit == 0 ? [] : [""] }
        func isBlank(_ ch: Unicode.Scalar) -> Bool { ch == "\t" || ch == "\u{0B}" || ch == "\u{0C}" || ch == "\r" || ch == " " }
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = Substring(text).unicodeScalars[...]
        while let ch = scalars.first {
            if isBlank(ch) && (limit < 0 || parts.count < limit - 1) {
                parts.append(String(current))
                current = String.UnicodeScalarView()
                while let blank = scalars.first, isBlank(blank) { scalars.removeFirst() }
                continue
            }
            current.append(ch)
            scalars.removeFirst()
        }
        parts.append(String(current))
        return parts
    }

    func parseMaybeJSON(_ rest: String) throws(LexFailure) -> ([Node], Bool) {
        if rest.isEmpty { return ([], false) }
        switch GoJSONArray.decode(rest) {
        case .strings(let values): return (values.map { Node(value: $0) }, true)
        case .notStrings: throw LexFailure(reason: GoJSONArray.notStringArrayMessage)
        case .invalid: return ([Node(value: rest)], false)
        }
    }

    func parseMaybeJSONToList(_ rest: String) throws(LexFailure) -> ([Node], Bool) {
        switch GoJSONArray.decode(rest) {
        case .strings(let values): return (values.map { Node(value: $0) }, true)
        case .notStrings: throw LexFailure(reason: GoJSONArray.notStringArrayMessage)
        case .invalid: return (rest.isEmpty ? [] : splitOnWhitespace(rest).map { Node(value: $0) }, false)
        }
    }

    /// `HEALTHCHECK TYPE args`: the type, then the arguments like CMD's.
    func parseHealthConfig(_ rest: String) throws(LexFailure) -> ([Node], Bool) {
        let bytes = Array(rest.utf8)
        var separator = 0
        while separator < bytes.count, !BuilderFlags.isSpace(bytes[separator]) { separator += 1 }
        var next = separator
        while next < bytes.count, BuilderFlags.isSpace(bytes[next]) { next += 1 }
        if separator == 0 { return ([], false) }
        let type = String(decoding: bytes[..<separator], as: UTF8.self)
        let (command, isJSON) = try parseMaybeJSON(String(decoding: bytes[next...], as: UTF8.self))
        return ([Node(value: type)] + command, isJSON)
    }

    /// ENV and LABEL: `key=value …` or the legacy `key value`, as key/value/separator triples.
    func parseNameValue(_ rest: String, keyword: String) throws(LexFailure) -> [Node] {
        let words = parseWords(rest)
        guard let first = words.first else { return [] }
        if !first.containsScalar("=") {
            let parts = splitOnWhitespace(rest, limit: 2)
            guard parts.count == 2 else { throw LexFailure(reason: "\(keyword) must have two arguments") }
            return [Node(value: parts[0]), Node(value: parts[1]), Node(value: "")]
        }
        var nodes: [Node] = []
        for word in words {
            guard let (key, value) = word.splitOnce(at: "=") else {
                throw LexFailure(reason: "Syntax error - can't find = in \(GoQuote.quote(word)). Must be of the form: name=value")
            }
            nodes += [Node(value: key), Node(value: value), Node(value: "=")]
        }
        return nodes
    }
}
