/// Byte-faithful string helpers. Go compares and splits strings by bytes, while Swift's
/// `String` works on grapheme clusters (`"=\u{301}"` is one `Character`, and canonically
/// equivalent strings compare equal); these helpers work on Unicode scalars instead.
extension StringProtocol {
    /// Splits at the first `separator`: the part before and the part after.
    func splitOnce(at separator: Unicode.Scalar) -> (String, String)? {
        let scalars = Substring(self).unicodeScalars
        guard let index = scalars.firstIndex(of: separator) else { return nil }
        return (String(scalars[..<index]), String(scalars[scalars.index(after: index)...]))
    }

    /// Whether the string contains `scalar`.
    func containsScalar(_ scalar: Unicode.Scalar) -> Bool {
        Substring(self).unicodeScalars.contains(scalar)
    }

    /// Scalar-for-scalar equality, like Go's `==` on valid UTF-8.
    func isIdentical(to other: some StringProtocol) -> Bool {
        Substring(self).unicodeScalars.elementsEqual(Substring(other).unicodeScalars)
    }
}

extension StringProtocol {
    /// Whether `needle` occurs scalar for scalar (unlike `contains`, which matches whole
    /// grapheme clusters, so `"<<\u{301}"` would not contain `"<<"`).
    func containsScalars(_ needle: String) -> Bool {
        let haystack = Array(Substring(self).unicodeScalars)
        let pattern = Array(needle.unicodeScalars)
        guard !pattern.isEmpty else { return true }
        guard haystack.count >= pattern.count else { return false }
        for start in 0...(haystack.count - pattern.count) where haystack[start..<start + pattern.count].elementsEqual(pattern) {
            return true
        }
        return false
    }
}
