import Foundation

extension AwkMachine {
    mutating func evaluate(_ e: AwkExpression) throws(Flow) -> AwkValue {
        switch e {
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .regex(let r):
            return .number(try regex(r).firstMatch(in: Array(record.utf8), from: 0) != nil ? 1 : 0)
        case .field(let index):
            return field(Int(try evaluate(index).number))
        case .variable(let name):
            return variables[name] ?? AwkValue(string: "", number: 0, isNumeric: false)
        case .element(let name, let key):
            let k = try evaluate(key).string
            if arrays[name]?[k] == nil { arrays[name, default: [:]][k] = AwkValue(string: "", number: 0, isNumeric: false) }
            return arrays[name]?[k] ?? .string("")
        case .membership(let key, let array):
            let k: String
            if case .call("(join)", let items) = key {
                var parts: [String] = []
                for item in items { parts.append(try evaluate(item).string) }
                k = parts.joined(separator: variables["SUBSEP"]?.string ?? "\u{1C}")
            } else {
                k = try evaluate(key).string
            }
            return .number(arrays[array]?[k] != nil ? 1 : 0)
        case .assign(let target, let op, let valueExpression):
            var value = try evaluate(valueExpression)
            if op != "=" {
                let current = try evaluate(target).number
                let rhs = value.number
                switch op {
                case "+=": value = .number(current + rhs)
                case "-=": value = .number(current - rhs)
                case "*=": value = .number(current * rhs)
                case "/=": value = .number(rhs == 0 ? 0 : current / rhs)
                case "%=": value = .number(rhs == 0 ? 0 : current.truncatingRemainder(dividingBy: rhs))
                default: value = .number(pow(current, rhs))
                }
            }
            try store(target, value)
            return value
        case .increment(let target, let delta, let prefix):
            let old = try evaluate(target).number
            try store(target, .number(old + delta))
            return .number(prefix ? old + delta : old)
        case .unary(let op, let operand):
            let v = try evaluate(operand)
            switch op {
            case "!": return .number(v.truthy ? 0 : 1)
            case "-": return .number(-v.number)
            default: return .number(v.number)
            }
        case .binary(let op, let l, let r):
            if op == "&&" {
                if try !condition(l) { return .number(0) }
                return .number(try condition(r) ? 1 : 0)
            }
            if op == "||" {
                if try condition(l) { return .number(1) }
                return .number(try condition(r) ? 1 : 0)
            }
            let a = try evaluate(l)
            let b = try evaluate(r)
            switch op {
            case "+": return .number(a.number + b.number)
            case "-": return .number(a.number - b.number)
            case "*": return .number(a.number * b.number)
            case "/":
                guard b.number != 0 else { shell.programError("awk", "cmd. line:1: division by zero"); throw .exit(2) }
                return .number(a.number / b.number)
            case "%":
                guard b.number != 0 else { shell.programError("awk", "cmd. line:1: division by zero in %"); throw .exit(2) }
                return .number(a.number.truncatingRemainder(dividingBy: b.number))
            case "^": return .number(pow(a.number, b.number))
            default:
                let numeric = (a.isNumeric || isNumberLiteral(l)) && (b.isNumeric || isNumberLiteral(r))
                let order: Int
                if numeric {
                    order = a.number < b.number ? -1 : (a.number > b.number ? 1 : 0)
                } else {
                    order = a.string < b.string ? -1 : (a.string > b.string ? 1 : 0)
                }
                switch op {
                case "<": return .number(order < 0 ? 1 : 0)
                case "<=": return .number(order <= 0 ? 1 : 0)
                case ">": return .number(order > 0 ? 1 : 0)
                case ">=": return .number(order >= 0 ? 1 : 0)
                case "==": return .number(order == 0 ? 1 : 0)
                default: return .number(order != 0 ? 1 : 0)
                }
            }
        case .concat(let l, let r):
            return .string(try evaluate(l).string + evaluate(r).string)
        case .match(let l, let r, let negated):
            let text = try evaluate(l).string
            let source: String
            if case .regex(let pattern) = r { source = pattern } else { source = try evaluate(r).string }
            let hit = try regex(source).firstMatch(in: Array(text.utf8), from: 0) != nil
            return .number(hit != negated ? 1 : 0)
        case .ternary(let c, let a, let b):
            return try condition(c) ? evaluate(a) : evaluate(b)
        case .call(let name, let arguments):
            return try call(name, arguments)
        }
    }

    func isNumberLiteral(_ e: AwkExpression) -> Bool {
        if case .number = e { return true }
        return false
    }

    mutating func store(_ target: AwkExpression, _ value: AwkValue) throws(Flow) {
        switch target {
        case .variable(let name):
            variables[name] = value
            if name == "NF" {
                let count = Int(value.number)
                if count < fields.count { fields = Array(fields.prefix(count)) } else { while fields.count < count { fields.append("") } }
                rebuildRecord()
            }
        case .field(let index): setField(Int(try evaluate(index).number), value.string)
        case .element(let name, let key):
            let k = try evaluate(key).string
            arrays[name, default: [:]][k] = value
        default: break
        }
    }

    mutating func call(_ name: String, _ arguments: [AwkExpression]) throws(Flow) -> AwkValue {
        var values: [AwkValue] = []
        func argument(_ i: Int) -> AwkValue { i < values.count ? values[i] : .string("") }
        if name != "sub" && name != "gsub" && name != "split" {
            for a in arguments { values.append(try evaluate(a)) }
        }
        switch name {
        case "length": return .number(Double((arguments.isEmpty ? record : argument(0).string).count))
        case "substr":
            let s = Array(argument(0).string)
            var start = Int(argument(1).number.rounded())
            var length = values.count > 2 ? Int(argument(2).number.rounded()) : s.count
            if start < 1 { length += start - 1; start = 1 }
            let lo = min(s.count, start - 1)
            let hi = min(s.count, max(lo, lo + length))
            return .string(String(s[lo..<hi]))
        case "index":
            let hay = argument(0).string
            let needle = argument(1).string
            if needle.isEmpty { return .number(0) }
            if let r = Substring(hay).range(of: needle) { return .number(Double(hay.distance(from: hay.startIndex, to: r.lowerBound) + 1)) }
            return .number(0)
        case "tolower": return .string(argument(0).string.lowercased())
        case "toupper": return .string(argument(0).string.uppercased())
        case "int": return .number(argument(0).number.rounded(.towardZero))
        case "sprintf":
            return .string(Self.sprintf(argument(0).string, Array(values.dropFirst())))
        case "split":
            guard arguments.count >= 2, case .variable(let array) = arguments[1] else { return .number(0) }
            let text = try evaluate(arguments[0]).string
            var separator = variables["FS"]?.string ?? " "
            if arguments.count > 2 {
                if case .regex(let r) = arguments[2] { separator = r } else { separator = try evaluate(arguments[2]).string }
            }
            let parts: [String]
            if separator == " " {
                parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
            } else if separator.count == 1 {
                parts = text.isEmpty ? [] : text.split(separator: Character(separator), omittingEmptySubsequences: false).map(String.init)
            } else {
                parts = text.components(separatedBy: separator)
            }
            arrays[array] = [:]
            for (i, part) in parts.enumerated() { arrays[array]?[String(i + 1)] = .input(part) }
            return .number(Double(parts.count))
        case "sub", "gsub":
            guard arguments.count >= 2 else { return .number(0) }
            let source: String
            if case .regex(let r) = arguments[0] { source = r } else { source = try evaluate(arguments[0]).string }
            let replacement = try evaluate(arguments[1]).string
            let target = arguments.count > 2 ? arguments[2] : AwkExpression.field(.number(0))
            let text = Array(try evaluate(target).string.utf8)
            let compiled = try regex(source)
            var out: [UInt8] = []
            var count = 0
            var position = 0
            var copied = 0
            while position <= text.count, let m = compiled.firstMatch(in: text, from: position, notAtLineStart: position > 0), let r = m[0] {
                out += text[copied..<r.lowerBound]
                var i = 0
                let rep = Array(replacement.utf8)
                while i < rep.count {
                    if rep[i] == 0x5C, i + 1 < rep.count, rep[i + 1] == UInt8(ascii: "&") { out.append(UInt8(ascii: "&")); i += 2; continue }
                    if rep[i] == UInt8(ascii: "&") { out += text[r] } else { out.append(rep[i]) }
                    i += 1
                }
                copied = r.upperBound
                count += 1
                if name == "sub" { break }
                if r.isEmpty {
                    if r.upperBound < text.count { out.append(text[r.upperBound]) }
                    copied = r.upperBound + 1
                    position = r.upperBound + 1
                } else {
                    position = r.upperBound
                }
            }
            if count > 0 {
                if copied < text.count { out += text[copied...] }
                try store(target, .string(String(decoding: out, as: UTF8.self)))
            }
            return .number(Double(count))
        case "match":
            let text = Array(argument(0).string.utf8)
            let source: String
            if arguments.count > 1, case .regex(let r) = arguments[1] { source = r } else { source = argument(1).string }
            if let m = try regex(source).firstMatch(in: text, from: 0), let r = m[0] {
                variables["RSTART"] = .number(Double(r.lowerBound + 1))
                variables["RLENGTH"] = .number(Double(r.count))
                return .number(Double(r.lowerBound + 1))
            }
            variables["RSTART"] = .number(0)
            variables["RLENGTH"] = .number(-1)
            return .number(0)
        default:
            shell.programError("awk", "cmd. line:1: unsupported function \(name)")
            throw .exit(2)
        }
    }

    /// Applies a `%-8.3`-style width and precision to text (Foundation's `%@` ignores them).
    static func pad(_ text: String, _ spec: String) -> String {
        var body = spec.dropFirst()
        let left = body.contains("-")
        body = body.drop(while: { "-+ #0".contains($0) })
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        var value = text
        if parts.count > 1, let precision = Int(parts[1]) { value = String(value.prefix(precision)) }
        guard let width = parts.first.flatMap({ Int($0) }), value.count < width else { return value }
        let fill = String(repeating: " ", count: width - value.count)
        return left ? value + fill : fill + value
    }

    /// awk's printf: C conversions with awk's argument conversions.
    static func sprintf(_ format: String, _ values: [AwkValue]) -> String {
        var out = ""
        var chars = Array(format)[...]
        var index = 0
        func next() -> AwkValue { defer { index += 1 }; return index < values.count ? values[index] : .string("") }
        while let c = chars.popFirst() {
            guard c == "%" else { out.append(c); continue }
            var spec = "%"
            while let f = chars.first, "-+ #0123456789.".contains(f) { spec.append(f); chars.removeFirst() }
            guard let conversion = chars.popFirst() else { out += spec; break }
            switch conversion {
            case "%": out += "%"
            case "d", "i": out += String(format: spec + "lld", Int64(next().number.rounded(.towardZero)))
            case "o", "x", "X", "u": out += String(format: spec + "ll" + String(conversion), Int64(next().number.rounded(.towardZero)))
            case "c":
                let v = next()
                out += pad(v.isNumeric ? String(Character(Unicode.Scalar(UInt32(v.number)) ?? " ")) : String(v.string.prefix(1)), spec)
            case "s": out += pad(next().string, spec)
            case "e", "f", "g", "E", "G": out += String(format: spec + String(conversion), next().number)
            default: out += spec + String(conversion)
            }
        }
        return out
    }
}
