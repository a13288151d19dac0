import StrataSupport

/// "Did you mean" for flags, mount options and keywords. More forgiving than the shared
/// `closestMatch` for short words, so that a swapped pair (`form` → `from`) still gets a hint.
func suggestion(for word: String, in candidates: [String]) -> String? {
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(word, candidate)
        if best == nil || distance < best?.distance ?? Int.max { best = (candidate, distance) }
    }
    guard let best, best.distance <= max(2, word.count / 3), best.distance < word.count else { return nil }
    return best.candidate
}
