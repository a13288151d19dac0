struct SedError: Error { var message: String }

/// A parsed sed script.
struct SedScript {
    enum Address {
        case line(Int)
        case last
        case regex(Regex?)
    }

    /// One command. A class: `SedState` reads it once per input line, and copying a struct of
    /// strings and arrays per line cost more than the command itself.
    final class Command {
        init(name: Character) { self.name = name }

        var address1: Address?
        var address2: Address?
        var negated = false
        var name: Character
        var text = ""
        var regex: Regex?
        var replacement: [UInt8] = []
        var global = false
        var occurrence = 1
        var printAfter = false
        var from: [UInt8] = []
        var to: [UInt8] = []
        /// For `{`: index of the matching `}`; for `b`/`t`: the target index.
        var jump = -1
        var label = ""
        var exitCode: Int32?
    }

    var commands: [Command] = []

    init(_ text: String, extended: Bool) throws(SedError) {
        let s = Array(text.utf8)
        var i = 0
        var blockStack: [Int] = []
        var labels: [String: Int] = [:]
        var lastRegex: Regex?
        func skipSpace() { while i < s.count && (s[i] == 0x20 || s[i] == 0x09) { i += 1 } }
        func readDelimited(_ delimiter: UInt8) throws(SedError) -> [UInt8] {
            var out: [UInt8] = []
            while i < s.count && s[i] != delimiter {
                if s[i] == 0x5C && i + 1 < s.count {
                    if s[i + 1] == delimiter { out.append(delimiter); i += 2; continue }
                    if s[i + 1] == UInt8(ascii: "n") { out.append(0x0A); i += 2; continue }
                    out += [s[i], s[i + 1]]
                    i += 2
                    continue
                }
                if s[i] == UInt8(ascii: "[") {
                    // Copy bracket expressions whole: the delimiter is literal inside them.
                    out.append(s[i]); i += 1
                    if i < s.count && s[i] == UInt8(ascii: "^") { out.append(s[i]); i += 1 }
                    if i < s.count && s[i] == UInt8(ascii: "]") { out.append(s[i]); i += 1 }
                    while i < s.count && s[i] != UInt8(ascii: "]") { out.append(s[i]); i += 1 }
                    if i < s.count { out.append(s[i]); i += 1 }
                    continue
                }
                out.append(s[i])
                i += 1
            }
            guard i < s.count else { throw SedError(message: "unmatched '\(Character(Unicode.Scalar(delimiter)))'") }
            i += 1
            return out
        }
        func compile(_ bytes: [UInt8], ignoreCase: Bool = false) throws(SedError) -> Regex? {
            if bytes.isEmpty { return lastRegex }
            do {
                let regex = try Regex(String(decoding: bytes, as: UTF8.self), extended: extended, ignoreCase: ignoreCase)
                lastRegex = regex
                return regex
            } catch { throw SedError(message: "bad regex '\(String(decoding: bytes, as: UTF8.self))': \(error.message)") }
        }
        func address() throws(SedError) -> Address? {
            guard i < s.count else { return nil }
            if s[i] >= 48 && s[i] <= 57 {
                var n = 0
                while i < s.count && s[i] >= 48 && s[i] <= 57 { n = n * 10 + Int(s[i] - 48); i += 1 }
                return .line(n)
            }
            if s[i] == UInt8(ascii: "$") { i += 1; return .last }
            if s[i] == UInt8(ascii: "/") || s[i] == 0x5C {
                var delimiter = s[i]
                if delimiter == 0x5C { i += 1; delimiter = s[i] }
                i += 1
                let re = try readDelimited(delimiter)
                var ignoreCase = false
                if i < s.count && s[i] == UInt8(ascii: "I") { ignoreCase = true; i += 1 }
                return .regex(try compile(re, ignoreCase: ignoreCase))
            }
            return nil
        }
        func readText() -> String {
            // `a\` newline text, or GNU one-liner `a text`.
            skipSpace()
            if i < s.count && s[i] == 0x5C { i += 1; if i < s.count && s[i] == 0x0A { i += 1 } }
            skipSpace()
            var out: [UInt8] = []
            while i < s.count && s[i] != 0x0A {
                if s[i] == 0x5C && i + 1 < s.count {
                    i += 1
                    if s[i] == 0x0A { out.append(0x0A); i += 1; continue }
                    out.append(s[i] == UInt8(ascii: "t") ? 0x09 : s[i])
                    i += 1
                    continue
                }
                out.append(s[i])
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        func readLabel() -> String {
            skipSpace()
            var out: [UInt8] = []
            while i < s.count && s[i] != 0x0A && s[i] != UInt8(ascii: ";") && s[i] != UInt8(ascii: "}") { out.append(s[i]); i += 1 }
            return String(decoding: out, as: UTF8.self).trimmingCharacters(in: " ")
        }
        while i < s.count {
            while i < s.count && (s[i] == 0x20 || s[i] == 0x09 || s[i] == 0x0A || s[i] == UInt8(ascii: ";")) { i += 1 }
            guard i < s.count else { break }
            if s[i] == UInt8(ascii: "#") { while i < s.count && s[i] != 0x0A { i += 1 }; continue }
            let command = Command(name: " ")
            command.address1 = try address()
            if command.address1 != nil && i < s.count && s[i] == UInt8(ascii: ",") {
                i += 1
                command.address2 = try address()
            }
            skipSpace()
            while i < s.count && s[i] == UInt8(ascii: "!") { command.negated = true; i += 1; skipSpace() }
            guard i < s.count else { throw SedError(message: "missing command") }
            let name = Character(Unicode.Scalar(s[i]))
            command.name = name
            i += 1
            switch name {
            case "{":
                blockStack.append(commands.count)
            case "}":
                guard let open = blockStack.popLast() else { throw SedError(message: "unexpected '}'") }
                commands[open].jump = commands.count
            case "s":
                guard i < s.count else { throw SedError(message: "unterminated 's' command") }
                let delimiter = s[i]
                i += 1
                let re = try readDelimited(delimiter)
                command.replacement = try readDelimited(delimiter)
                var ignoreCase = false
                while i < s.count {
                    let f = s[i]
                    if f == UInt8(ascii: "g") { command.global = true } else if f == UInt8(ascii: "p") { command.printAfter = true } else if f == UInt8(ascii: "I") || f == UInt8(ascii: "i") { ignoreCase = true } else if f >= 48 && f <= 57 { command.occurrence = Int(f - 48) } else if f == UInt8(ascii: "w") {
                        i += 1
                        command.label = readLabel()
                        continue
                    } else { break }
                    i += 1
                }
                command.regex = try compile(re, ignoreCase: ignoreCase)
                if command.regex == nil { throw SedError(message: "no previous regexp") }
            case "y":
                guard i < s.count else { throw SedError(message: "unterminated 'y' command") }
                let delimiter = s[i]
                i += 1
                command.from = try readDelimited(delimiter)
                command.to = try readDelimited(delimiter)
                guard command.from.count == command.to.count else { throw SedError(message: "strings for y command are different lengths") }
            case "a", "i", "c":
                command.text = readText()
            case ":":
                let label = readLabel()
                labels[label] = commands.count
            case "b", "t", "T":
                command.label = readLabel()
            case "q", "Q":
                skipSpace()
                var n = 0
                var any = false
                while i < s.count && s[i] >= 48 && s[i] <= 57 { n = n * 10 + Int(s[i] - 48); i += 1; any = true }
                if any { command.exitCode = Int32(n) }
            case "d", "D", "p", "P", "=", "n", "N", "h", "H", "g", "G", "x", "l":
                break
            case "w":
                command.label = readLabel()
            case "r":
                command.label = readLabel()
            default:
                throw SedError(message: "unsupported command \(name)")
            }
            commands.append(command)
        }
        if !blockStack.isEmpty { throw SedError(message: "missing '}'") }
        for index in commands.indices where "btT".contains(commands[index].name) {
            commands[index].jump = commands[index].label.isEmpty ? commands.count : (labels[commands[index].label] ?? commands.count)
        }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
