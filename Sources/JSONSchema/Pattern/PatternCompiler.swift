/// One step of a compiled pattern.
enum PatternInstruction: Sendable {
    case consume(ScalarSet)
    case split(Int, Int)
    case jump(Int)
    case assertStart
    case assertEnd
    case assertWordBoundary(negated: Bool)
    case accept
}

/// Turns a `PatternNode` tree into a flat program (Thompson construction).
struct PatternCompiler {
    private(set) var program: [PatternInstruction] = []
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    mutating func append(_ instruction: PatternInstruction) {
        program.append(instruction)
    }

    private mutating func emitChecked(_ instruction: PatternInstruction) throws(PatternSyntaxError) -> Int {
        guard program.count < limit else {
            throw PatternSyntaxError(offset: 0, message: "pattern expands to more than \(limit) instructions")
        }
        program.append(instruction)
        return program.count - 1
    }

    mutating func emit(_ node: PatternNode) throws(PatternSyntaxError) {
        switch node {
        case .empty:
            return
        case .atom(let set):
            _ = try emitChecked(.consume(set))
        case .inputStart:
            _ = try emitChecked(.assertStart)
        case .inputEnd:
            _ = try emitChecked(.assertEnd)
        case .wordBoundary(let negated):
            _ = try emitChecked(.assertWordBoundary(negated: negated))
        case .sequence(let items):
            for item in items { try emit(item) }
        case .alternation(let branches):
            var exits: [Int] = []
            for (position, branch) in branches.enumerated() {
                if position == branches.count - 1 {
                    try emit(branch)
                } else {
                    let split = try emitChecked(.split(0, 0))
                    try emit(branch)
                    exits.append(try emitChecked(.jump(0)))
                    program[split] = .split(split + 1, program.count)
                }
            }
            for exit in exits { program[exit] = .jump(program.count) }
        case .repetition(let body, let minimum, let maximum):
            for _ in 0..<minimum { try emit(body) }
            if let maximum {
                var splits: [Int] = []
                for _ in minimum..<maximum {
                    splits.append(try emitChecked(.split(0, 0)))
                    try emit(body)
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let loop = try emitChecked(.split(0, 0))
                try emit(body)
                _ = try emitChecked(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}

/// Runs a program over a text by keeping the set of live states per position (Pike's VM
/// without captures): each state is visited at most once per position.
struct PatternMachine {
    private let program: [PatternInstruction]
    private let text: [UInt32]
    private var marks: [Int]
    private var generation = 0
    private var accepted = false
    private var pending: [Int] = []

    init(program: [PatternInstruction], text: [UInt32]) {
        self.program = program
        self.text = text
        self.marks = Array(repeating: -1, count: program.count)
    }

    mutating func run() -> Bool {
        var current: [Int] = []
        generation += 1
        addState(0, at: 0, into: &current)
        var position = 0
        while !accepted && position < text.count {
            let scalar = text[position]
            var next: [Int] = []
            generation += 1
            for state in current {
                if case .consume(let set) = program[state], set.contains(scalar) {
                    addState(state + 1, at: position + 1, into: &next)
                }
            }
            // Unanchored search: a match may also start at the next position.
            addState(0, at: position + 1, into: &next)
            current = next
            position += 1
        }
        return accepted
    }

    /// Follows jumps, splits and assertions from `start` with an explicit stack, so long
    /// chains of empty steps cannot exhaust the call stack.
    private mutating func addState(_ start: Int, at position: Int, into list: inout [Int]) {
        pending.append(start)
        while let state = pending.popLast() {
            guard marks[state] != generation else { continue }
            marks[state] = generation
            switch program[state] {
            case .jump(let target):
                pending.append(target)
            case .split(let first, let second):
                pending.append(second)
                pending.append(first)
            case .assertStart:
                if position == 0 { pending.append(state + 1) }
            case .assertEnd:
                if position == text.count { pending.append(state + 1) }
            case .assertWordBoundary(let negated):
                if isWordBoundary(at: position) != negated { pending.append(state + 1) }
            case .accept:
                accepted = true
            case .consume:
                list.append(state)
            }
        }
    }

    private func isWordBoundary(at position: Int) -> Bool {
        let before = position > 0 && ScalarSet.word.contains(text[position - 1])
        let after = position < text.count && ScalarSet.word.contains(text[position])
        return before != after
    }
}
