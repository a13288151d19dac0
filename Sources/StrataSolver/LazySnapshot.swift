import Synchronization
import StrataFS

/// A snapshot made only when first asked for, then kept.
///
/// A cache hit knows its layer without needing its filesystem: when every step of a chain is
/// cached, nothing reads the trees in between, and applying each cached layer to its input
/// (what BuildKit also avoids: it never materialises a cached ref it does not mount) would be
/// most of a cached build's time. A step that does need the tree makes it, once, from its
/// input's tree, which may in turn be made on demand.
final class LazySnapshot: Sendable {
    private enum State: Sendable {
        case ready(Snapshot)
        case pending(@Sendable () throws -> Snapshot)
    }

    private let state: Mutex<State>

    init(_ snapshot: Snapshot) { state = Mutex(.ready(snapshot)) }

    init(_ make: @escaping @Sendable () throws -> Snapshot) { state = Mutex(.pending(make)) }

    /// The snapshot, made now if it was not yet. A failure is not kept: the next call retries.
    func value() throws -> Snapshot {
        try state.withLock { state in
            switch state {
            case .ready(let snapshot):
                return snapshot
            case .pending(let make):
                let snapshot = try make()
                state = .ready(snapshot)
                return snapshot
            }
        }
    }

    /// Whether the snapshot has been made.
    var isMaterialised: Bool {
        state.withLock { if case .ready = $0 { return true } else { return false } }
    }
}
