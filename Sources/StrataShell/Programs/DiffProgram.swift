/// `diff [-u] [-U N] [-q] FILE1 FILE2`: busybox prints unified diffs by default, with bare
/// `--- NAME` / `+++ NAME` headers (no timestamps).
///
/// Lines are matched by a longest-common-subsequence table, which gives busybox's hunks for
/// the edits builds make; on inputs past `tableLimit` cells the files are reported as wholly
/// replaced rather than risking the time.
struct DiffProgram: ShellProgram {
    static let names = ["diff"]
    static let tableLimit = 4_000_000

    /// One line of an edit script.
    enum Edit: Equatable {
        case same(Int, Int)
        case delete(Int)
        case insert(Int)
    }

    static func run(_ shell: Interpreter, _ invocation: ProgramInvocation) throws(ShellControl) -> Int32 {
        let parsed = ParsedOptions(invocation.arguments, flags: "uqbBdiNrstTw", valued: "UL")
        if let bad = parsed.invalid { return shell.invalidOption("diff", bad) }
        guard parsed.operands.count == 2 else {
            shell.programError("diff", "missing operand")
            return 2
        }
        let (firstName, secondName) = (parsed.operands[0], parsed.operands[1])
        var inputs: [ProvenancedBytes] = []
        for name in [firstName, secondName] {
            if name == "-" { inputs.append(shell.readAllInput()); continue }
            do { inputs.append(try shell.fs.readFile(shell.absolute(name))) } catch {
                shell.programError("diff", "can't stat '\(name)': \(error.message)")
                return 2
            }
        }
        if inputs[0].bytes == inputs[1].bytes { return 0 }
        let provenance = inputs[0].provenance.merged(with: inputs[1].provenance)
        if parsed.has("q") {
            try shell.writeOut("Files \(firstName) and \(secondName) differ\n", provenance: provenance)
            return 1
        }
        let context = parsed.values["U"].flatMap { Int($0) } ?? 3
        let a = splitLinesKeepingEnd(inputs[0].bytes)
        let b = splitLinesKeepingEnd(inputs[1].bytes)
        var out = "--- \(firstName)\n+++ \(secondName)\n"
        out += unified(a, b, context: context)
        try shell.writeOut(out, provenance: provenance)
        return 1
    }

    /// The edit script turning `a` into `b`, deletions before insertions within a change.
    static func edits(_ a: [[UInt8]], _ b: [[UInt8]]) -> [Edit] {
        let n = a.count, m = b.count
        guard n * m <= tableLimit else { return (0..<n).map(Edit.delete) + (0..<m).map(Edit.insert) }
        // lcs[i][j]: length of the LCS of a[i...] and b[j...].
        var lcs = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var result: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n && j < m && a[i] == b[j] {
                result.append(.same(i, j)); i += 1; j += 1
            } else if j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1]) {
                result.append(.delete(i)); i += 1
            } else {
                result.append(.insert(j)); j += 1
            }
        }
        return result
    }

    /// Hunks with `context` lines around each change; changes closer than twice the context
    /// share a hunk.
    static func unified(_ a: [[UInt8]], _ b: [[UInt8]], context: Int) -> String {
        let script = edits(a, b)
        let changed = script.indices.filter { if case .same = script[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return "" }
        var groups: [(Int, Int)] = []
        for index in changed {
            if let last = groups.last, index - last.1 <= 2 * context + 1 {
                groups[groups.count - 1].1 = index
            } else {
                groups.append((index, index))
            }
        }
        var out = ""
        for (first, last) in groups {
            let start = max(0, first - context)
            let end = min(script.count - 1, last + context)
            var oldStart: Int?, newStart: Int?
            var oldCount = 0, newCount = 0
            var body = ""
            func line(_ prefix: String, _ bytes: [UInt8]) {
                var text = prefix + String(decoding: bytes, as: UTF8.self)
                if text.hasSuffix("\n") { text.removeLast() }
                body += text + "\n"
                if bytes.last != 0x0A { body += "\\ No newline at end of file\n" }
            }
            // Positions before the hunk, for empty ranges.
            var oldBefore = 0, newBefore = 0
            for edit in script[..<start] {
                switch edit {
                case .same: oldBefore += 1; newBefore += 1
                case .delete: oldBefore += 1
                case .insert: newBefore += 1
                }
            }
            for edit in script[start...end] {
                switch edit {
                case .same(let i, let j):
                    oldStart = oldStart ?? i; newStart = newStart ?? j
                    oldCount += 1; newCount += 1
                    line(" ", a[i])
                case .delete(let i):
                    oldStart = oldStart ?? i
                    oldCount += 1
                    line("-", a[i])
                case .insert(let j):
                    newStart = newStart ?? j
                    newCount += 1
                    line("+", b[j])
                }
            }
            out += "@@ -\(range(oldStart, oldCount, before: oldBefore)) +\(range(newStart, newCount, before: newBefore)) @@\n" + body
        }
        return out
    }

    /// `START,COUNT`, with `,1` omitted and an empty range naming the line before it.
    static func range(_ start: Int?, _ count: Int, before: Int) -> String {
        if count == 0 { return "\(before),0" }
        let first = (start ?? before) + 1
        return count == 1 ? "\(first)" : "\(first),\(count)"
    }
}
