/// A 1-based position in a named source file, as compilers print it.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// The lines an instruction spans, first and last inclusive.
public struct SourceRange: Hashable, Sendable, Codable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    public init(file: String, line: Int, column: Int = 1) {
        let location = SourceLocation(file: file, line: line, column: column)
        self.init(start: location, end: location)
    }
}
