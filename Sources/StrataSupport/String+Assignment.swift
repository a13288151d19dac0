extension String {
    /// `K=V` split at the first `=`, as ENV entries and image config `Env` lines are read; a
    /// missing `=` gives an empty value.
    public func splitAssignment() -> (String, String) {
        guard let equals = firstIndex(of: "=") else { return (self, "") }
        return (String(self[..<equals]), String(self[index(after: equals)...]))
    }
}
