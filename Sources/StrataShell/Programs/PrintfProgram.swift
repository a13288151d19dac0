/// `printf FORMAT [ARG...]`, reusing the format until the arguments run out.
struct PrintfProgram: ShellProgram {
    static let names = ["printf"]

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        var args = invocation.arguments
        if args.first?.text == "--" { args.removeFirst() }
        guard let format = args.first else {
            shell.programError("printf", "usage: printf FORMAT [ARGUMENT...]")
            return 1
        }
        var rest = Array(args.dropFirst())
        var output = ""
        var status: Int32 = 0
        let provenance = invocation.argumentProvenance
        repeat {
            let consumedBefore = rest.count
            let (text, stop) = formatOnce(Array(format.text), &rest, &status, shell)
            output += text
            if stop || rest.count == consumedBefore { break }
        } while !rest.isEmpty
        try shell.writeOut(Array(output.utf8), provenance: provenance.applying(.copied))
        return status
    }

    private static func formatOnce(_ f: [Character], _ args: inout [ShellString], _ status: inout Int32, _ shell: Interpreter) -> (String, Bool) {
        var out = ""
        var i = 0
        func nextArg() -> String? { args.isEmpty ? nil : args.removeFirst().text }
        while i < f.count {
            let c = f[i]
            if c == "\\" {
                // Consecutive escapes are interpreted together, so `\303\251` gives the two
                // bytes of "é" rather than two invalid halves.
                var escape = ""
                var j = i
                while j < f.count, f[j] == "\\" {
                    escape.append("\\")
                    j += 1
                    guard j < f.count else { break }
                    let kind = f[j]
                    escape.append(kind)
                    j += 1
                    if kind == "x" || (kind >= "0" && kind <= "7") {
                        let limit = kind == "x" ? 2 : 3
                        var n = 0
                        while n < limit, j < f.count, kind == "x" ? f[j].isHexDigit : (f[j] >= "0" && f[j] <= "7") {
                            escape.append(f[j])
                            j += 1
                            n += 1
                        }
                    }
                }
                let (text, stop) = Escapes.interpret(escape, octalNeedsZero: false)
                out += text
                if stop { return (out, true) }
                i = j
                continue
            }
            guard c == "%", i + 1 < f.count else { out.append(c); i += 1; continue }
            if f[i + 1] == "%" { out.append("%"); i += 2; continue }
            var j = i + 1
            var flags = ""
            while j < f.count, "-+ #0".contains(f[j]) { flags.append(f[j]); j += 1 }
            var width = ""
            if j < f.count, f[j] == "*" { width = nextArg() ?? "0"; j += 1 } else {
                while j < f.count, f[j].isNumber { width.append(f[j]); j += 1 }
            }
            var precision: String?
            if j < f.count, f[j] == "." {
                j += 1
                var p = ""
                if j < f.count, f[j] == "*" { p = nextArg() ?? "0"; j += 1 } else {
                    while j < f.count, f[j].isNumber { p.append(f[j]); j += 1 }
                }
                precision = p
            }
            while j < f.count, "lhqjzt".contains(f[j]) { j += 1 }
            guard j < f.count else { out += String(f[i...]); break }
            let conversion = f[j]
            i = j + 1
            var body: String
            switch conversion {
            case "s":
                body = nextArg() ?? ""
                if let precision, let p = Int(precision) { body = String(body.prefix(p)) }
            case "b":
                let (text, stop) = Escapes.interpret(nextArg() ?? "", octalNeedsZero: true)
                body = text
                if stop { out += pad(body, flags, width); return (out, true) }
            case "c":
                body = (nextArg() ?? "").first.map(String.init) ?? ""
            case "d", "i", "u", "x", "X", "o":
                let raw = nextArg() ?? "0"
                let number = parseNumber(raw, &status, shell)
                switch conversion {
                case "x": body = String(UInt64(bitPattern: Int64(number)), radix: 16)
                case "X": body = String(UInt64(bitPattern: Int64(number)), radix: 16).uppercased()
                case "o": body = String(UInt64(bitPattern: Int64(number)), radix: 8)
                default: body = String(abs(number))
                }
                if let precision, let p = Int(precision), body.count < p { body = String(repeating: "0", count: p - body.count) + body }
                if flags.contains("#") && conversion == "x" && number != 0 { body = "0x" + body }
                let sign = number < 0 && "di".contains(conversion) ? "-" : (flags.contains("+") && "di".contains(conversion) ? "+" : (flags.contains(" ") && "di".contains(conversion) ? " " : ""))
                if flags.contains("0") && !flags.contains("-") && precision == nil, let w = Int(width), body.count + sign.count < w {
                    body = String(repeating: "0", count: w - body.count - sign.count) + body
                }
                body = sign + body
            case "f", "e", "g", "E", "G":
                let value = Double(nextArg() ?? "0") ?? 0
                let p = Int(precision ?? "6") ?? 6
                body = formatDouble(value, conversion, p)
                if flags.contains("0") && !flags.contains("-"), let w = Int(width), body.count < w {
                    let negative = body.hasPrefix("-")
                    let digits = negative ? String(body.dropFirst()) : body
                    body = (negative ? "-" : "") + String(repeating: "0", count: w - body.count) + digits
                }
            default:
                shell.writeError("\(shell.arg0): %\(conversion): invalid format")
                status = 1
                return (out, true)
            }
            out += pad(body, flags, width)
        }
        return (out, false)
    }

    private static func pad(_ body: String, _ flags: String, _ width: String) -> String {
        guard let w = Int(width), body.count < w else { return body }
        let fill = String(repeating: " ", count: w - body.count)
        return flags.contains("-") ? body + fill : fill + body
    }

    private static func parseNumber(_ raw: String, _ status: inout Int32, _ shell: Interpreter) -> Int {
        let text = raw.trimmingLeadingSpaces
        if let first = text.first, first == "'" || first == "\"" {
            return Int(text.dropFirst().unicodeScalars.first?.value ?? 0)
        }
        if let value = Int(text) { return value }
        if text.hasPrefix("0x") || text.hasPrefix("0X"), let value = Int(text.dropFirst(2), radix: 16) { return value }
        if text.hasPrefix("-0x"), let value = Int(text.dropFirst(3), radix: 16) { return -value }
        if text.hasPrefix("0"), let value = Int(text, radix: 8) { return value }
        if text.hasPrefix("+"), let value = Int(text.dropFirst()) { return value }
        var prefix = ""
        for c in text { if c.isNumber || (prefix.isEmpty && c == "-") { prefix.append(c) } else { break } }
        shell.writeError("\(shell.arg0): invalid number '\(raw)'")
        status = 1
        return Int(prefix) ?? 0
    }

    static func formatDouble(_ value: Double, _ conversion: Character, _ precision: Int) -> String {
        switch conversion {
        case "f":
            return fixed(value, precision)
        default:
            return fixed(value, precision)
        }
    }

    static func fixed(_ value: Double, _ precision: Int) -> String {
        var scale = 1.0
        for _ in 0..<precision { scale *= 10 }
        let negative = value < 0
        let scaled = (abs(value) * scale).rounded(.toNearestOrEven)
        let integer = UInt64(scaled / scale)
        var fraction = UInt64(scaled - Double(integer) * scale)
        if precision == 0 { return (negative ? "-" : "") + String(integer) }
        var digits = String(fraction)
        if digits.count < precision { digits = String(repeating: "0", count: precision - digits.count) + digits }
        fraction = 0
        return (negative ? "-" : "") + String(integer) + "." + digits
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop(while: { $0 == " " || $0 == "\t" })) }
}
