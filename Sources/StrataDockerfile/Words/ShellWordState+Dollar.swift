extension ShellWordState {
    /// Expands one `$…` reference; the scanner is on the `$`.
    mutating func processDollar() throws(LexFailure) -> String {
        next()
        if peek() != "{" {
            let name = processName()
            if name.isEmpty { return "$" }
            let value = environmentValue(name)
            if value == nil && options.skipUnsetVariables { return "$" + name }
            return value ?? ""
        }
        next()
        guard braceDepth < Self.maximumBraceDepth else {
            throw LexFailure(reason: "syntax error: substitutions nested more than \(Self.maximumBraceDepth) deep")
        }
        braceDepth += 1
        defer { braceDepth -= 1 }
        switch peek() {
        case nil:
            throw LexFailure(reason: "syntax error: missing '}'")
        case "{", "}", ":":
            throw LexFailure(reason: "syntax error: bad substitution")
        default:
            break
        }
        let name = processName()
        guard var ch = next() else { throw LexFailure(reason: "syntax error: missing '}'") }
        var modifier = String(ch)
        var nullIsUnset = false
        switch ch {
        case "}":
            let value = environmentValue(name)
            if value == nil && options.skipUnsetVariables { return "${\(name)}" }
            return value ?? ""
        case "/":
            return try processReplacement(name: name)
        case ":":
            nullIsUnset = true
            guard let following = next() else { throw LexFailure(reason: "syntax error: missing '}'") }
            ch = following
            modifier.unicodeScalars.append(ch)
        case "+", "-", "?", "#", "%":
            break
        default:
            throw LexFailure(reason: "unsupported modifier (\(modifier)) in substitution")
        }
        let isPattern = ch == "#" || ch == "%"
        if nullIsUnset && isPattern {
            throw LexFailure(reason: "unsupported modifier (\(modifier)) in substitution")
        }
        let word: String
        do {
            word = try processStopOn("}", rawEscapes: isPattern).0
        } catch {
            if peek() == nil { throw LexFailure(reason: "syntax error: missing '}'") }
            throw error
        }
        let value = environmentValue(name)
        if options.skipUnsetVariables && value == nil { return "${\(name)\(modifier)\(word)}" }
        let isUnset = value == nil || (nullIsUnset && value == "")
        switch ch {
        case "-":
            return isUnset ? word : (value ?? "")
        case "+":
            return isUnset ? "" : word
        case "?":
            guard let value else {
                throw LexFailure(reason: "\(name): \(word.isEmpty ? "is not allowed to be unset" : word)")
            }
            if nullIsUnset && value.isEmpty {
                throw LexFailure(reason: "\(name): \(word.isEmpty ? "is not allowed to be empty" : word)")
            }
            return value
        case "#", "%":
            var pattern = word
            var greedy = false
            if pattern.unicodeScalars.first == ch {
                greedy = true
                pattern.unicodeScalars.removeFirst()
            }
            let subject = value ?? ""
            do {
                return ch == "%"
                    ? try ShellPattern.trimSuffix(pattern: pattern, from: subject, greedy: greedy)
                    : try ShellPattern.trimPrefix(pattern: pattern, from: subject, greedy: greedy)
            } catch {
                throw LexFailure(reason: "invalid pattern (\(pattern)) in substitution: \(error.reason)")
            }
        default:
            throw LexFailure(reason: "unsupported modifier (\(modifier)) in substitution")
        }
    }

    /// `${name/pattern/replacement}` and `${name//pattern/replacement}`.
    private mutating func processReplacement(name: String) throws(LexFailure) -> String {
        let replaceAll = peek() == "/"
        if replaceAll { next() }
        let pattern: String
        do {
            pattern = try processStopOn("/", rawEscapes: true).0
        } catch {
            if peek() == nil { throw LexFailure(reason: "syntax error: missing '/' in ${}") }
            throw error
        }
        let replacement: String
        do {
            replacement = try processStopOn("}", rawEscapes: true).0
        } catch {
            if peek() == nil { throw LexFailure(reason: "syntax error: missing '}'") }
            throw error
        }
        let value = environmentValue(name) ?? ""
        let compiled: ShellPattern
        do {
            compiled = try ShellPattern(pattern, greedy: true, anchored: false)
        } catch {
            throw LexFailure(reason: "invalid pattern (\(pattern)) in substitution: \(error.reason)")
        }
        return try compiled.replace(in: value, with: replacement, all: replaceAll)
    }
}

extension Unicode.Scalar {
    /// Go's `unicode.IsSpace`: the Unicode White_Space property.
    var isGoSpace: Bool { properties.isWhitespace }

    /// Go's `unicode.IsDigit`: decimal digits of any script.
    var isGoDigit: Bool { properties.generalCategory == .decimalNumber }

    /// Go's `unicode.IsLetter`: general category L.
    var isGoLetter: Bool {
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }
}
