/// The syntax tree of a pattern.
indirect enum PatternNode: Sendable {
    case empty
    case atom(ScalarSet)
    case inputStart
    case inputEnd
    case wordBoundary(negated: Bool)
    case sequence([PatternNode])
    case alternation([PatternNode])
    case repetition(PatternNode, minimum: Int, maximum: Int?)
}
