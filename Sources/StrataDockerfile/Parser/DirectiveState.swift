/// Recognises parser directives (`# syntax=`, `# escape=`, `# check=`) at the top of the file,
/// like BuildKit's `DirectiveParser`: the first line that is not a known directive ends the
/// directive block, and each directive may appear only once.
struct DirectiveState {
    static let known: Set<String> = ["syntax", "escape", "check"]

    var escape: Unicode.Scalar = "\\"
    var seen: [ParserDirective] = []
    var done = false

    mutating func consider(_ line: String, line number: Int) throws(LexFailure) {
        guard !done else { return }
        guard let (name, value) = Self.match(line), Self.known.contains(name) else {
            done = true
            return
        }
        if seen.contains(where: { $0.name == name }) {
            throw LexFailure(reason: "only one \(name) parser directive can be used")
        }
        seen.append(ParserDirective(name: name, value: value, line: number))
        if name == "escape" {
            guard value == "`" || value == "\\", let token = value.unicodeScalars.first else {
                throw LexFailure(reason: "invalid escape token '\(value)' does not match ` or \\")
            }
            escape = token
        }
    }

    /// `^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$`, lower-casing the name.
    static func match(_ line: String) -> (String, String)? {
        var rest = Substring(line).unicodeScalars
        guard rest.first == "#" else { return nil }
        rest.removeFirst()
        func skipBlanks(_ text: inout Substring.UnicodeScalarView) {
            while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        }
        skipBlanks(&rest)
        func isAlpha(_ ch: Unicode.Scalar) -> Bool { ("a"..."z").contains(ch) || ("A"..."Z").contains(ch) }
        guard let first = rest.first, isAlpha(first) else { return nil }
        var name = ""
        while let ch = rest.first, isAlpha(ch) || ("0"..."9").contains(ch) {
            name.unicodeScalars.append(ch)
            rest.removeFirst()
        }
        skipBlanks(&rest)
        guard rest.first == "=" else { return nil }
        rest.removeFirst()
        guard !rest.isEmpty, !rest.contains("\n") else { return nil }
        var value = rest
        skipBlanks(&value)
        while let last = value.last, last == " " || last == "\t" { value.removeLast() }
        if value.isEmpty, let last = rest.last { return (name.lowercased(), String(last)) }
        return (name.lowercased(), String(value))
    }
}
