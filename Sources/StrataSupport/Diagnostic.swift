/// An error or warning about user input, printed like a compiler does:
///
///     Dockerfile:3:1: error: unknown instruction "RUNN" (did you mean "RUN"?)
///         RUNN echo hi
///         ^
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning, note }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    /// The source line the location points into, shown under the message with a caret.
    public var sourceLine: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil, sourceLine: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
    }

    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(message)"
        if let sourceLine, let location {
            let caretColumn = max(1, location.column)
            let prefix = sourceLine.prefix(caretColumn - 1).map { $0 == "\t" ? "\t" : " " }.joined()
            text += "\n    \(sourceLine)\n    \(prefix)^"
        }
        return text
    }
}

/// An error that knows where in the user's input it happened.
public protocol LocatedError: Error, CustomStringConvertible {
    var diagnostic: Diagnostic { get }
}

extension LocatedError {
    public var description: String { diagnostic.description }
}

/// Edit distance with adjacent transpositions counting one edit (optimal string alignment),
/// for "did you mean" suggestions: `biuld` is one edit from `build`.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
            }
        }
    }
    return table[a.count][b.count]
}

/// The closest candidate within a small distance, for "did you mean" hints.
public func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(word, candidate)
        guard distance <= max(1, min(3, word.count / 3)) else { continue }
        if let current = best, current.1 <= distance { continue }
        best = (candidate, distance)
    }
    return best?.0
}
