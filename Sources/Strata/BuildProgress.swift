import StrataFrontend
import StrataLLB
import StrataSolver
import StrataSupport

/// Turns the solver's events into BuildKit-style progress: `#N` numbers in order of first
/// appearance, elapsed times, and the secrets a cached step mounts. Remembers what the build
/// needs afterwards (the failing step, the cached steps).
final class BuildProgress {
    private let steps: [Digest: StepInfo]
    private let onEvent: (BuildEvent) -> Void
    private var numbering = StepNumbering()
    private let clock = ContinuousClock()
    private var startTimes: [Digest: ContinuousClock.Instant] = [:]
    private(set) var cachedSteps: [String] = []
    private(set) var failure: (vertex: Vertex, message: String)?

    init(steps: [Digest: StepInfo], onEvent: @escaping (BuildEvent) -> Void) {
        self.steps = steps
        self.onEvent = onEvent
    }

    func handle(_ event: SolveEvent) {
        switch event {
        case .started(let vertex):
            startTimes[vertex.id] = clock.now
            onEvent(.started(step: numbering.number(vertex.id), name: vertex.name))
        case .cached(let vertex, _):
            cachedSteps.append(vertex.name)
            onEvent(.cached(step: numbering.number(vertex.id), name: vertex.name, secrets: steps[vertex.id]?.secrets ?? []))
        case .log(let vertex, let line):
            onEvent(.log(step: numbering.number(vertex.id), elapsed: elapsed(vertex), text: line))
        case .completed(let vertex, _):
            onEvent(.done(step: numbering.number(vertex.id), elapsed: elapsed(vertex)))
        case .failed(let vertex, let message):
            failure = (vertex, message)
            onEvent(.failed(step: numbering.number(vertex.id), message: message))
        }
    }

    private func elapsed(_ vertex: Vertex) -> Double {
        guard let start = startTimes[vertex.id] else { return 0 }
        let (seconds, attoseconds) = (clock.now - start).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// `#N` numbers in order of first appearance, as BuildKit's progress assigns them.
struct StepNumbering {
    private var numbers: [Digest: Int] = [:]

    mutating func number(_ id: Digest) -> Int {
        if let number = numbers[id] { return number }
        let number = numbers.count + 1
        numbers[id] = number
        return number
    }
}
