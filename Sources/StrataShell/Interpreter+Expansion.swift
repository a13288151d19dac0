/// Fields under construction during expansion, before pathname expansion.
struct FieldAccumulator {
    struct Field {
        var text = ""
        var pattern = ""
        var hasGlob = false
        var provenance = Provenance.clean
    }

    var fields: [Field] = []
    var current: Field?
    let ifs: String

    mutating func start() { if current == nil { current = Field() } }

    mutating func append(_ text: String, quoted: Bool, provenance: Provenance) {
        if current == nil { current = Field() }
        current?.text += text
        current?.pattern += quoted ? ShellPattern.escape(text) : text
        if !quoted && ShellPattern.hasMagic(text) { current?.hasGlob = true }
        // Most values carry no secret: skip the merge (and its copy-on-write) for them.
        if !provenance.isClean { current?.provenance.merge(provenance) }
    }

    /// Whether `text` holds a character of `ifs`; byte-wise for the usual ASCII IFS.
    static func needsSplitting(_ text: String, ifs: String) -> Bool {
        if ifs.isEmpty { return false }
        if ifs.utf8.allSatisfy({ $0 < 0x80 }) {
            let separators = ifs.utf8
            return text.utf8.contains { separators.contains($0) }
        }
        return text.contains { ifs.contains($0) }
    }

    mutating func finish() {
        if let field = current { fields.append(field) }
        current = nil
    }

    /// Appends the result of an unquoted expansion, splitting it on IFS.
    mutating func appendSplitting(_ text: String, provenance: Provenance) {
        if ifs.isEmpty { if !text.isEmpty { append(text, quoted: true, provenance: provenance) }; return }
        // A value with no IFS character (a number, a path) is one piece: append it whole.
        if !text.isEmpty && !Self.needsSplitting(text, ifs: ifs) {
            append(text, quoted: true, provenance: provenance)
            return
        }
        var pendingNonWhite = false
        for c in text {
            if ifs.contains(c) {
                if c == " " || c == "\t" || c == "\n" {
                    if current != nil { finish() }
                } else {
                    if current == nil && !pendingNonWhite { start() }
                    finish()
                    pendingNonWhite = true
                    continue
                }
            } else {
                append(String(c), quoted: true, provenance: provenance)
            }
            pendingNonWhite = false
        }
    }
}

extension Interpreter {
    var ifs: String { value("IFS")?.text ?? " \t\n" }

    /// Expands words into fields: parameter, command and arithmetic expansion, field
    /// splitting, pathname expansion and quote removal.
    func expandFields(_ words: [ShellWord]) throws(ShellControl) -> [ShellString] {
        var result: [ShellString] = []
        result.reserveCapacity(words.count)
        let ifs = self.ifs
        for word in words {
            // A plain word (`[`, `-lt`, a command name) expands to itself: no accumulator.
            if case .literal(let text)? = word.parts.first, word.parts.count == 1, !ShellPattern.hasMagic(text) {
                result.append(ShellString(text))
                continue
            }
            // A lone `$name` whose value needs no splitting or globbing (`$i`, `$dir`) is one
            // field, or none when empty.
            if word.parts.count == 1, case .parameter(let expansion) = word.parts[0], expansion.op == .plain,
                let value = parameterValue(expansion.name), expansion.name != "@", expansion.name != "*",
                !FieldAccumulator.needsSplitting(value.text, ifs: ifs), !ShellPattern.hasMagic(value.text)
            {
                if !value.text.isEmpty { result.append(value) }
                continue
            }
            var accumulator = FieldAccumulator(ifs: ifs)
            try expand(word.parts, into: &accumulator, quoted: false, split: true)
            accumulator.finish()
            for field in accumulator.fields {
                if field.hasGlob && !noglob {
                    let matches = glob(field.pattern)
                    if !matches.isEmpty {
                        result += matches.map { ShellString($0, provenance: field.provenance) }
                        continue
                    }
                }
                result.append(ShellString(field.text, provenance: field.provenance))
            }
        }
        return result
    }

    /// Expands one word to one string without splitting or globbing.
    func expandSingle(_ word: ShellWord) throws(ShellControl) -> ShellString {
        if word.parts.count == 1 {
            switch word.parts[0] {
            case .literal(let text): return ShellString(text)
            case .arithmetic(let inner):
                // `i=$((i+1))`: the number is the whole value, no fields to assemble.
                let expression = try expandSingle(inner)
                return ShellString(String(try arithmetic(expression.text)), provenance: expression.provenance)
            default: break
            }
        }
        var accumulator = FieldAccumulator(ifs: "")
        try expand(word.parts, into: &accumulator, quoted: false, split: false)
        accumulator.finish()
        var out = ShellString("")
        for field in accumulator.fields {
            if !out.text.isEmpty { out.text += " " }
            out.text += field.text
            out.provenance.merge(field.provenance)
        }
        return out
    }

    func expandAssignment(_ word: ShellWord) throws(ShellControl) -> ShellString { try expandSingle(word) }

    /// Expands a word into a pattern: quoted parts become literal.
    func expandPattern(_ word: ShellWord) throws(ShellControl) -> String {
        var accumulator = FieldAccumulator(ifs: "")
        try expand(word.parts, into: &accumulator, quoted: false, split: false)
        accumulator.finish()
        return accumulator.fields.map(\.pattern).joined(separator: " ")
    }

    private func expand(_ parts: [WordPart], into acc: inout FieldAccumulator, quoted: Bool, split: Bool) throws(ShellControl) {
        for part in parts {
            switch part {
            case .literal(let text):
                acc.append(text, quoted: quoted, provenance: .clean)
            case .quoted(let text):
                acc.append(text, quoted: true, provenance: .clean)
            case .doubleQuoted(let inner):
                let isBareAt = inner.count == 1 && { if case .parameter(let p) = inner[0], p.name == "@", p.op == .plain { return true }; return false }()
                if isBareAt && positional.isEmpty { continue }
                acc.start()
                try expand(inner, into: &acc, quoted: true, split: false)
            case .tilde(let name):
                acc.append(tildeExpansion(name), quoted: true, provenance: .clean)
            case .parameter(let expansion):
                if (expansion.name == "@" || expansion.name == "*") && expansion.op == .plain {
                    let joiner = expansion.name == "*" ? String(ifs.first ?? " ") : " "
                    for (index, param) in positional.enumerated() {
                        if quoted {
                            if expansion.name == "@" {
                                if index > 0 { acc.finish(); acc.start() }
                            } else if index > 0 {
                                acc.append(joiner, quoted: true, provenance: .clean)
                            }
                            acc.append(param.text, quoted: true, provenance: param.provenance)
                        } else {
                            if index > 0 { acc.finish() }
                            if split { acc.appendSplitting(param.text, provenance: param.provenance) } else {
                                if index > 0 { acc.append(" ", quoted: true, provenance: .clean) }
                                acc.append(param.text, quoted: true, provenance: param.provenance)
                            }
                        }
                    }
                    continue
                }
                let value = try expandParameter(expansion, quoted: quoted)
                emit(value, into: &acc, quoted: quoted, split: split)
            case .commandSubstitution(let command):
                let value = try commandSubstitution(command)
                emit(value, into: &acc, quoted: quoted, split: split)
            case .arithmetic(let word):
                let expression = try expandSingle(word)
                let number = try arithmetic(expression.text)
                emit(ShellString(String(number), provenance: expression.provenance), into: &acc, quoted: quoted, split: split)
            }
        }
    }

    private func emit(_ value: ShellString, into acc: inout FieldAccumulator, quoted: Bool, split: Bool) {
        if quoted || !split {
            acc.append(value.text, quoted: true, provenance: value.provenance)
        } else {
            acc.appendSplitting(value.text, provenance: value.provenance)
        }
    }

    func tildeExpansion(_ name: String) -> String {
        if name.isEmpty { return value("HOME")?.text ?? user.home }
        if let passwd = try? fs.readFile("/etc/passwd") {
            for line in passwd.text.split(separator: "\n") {
                let fields = line.split(separator: ":", omittingEmptySubsequences: false)
                if fields.count >= 6 && fields[0] == name { return String(fields[5]) }
            }
        }
        return "~" + name
    }

    /// The value of a special or named parameter, nil when unset.
    func parameterValue(_ name: String) -> ShellString? {
        // Ordinary names first: they start with a letter or underscore, specials never do.
        if let first = name.utf8.first, first == 0x5F || (first | 0x20 >= 0x61 && first | 0x20 <= 0x7A) {
            return variables[name]?.value
        }
        switch name {
        case "?": return ShellString(String(lastStatus))
        case "#": return ShellString(String(positional.count))
        case "$": return ShellString(String(processID))
        case "!": return ShellString("")
        case "0": return ShellString(arg0)
        case "-": return ShellString((errexit ? "e" : "") + (nounset ? "u" : "") + (xtrace ? "x" : "") + (noglob ? "f" : ""))
        case "@", "*":
            var joined = ShellString("")
            for (index, p) in positional.enumerated() {
                if index > 0 { joined.text += name == "*" ? String(ifs.first ?? " ") : " " }
                joined.text += p.text
                joined.provenance.merge(p.provenance)
            }
            return joined
        default:
            if let index = Int(name) {
                return index >= 1 && index <= positional.count ? positional[index - 1] : nil
            }
            return value(name)
        }
    }

    private func expandParameter(_ expansion: ParameterExpansion, quoted: Bool) throws(ShellControl) -> ShellString {
        let current = parameterValue(expansion.name)
        let isSet = current != nil
        let isNull = current?.text.isEmpty ?? true
        func argument() throws(ShellControl) -> ShellString {
            guard let word = expansion.argument else { return ShellString("") }
            return try expandSingle(word)
        }
        func unsetError() throws(ShellControl) -> Never {
            writeError("\(arg0): \(expansion.name): parameter not set")
            throw .exit(2)
        }
        switch expansion.op {
        case .plain:
            if current == nil && nounset && expansion.name != "@" && expansion.name != "*" { try unsetError() }
            return current ?? ShellString("")
        case .length:
            if current == nil && nounset { try unsetError() }
            return ShellString(String((current?.text ?? "").count))
        case .useDefault(let colon):
            if !isSet || (colon && isNull) { return try argument() }
            return current ?? ShellString("")
        case .assignDefault(let colon):
            if !isSet || (colon && isNull) {
                let value = try argument()
                try setVariable(expansion.name, value)
                return value
            }
            return current ?? ShellString("")
        case .errorIfUnset(let colon):
            if !isSet || (colon && isNull) {
                let message = try argument().text
                writeError("\(arg0): \(expansion.name): " + (message.isEmpty ? (colon ? "parameter not set or null" : "parameter not set") : message))
                throw .exit(2)
            }
            return current ?? ShellString("")
        case .useAlternative(let colon):
            if !isSet || (colon && isNull) { return ShellString("") }
            return try argument()
        case .removeSmallestPrefix, .removeLargestPrefix, .removeSmallestSuffix, .removeLargestSuffix:
            if current == nil && nounset { try unsetError() }
            let text = Array((current?.text ?? ""))
            let pattern = try expansion.argument.map { (w) throws(ShellControl) in try expandPattern(w) } ?? ""
            let provenance = (current?.provenance ?? .clean).applying(.substituted)
            var lengths = Array(0...text.count)
            let isPrefix = expansion.op == .removeSmallestPrefix || expansion.op == .removeLargestPrefix
            if expansion.op == .removeLargestPrefix || expansion.op == .removeLargestSuffix { lengths.reverse() }
            for length in lengths {
                if isPrefix {
                    if ShellPattern.matches(pattern, String(text[0..<length])) {
                        return ShellString(String(text[length...]), provenance: provenance)
                    }
                } else if ShellPattern.matches(pattern, String(text[(text.count - length)...])) {
                    return ShellString(String(text[..<(text.count - length)]), provenance: provenance)
                }
            }
            return current ?? ShellString("")
        case .replace(let all, let anchor):
            let text = Array(current?.text ?? "")
            let pattern = try expansion.argument.map { (w) throws(ShellControl) in try expandPattern(w) } ?? ""
            let replacement = try expansion.second.map { (w) throws(ShellControl) in try expandSingle(w) } ?? ShellString("")
            var provenance = (current?.provenance ?? .clean).merged(with: replacement.provenance)
            provenance = provenance.applying(.substituted)
            var out = ""
            var i = 0
            var replaced = false
            while i <= text.count {
                if !(replaced && !all) && (anchor != "#" || i == 0) {
                    var matchEnd: Int?
                    for end in stride(from: text.count, through: i, by: -1) {
                        if anchor == "%" && end != text.count { continue }
                        if end == i && pattern.isEmpty == false && !ShellPattern.matches(pattern, "") { continue }
                        if ShellPattern.matches(pattern, String(text[i..<end])) { matchEnd = end; break }
                    }
                    if let end = matchEnd, end > i || !pattern.isEmpty {
                        out += replacement.text
                        replaced = true
                        if end == i { if i < text.count { out.append(text[i]) }; i += 1 } else { i = end }
                        continue
                    }
                }
                if i < text.count { out.append(text[i]) }
                i += 1
            }
            return ShellString(out, provenance: provenance)
        case .substring:
            let text = Array(current?.text ?? "")
            let offsetText = try expansion.argument.map { (w) throws(ShellControl) in try expandSingle(w).text } ?? "0"
            var offset = Int(try arithmetic(offsetText))
            if offset < 0 { offset = max(0, text.count + offset) }
            offset = min(offset, text.count)
            var end = text.count
            if let second = expansion.second {
                let length = Int(try arithmetic(try expandSingle(second).text))
                end = length < 0 ? max(offset, text.count + length) : min(text.count, offset + length)
            }
            return ShellString(String(text[offset..<end]), provenance: (current?.provenance ?? .clean).applying(.substituted))
        }
    }

    func commandSubstitution(_ command: ShellCommand) throws(ShellControl) -> ShellString {
        let sink = OutputSink(.pipe)
        let status = try subshell { () throws(ShellControl) in
            fds[1] = .output(sink)
            try execute(command)
        }
        lastSubstitutionStatus = status
        var bytes = sink.bytes
        while bytes.last == 0x0A { bytes.removeLast() }
        return ShellString(String(decoding: bytes, as: UTF8.self), provenance: sink.provenance)
    }

    func arithmetic(_ text: String) throws(ShellControl) -> Int {
        do {
            if let plain = ArithmeticExpression.plainDecimal(text) { return plain }
            return try compiledArithmetic(text).evaluate(self)
        } catch let error as ArithmeticError {
            writeError("\(arg0): \(error.message)")
            throw .exit(2)
        } catch let control as ShellControl {
            throw control
        } catch {
            throw .exit(2)
        }
    }

    /// Pathname expansion of a pattern relative to the working directory; sorted matches.
    func glob(_ pattern: String) -> [String] {
        let absolute = pattern.hasPrefix("/")
        let components = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var partials: [String] = [absolute ? "/" : ""]
        for (index, component) in components.enumerated() {
            let isLast = index == components.count - 1
            var next: [String] = []
            for partial in partials {
                let dir = partial.isEmpty ? cwd : (partial.hasPrefix("/") ? partial : self.absolute(partial))
                func join(_ name: String) -> String {
                    partial.isEmpty ? name : (partial.hasSuffix("/") ? partial + name : partial + "/" + name)
                }
                if ShellPattern.hasMagic(component) {
                    guard let names = try? fs.listDirectory(dir) else { continue }
                    for name in names {
                        if name.hasPrefix(".") && !component.hasPrefix(".") && !component.hasPrefix("\\.") { continue }
                        if ShellPattern.matches(component, name) {
                            let candidate = join(name)
                            if !isLast && !fs.isDirectory(self.absolute(candidate)) { continue }
                            next.append(candidate)
                        }
                    }
                } else {
                    let candidate = join(ShellPattern.unescape(component))
                    if (try? fs.lstat(self.absolute(candidate))) != nil { next.append(candidate) }
                }
            }
            partials = next.sorted()
            if partials.isEmpty { return [] }
        }
        if pattern.hasSuffix("/") { partials = partials.filter { fs.isDirectory(self.absolute($0)) }.map { $0 + "/" } }
        return partials
    }
}
