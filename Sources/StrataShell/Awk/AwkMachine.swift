import Foundation

/// An awk value: a string, a number, or input text that also reads as a number ("strnum").
struct AwkValue {
    var string: String
    var number: Double
    /// Numbers and numeric-looking input compare numerically.
    var isNumeric: Bool

    static func number(_ n: Double) -> AwkValue { AwkValue(string: AwkMachine.format(n, "%.6g"), number: n, isNumeric: true) }
    static func string(_ s: String) -> AwkValue { AwkValue(string: s, number: AwkMachine.leadingNumber(s), isNumeric: false) }
    static func input(_ s: String) -> AwkValue {
        let trimmed = s.trimmingCharacters(in: " \t\n")
        let numeric = !trimmed.isEmpty && Double(trimmed) != nil
        return AwkValue(string: s, number: AwkMachine.leadingNumber(s), isNumeric: numeric)
    }
    var truthy: Bool { isNumeric ? number != 0 : !string.isEmpty }
}

/// Runs a parsed awk program over input records.
struct AwkMachine {
    enum Flow: Error { case next, exit(Int32), control(ShellControl) }

    let rules: [AwkRule]
    let shell: Interpreter
    var variables: [String: AwkValue] = [:]
    var arrays: [String: [String: AwkValue]] = [:]
    var fields: [String] = []
    var record = ""
    var output: [UInt8] = []
    var files: [String: (append: Bool, data: [UInt8])] = [:]
    var rangeActive: [Bool]
    var regexCache: [String: Regex] = [:]
    /// Provenance of the input records, carried into files the program writes.
    var inputProvenance = Provenance.clean

    init(rules: [AwkRule], shell: Interpreter, assignments: [(String, String)], fieldSeparator: String?) {
        self.rules = rules
        self.shell = shell
        rangeActive = Array(repeating: false, count: rules.count)
        variables["FS"] = .string(fieldSeparator ?? " ")
        variables["OFS"] = .string(" ")
        variables["ORS"] = .string("\n")
        variables["NR"] = .number(0)
        variables["NF"] = .number(0)
        variables["SUBSEP"] = .string("\u{1C}")
        for (name, value) in assignments { variables[name] = .input(value) }
    }

    static func leadingNumber(_ s: String) -> Double {
        var text = ""
        var seenDigit = false
        for c in s.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if c.isNumber { text.append(c); seenDigit = true } else if (c == "-" || c == "+") && text.isEmpty { text.append(c) } else if c == "." && !text.contains(".") { text.append(c) } else if (c == "e" || c == "E") && seenDigit && !text.contains("e") { text.append("e") } else { break }
        }
        while let last = text.last, !last.isNumber, last != "." || text.count == 1 { text.removeLast() }
        return Double(text) ?? 0
    }

    static func format(_ n: Double, _ convfmt: String) -> String {
        if n == n.rounded(), abs(n) < 1e16 { return String(Int64(n)) }
        return String(format: convfmt, n)
    }

    mutating func regex(_ source: String) throws(Flow) -> Regex {
        if let cached = regexCache[source] { return cached }
        do {
            let compiled = try Regex(source, extended: true)
            regexCache[source] = compiled
            return compiled
        } catch {
            throw .control(.exit(2))
        }
    }

    // MARK: records and fields

    mutating func setRecord(_ text: String) {
        record = text
        let fs = variables["FS"]?.string ?? " "
        if text.isEmpty {
            fields = []
        } else if fs == " " {
            fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        } else if fs.count == 1 {
            fields = text.split(separator: Character(fs), omittingEmptySubsequences: false).map(String.init)
        } else if let regex = try? Regex(fs, extended: true) {
            var parts: [String] = []
            let bytes = Array(text.utf8)
            var start = 0
            var from = 0
            while from <= bytes.count, let m = regex.firstMatch(in: bytes, from: from), let r = m[0], !r.isEmpty {
                parts.append(String(decoding: bytes[start..<r.lowerBound], as: UTF8.self))
                start = r.upperBound
                from = r.upperBound
            }
            parts.append(String(decoding: bytes[start...], as: UTF8.self))
            fields = parts
        } else {
            fields = [text]
        }
        variables["NF"] = .number(Double(fields.count))
    }

    mutating func rebuildRecord() {
        let ofs = variables["OFS"]?.string ?? " "
        record = fields.joined(separator: ofs)
    }

    func field(_ index: Int) -> AwkValue {
        if index == 0 { return .input(record) }
        return index <= fields.count && index > 0 ? .input(fields[index - 1]) : .input("")
    }

    mutating func setField(_ index: Int, _ value: String) {
        if index == 0 { setRecord(value); return }
        while fields.count < index { fields.append("") }
        fields[index - 1] = value
        variables["NF"] = .number(Double(fields.count))
        rebuildRecord()
    }

    // MARK: running

    mutating func run(input: [String]) throws(ShellControl) -> Int32 {
        do throws(Flow) {
            for rule in rules { if case .begin = rule.pattern { try executeAll(rule.action ?? []) } }
            let hasMain = rules.contains { if case .begin = $0.pattern { return false }; if case .end = $0.pattern { return false }; return true }
            let hasEnd = rules.contains { if case .end = $0.pattern { return true }; return false }
            if hasMain || hasEnd {
                var nr = 0
                records: for line in input {
                    nr += 1
                    variables["NR"] = .number(Double(nr))
                    variables["FNR"] = .number(Double(nr))
                    setRecord(line)
                    for (index, rule) in rules.enumerated() {
                        guard try matches(rule.pattern, index) else { continue }
                        do throws(Flow) {
                            if let action = rule.action { try executeAll(action) } else { try printRecord() }
                        } catch {
                            if case .next = error { continue records }
                            throw error
                        }
                    }
                }
            }
            for rule in rules { if case .end = rule.pattern { try executeAll(rule.action ?? []) } }
        } catch {
            switch error {
            case .exit(let code):
                do throws(Flow) { for rule in rules { if case .end = rule.pattern { try executeAll(rule.action ?? []) } } } catch {}
                try flush()
                return code
            case .control(let control): throw control
            case .next: break
            }
        }
        try flush()
        return 0
    }

    mutating func flush() throws(ShellControl) {
        try shell.writeOut(output, provenance: .clean)
        output = []
        for (path, file) in files.sorted(by: { $0.key < $1.key }) {
            _ = try shell.writeFile(path, ProvenancedBytes(file.data, provenance: inputProvenance), append: file.append)
        }
        files = [:]
    }

    mutating func printRecord() throws(Flow) {
        output += Array((record + (variables["ORS"]?.string ?? "\n")).utf8)
    }

    mutating func matches(_ pattern: AwkRule.Pattern, _ index: Int) throws(Flow) -> Bool {
        switch pattern {
        case .begin, .end: return false
        case .always: return true
        case .expression(let e): return try condition(e)
        case .range(let start, let end):
            if rangeActive[index] {
                if try condition(end) { rangeActive[index] = false }
                return true
            }
            if try condition(start) {
                rangeActive[index] = !(try condition(end))
                return true
            }
            return false
        }
    }

    mutating func condition(_ e: AwkExpression) throws(Flow) -> Bool {
        if case .regex(let r) = e { return try regex(r).firstMatch(in: Array(record.utf8), from: 0) != nil }
        return try evaluate(e).truthy
    }

    mutating func executeAll(_ statements: [AwkStatement]) throws(Flow) {
        for statement in statements { try execute(statement) }
    }

    mutating func emit(_ text: String, to output: (append: Bool, target: AwkExpression)?) throws(Flow) {
        guard let output else { self.output += Array(text.utf8); return }
        let path = try evaluate(output.target).string
        if files[path] == nil { files[path] = (output.append, []) }
        files[path]?.data += Array(text.utf8)
    }

    mutating func execute(_ statement: AwkStatement) throws(Flow) {
        do { try shell.countCommand() } catch { throw .control(error) }
        switch statement {
        case .print(let items, let target):
            let ofs = variables["OFS"]?.string ?? " "
            let ors = variables["ORS"]?.string ?? "\n"
            if items.isEmpty { try emit(record + ors, to: target); return }
            var parts: [String] = []
            for item in items {
                let value = try evaluate(item)
                parts.append(value.isNumeric && !isInput(item) ? Self.format(value.number, variables["OFMT"]?.string ?? "%.6g") : value.string)
            }
            try emit(parts.joined(separator: ofs) + ors, to: target)
        case .printf(let items, let target):
            guard let first = items.first else { return }
            var values: [AwkValue] = []
            for item in items.dropFirst() { values.append(try evaluate(item)) }
            try emit(Self.sprintf(try evaluate(first).string, values), to: target)
        case .expression(let e):
            _ = try evaluate(e)
        case .block(let statements):
            try executeAll(statements)
        case .ifElse(let c, let a, let b):
            if try condition(c) { try execute(a) } else if let b { try execute(b) }
        case .whileLoop(let c, let body):
            var guardCount = 0
            while try condition(c) {
                guardCount += 1
                if guardCount > shell.limits.maxLoopIterations {
                    throw .control(.limit(ShellLimitViolation(kind: .loopIterations, message: "RUN exceeded the limit of \(shell.limits.maxLoopIterations) loop iterations")))
                }
                try execute(body)
            }
        case .forLoop(let initial, let c, let step, let body):
            if let initial { try execute(initial) }
            var guardCount = 0
            while try c.map({ (e) throws(Flow) in try condition(e) }) ?? true {
                guardCount += 1
                if guardCount > shell.limits.maxLoopIterations {
                    throw .control(.limit(ShellLimitViolation(kind: .loopIterations, message: "RUN exceeded the limit of \(shell.limits.maxLoopIterations) loop iterations")))
                }
                try execute(body)
                if let step { try execute(step) }
            }
        case .forIn(let variable, let array, let body):
            for key in (arrays[array] ?? [:]).keys.sorted() {
                variables[variable] = .input(key)
                try execute(body)
            }
        case .next:
            throw .next
        case .exit(let code):
            throw .exit(Int32(try code.map { (e) throws(Flow) in try evaluate(e).number } ?? 0))
        case .delete(let name, let key):
            if let key {
                let k = try evaluate(key).string
                arrays[name]?[k] = nil
            } else {
                arrays[name] = [:]
            }
        }
    }

    func isInput(_ e: AwkExpression) -> Bool {
        switch e {
        case .field, .variable, .element: return true
        default: return false
        }
    }
}
