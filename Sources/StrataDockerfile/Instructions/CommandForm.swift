/// Shell form (run through the stage's SHELL) or exec form (a JSON array, run directly).
public enum CommandForm: Sendable, Hashable {
    case shell(String)
    case exec([String])

    public var isExecForm: Bool {
        if case .exec = self { return true }
        return false
    }
}
