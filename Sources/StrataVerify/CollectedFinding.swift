/// A finding with the unredacted path it was found at, for whiteout tracking (never rendered).
struct CollectedFinding: Sendable {
    var finding: Finding
    var rawPath: String?
}
