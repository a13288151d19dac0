// Shared by both fuzz entry points (each executable is built from its entry file plus this one).

/// Keeps a result alive so the optimizer cannot drop the work that produced it: a fuzz target
/// that computes nothing observable could otherwise be compiled down to nothing.
@inline(never)
@_optimize(none)
func consume<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
