/// The tree of an awk program: the subset Dockerfiles use (fields, patterns, BEGIN/END,
/// print/printf, assignments, arrays, if/while/for, and the common string functions).
indirect enum AwkExpression {
    case number(Double)
    case string(String)
    case regex(String)
    case field(AwkExpression)
    case variable(String)
    case element(String, AwkExpression)
    case assign(AwkExpression, String, AwkExpression)
    case increment(AwkExpression, delta: Double, prefix: Bool)
    case unary(String, AwkExpression)
    case binary(String, AwkExpression, AwkExpression)
    case concat(AwkExpression, AwkExpression)
    case match(AwkExpression, AwkExpression, negated: Bool)
    case call(String, [AwkExpression])
    case ternary(AwkExpression, AwkExpression, AwkExpression)
    case membership(AwkExpression, String)
}

indirect enum AwkStatement {
    case print([AwkExpression], output: (append: Bool, target: AwkExpression)?)
    case printf([AwkExpression], output: (append: Bool, target: AwkExpression)?)
    case expression(AwkExpression)
    case block([AwkStatement])
    case ifElse(AwkExpression, AwkStatement, AwkStatement?)
    case whileLoop(AwkExpression, AwkStatement)
    case forLoop(AwkStatement?, AwkExpression?, AwkStatement?, AwkStatement)
    case forIn(String, String, AwkStatement)
    case next
    case exit(AwkExpression?)
    case delete(String, AwkExpression?)
}

struct AwkRule {
    enum Pattern {
        case begin, end, always
        case expression(AwkExpression)
        case range(AwkExpression, AwkExpression)
    }
    var pattern: Pattern
    /// nil means `{ print }`.
    var action: [AwkStatement]?
}

struct AwkError: Error {
    var message: String
}
