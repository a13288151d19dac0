/// An Aho–Corasick automaton compiled to a full transition table (a DFA).
///
/// Every byte costs one table load and one flag test, whatever the number of patterns. The
/// audit's main pass is the skipping `ShiftMatcher`; this automaton only searches patterns
/// too short for it (the raw value of a secret of one to three bytes), where it stays small. States are stored
/// pre-multiplied by 256 so that the next state is `table[state | byte]`.
struct PatternAutomaton: Sendable {
    /// `table[state << 8 | byte]` is the next state, itself shifted left by 8.
    let table: [Int32]
    /// Per state: whether any pattern ends there.
    let accepting: [Bool]
    /// Per state: the indices of the patterns that end there (including through fail links).
    let outputs: [[Int32]]
    let lengths: [Int]
    let isEmpty: Bool
    /// Bytes that leave every state unchanged (see `init`).
    let transparent: [Bool]

    /// Builds the automaton. Bytes in `transparent` are skipped as if
    /// absent, so a pattern still matches when they interrupt it (line breaks in wrapped
    /// base64); patterns must not contain them.
    init(patterns: [[UInt8]], transparent: [UInt8] = []) {
        lengths = patterns.map(\.count)
        isEmpty = patterns.allSatisfy(\.isEmpty)
        var goto: [Int32] = [Int32](repeating: -1, count: 256)
        var outs: [[Int32]] = [[]]
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state = 0
            for byte in pattern {
                let next = goto[state << 8 | Int(byte)]
                if next >= 0 {
                    state = Int(next)
                } else {
                    let created = outs.count
                    outs.append([])
                    goto.append(contentsOf: repeatElement(-1, count: 256))
                    goto[state << 8 | Int(byte)] = Int32(created)
                    state = created
                }
            }
            outs[state].append(Int32(index))
        }
        let stateCount = outs.count
        var fail = [Int](repeating: 0, count: stateCount)
        var queue: [Int] = []
        for byte in 0..<256 {
            let next = goto[byte]
            if next >= 0 {
                fail[Int(next)] = 0
                queue.append(Int(next))
            } else {
                goto[byte] = 0
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outs[state].append(contentsOf: outs[fail[state]])
            for byte in 0..<256 {
                let next = goto[state << 8 | byte]
                if next >= 0 {
                    fail[Int(next)] = Int(goto[fail[state] << 8 | byte])
                    queue.append(Int(next))
                } else {
                    goto[state << 8 | byte] = goto[fail[state] << 8 | byte]
                }
            }
        }
        for state in 0..<stateCount {
            for byte in transparent { goto[state << 8 | Int(byte)] = Int32(state) }
        }
        var skip = [Bool](repeating: false, count: 256)
        for byte in transparent { skip[Int(byte)] = true }
        self.transparent = skip
        table = goto.map { $0 << 8 }
        outputs = outs
        accepting = outs.map { !$0.isEmpty }
    }

    /// Runs `bytes` from `state`, calling `report(pattern, end)` with the index just past
    /// each match's last byte (relative to `bytes`); for a match interrupted by transparent
    /// bytes, `end - length` is not its start. Returns the state to continue from.
    @inline(__always)
    func run(_ bytes: UnsafeBufferPointer<UInt8>, from state: Int32, report: (Int32, Int) -> Void) -> Int32 {
        var state = state
        let outputs = self.outputs
        // Raw pointers hoisted out of the loop: in debug builds, touching `self` per byte
        // retains and releases the whole automaton.
        table.withUnsafeBufferPointer { table in
            accepting.withUnsafeBufferPointer { accepting in
                transparent.withUnsafeBufferPointer { transparent in
                    guard let table = table.baseAddress, let accepting = accepting.baseAddress,
                        let transparent = transparent.baseAddress, let base = bytes.baseAddress
                    else { return }
                    var i = 0
                    let count = bytes.count
                    while i < count {
                        let byte = Int(base[i])
                        state = table[Int(state) | byte]
                        i += 1
                        // A transparent byte keeps an accepting state: that match was already reported.
                        if accepting[Int(state) >> 8] && !transparent[byte] {
                            for pattern in outputs[Int(state) >> 8] { report(pattern, i) }
                        }
                    }
                }
            }
        }
        return state
    }
}
