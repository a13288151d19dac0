/// One build stage: its FROM and the instructions up to the next FROM.
public struct Stage: Sendable, Hashable {
    /// Position among the stages, from 0.
    public var index: Int
    public var from: FromInstruction
    /// The FROM instruction itself, with its location.
    public var fromInstruction: Instruction
    public var instructions: [Instruction]

    /// The stage name in lower case, if it has one.
    public var name: String? { from.stageName }
    /// The base: an image reference or an earlier stage's name.
    public var baseName: String { from.image }
}
