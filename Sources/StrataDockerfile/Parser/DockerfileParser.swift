import StrataSupport

/// Turns Dockerfile text into an AST exactly as BuildKit's `parser.Parse` does: parser
/// directives, comments, line continuations (comment and blank lines inside a continuation
/// dropped), flags, JSON vs shell form, heredocs and ONBUILD nesting.
///
/// The parser attaches no meaning: unknown instructions are kept (with an empty argument, as
/// BuildKit does) and rejected later by `InstructionParser`.
public enum DockerfileParser {
    /// The instruction keywords BuildKit knows, lower case.
    public static let keywords: [String] = [
        "add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from", "healthcheck", "label",
        "maintainer", "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir",
    ]

    /// Parses `text`. `fileName` appears in error locations.
    public static func parse(_ text: String, fileName: String = "Dockerfile") throws(DockerfileError) -> DockerfileAST {
        var state = ParseState(fileName: fileName, lines: splitLines(text))
        return try state.run()
    }

    /// Splits into lines that keep their `\n` (like BuildKit's scanner), dropping a leading BOM.
    static func splitLines(_ text: String) -> [Substring] {
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
        var lines: [Substring] = []
        var start = body.startIndex
        var index = body.startIndex
        let scalars = body.unicodeScalars
        while index < scalars.endIndex {
            let next = scalars.index(after: index)
            if scalars[index] == "\n" {
                lines.append(body[start..<next])
                start = next
            }
            index = next
        }
        if start < body.endIndex { lines.append(body[start...]) }
        return lines
    }
}

/// The mutable state of one parse: the line cursor and the directives seen so far.
struct ParseState {
    let fileName: String
    let lines: [Substring]
    var cursor = 0
    var currentLine = 0
    var directives = DirectiveState()
    var warnings: [ParseWarning] = []

    init(fileName: String, lines: [Substring]) {
        self.fileName = fileName
        self.lines = lines
    }

    mutating func scan() -> Substring? {
        guard cursor < lines.count else { return nil }
        defer { cursor += 1 }
        return lines[cursor]
    }

    func error(_ message: String, line: Int) -> DockerfileError {
        let index = line - 1
        let text = lines.indices.contains(index) ? String(lines[index]).trimmingNewline : nil
        return .syntax(message, at: SourceLocation(file: fileName, line: max(line, 1), column: 1), line: text)
    }

    mutating func processLine(_ raw: Substring, stripLeftWhitespace: Bool, lineNumber: Int) throws(DockerfileError) -> String {
        var token = String(raw).trimmingNewline
        if stripLeftWhitespace { token = token.trimmingLeadingSpace }
        do {
            try directives.consider(token, line: lineNumber)
        } catch {
            throw self.error(error.reason, line: lineNumber)
        }
        return token.isComment ? "" : token
    }

    mutating func run() throws(DockerfileError) -> DockerfileAST {
        var children: [Node] = []
        var comments: [String] = []
        while let raw = scan() {
            if String(raw).isComment {
                let comment = String(String(raw).trimmingLeadingSpace.dropFirst()).trimmingSpace
                if comment.isEmpty { comments = [] } else { comments.append(comment) }
            }
            let first = try processLine(raw, stripLeftWhitespace: true, lineNumber: currentLine + 1)
            currentLine += 1
            let startLine = currentLine
            var (line, isEndOfLine) = trimContinuation(first)
            if isEndOfLine && line.isEmpty { continue }

            var hasEmptyContinuationLine = false
            while !isEndOfLine, let next = scan() {
                let processed = try processLine(next, stripLeftWhitespace: false, lineNumber: currentLine + 1)
                currentLine += 1
                if String(next).isComment { continue }
                if processed.trimmingLeadingSpace.isEmpty {
                    hasEmptyContinuationLine = true
                    continue
                }
                let (continued, end) = trimContinuation(processed)
                line += continued
                isEndOfLine = end
            }
            if hasEmptyContinuationLine {
                warnings.append(ParseWarning(
                    rule: "NoEmptyContinuation", message: "Empty continuation line found in: \(line)",
                    range: SourceRange(file: fileName, line: currentLine)))
            }

            var child: Node
            do {
                child = try LineParser(escape: directives.escape).node(fromLine: line, comments: comments)
            } catch {
                throw self.error(error.reason, line: startLine)
            }
            if child.canContainHeredoc && line.containsScalars("<<") {
                try readHeredocs(into: &child, line: line, startLine: startLine)
            }
            child.startLine = startLine
            child.endLine = currentLine
            children.append(child)
            comments = []
        }
        guard !children.isEmpty else { throw error("file with no instructions", line: currentLine) }
        let root = Node(children: children, startLine: children[0].startLine, endLine: children[children.count - 1].endLine)
        return DockerfileAST(fileName: fileName, root: root, directives: directives.seen,
                             escape: Character(directives.escape), warnings: warnings)
    }

    /// Reads the bodies of the heredocs `line` introduces. BuildKit attaches them (and appends
    /// them to `original`) on the node that carries the command: ONBUILD's inner instruction
    /// rather than the ONBUILD node itself.
    private mutating func readHeredocs(into child: inout Node, line: String, startLine: Int) throws(DockerfileError) {
        let heredocs: [Heredoc]
        do {
            heredocs = try HeredocMarker.heredocs(inLine: line)
        } catch {
            throw self.error(error.reason, line: startLine)
        }
        guard !heredocs.isEmpty else { return }
        var read: [Heredoc] = []
        for var heredoc in heredocs {
            var terminated = false
            while let raw = scan() {
                currentLine += 1
                var candidate = String(raw).trimmingNewline
                if heredoc.chomp { candidate = String(candidate.drop { $0 == "\t" }) }
                if candidate.isIdentical(to: heredoc.name) {
                    terminated = true
                    break
                }
                heredoc.content += String(raw)
            }
            guard terminated else { throw self.error("unterminated heredoc", line: startLine) }
            read.append(heredoc)
        }
        func attach(_ node: inout Node) {
            node.heredocs = read
            node.original += "\n" + read.map { $0.content + $0.name + "\n" }.joined()
        }
        if child.keyword == "onbuild", !child.next.isEmpty, !child.next[0].children.isEmpty {
            attach(&child.next[0].children[0])
        } else {
            attach(&child)
        }
    }

    /// Removes a trailing escape character (plus spaces and tabs after it) unless it is itself
    /// escaped, like BuildKit's `([^\\])\\[ \t]*$` rule; the Bool says whether the logical line
    /// ended here.
    func trimContinuation(_ line: String) -> (String, Bool) {
        var scalars = Substring(line).unicodeScalars
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        guard let last = scalars.last, last == directives.escape else { return (line, true) }
        scalars.removeLast()
        // An escaped escape character (`\\`) at the end is not a continuation.
        if let before = scalars.last, before == directives.escape { return (line, true) }
        return (String(scalars), false)
    }
}

extension Node {
    /// RUN, COPY and ADD in shell form (also inside ONBUILD) may carry heredocs.
    var canContainHeredoc: Bool {
        var node = self
        if node.keyword == "onbuild", let inner = node.nestedInstruction { node = inner }
        return ["add", "copy", "run"].contains(node.keyword) && !node.isJSON
    }
}

extension StringProtocol {
    /// Without trailing `\r` and `\n` characters.
    var trimmingNewline: String {
        var scalars = Substring(self).unicodeScalars
        while let last = scalars.last, last == "\n" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }

    /// Without leading Unicode whitespace (Go's `unicode.IsSpace`).
    var trimmingLeadingSpace: String {
        String(Substring(self).unicodeScalars.drop { $0.isGoSpace })
    }

    /// Without leading or trailing Unicode whitespace (Go's `strings.TrimSpace`).
    var trimmingSpace: String {
        var scalars = Substring(self).unicodeScalars.drop { $0.isGoSpace }
        while let last = scalars.last, last.isGoSpace { scalars.removeLast() }
        return String(scalars)
    }

    /// A line whose first non-space character is `#`.
    var isComment: Bool { trimmingLeadingSpace.unicodeScalars.first == "#" }
}
