/// The sentences replies are made of. Each reads on its own, whatever fills its slots, so any
/// seeded order is a readable reply. `{topic}` is the phrase asked about, quoted (or "your
/// question"); `{a}`, `{b}`, `{c}`
/// are content words of the message (see `Filling`).
enum ReplyTemplates {
    static let openers = [
        "Here is how I would approach {topic}.",
        "Good question about {topic}.",
        "Let me walk through {topic} step by step.",
        "Happy to help with {topic}.",
        "There are a few things to weigh on {topic}.",
        "Thanks for the details on {topic}.",
    ]

    static let bodies = [
        "Start with {a}, since the rest depends on it.",
        "First, pin down what {a} has to do and how you will know it works.",
        "Next, look at how {a} and {b} fit together; most surprises show up there.",
        "Keep each change to {b} small enough to review in one sitting.",
        "Write down your assumptions about {c} before you rely on them.",
        "A quick experiment with {a} will tell you more than a long discussion.",
        "Measure before you optimise {b}.",
        "If something breaks, compare the last working setup with the current one, one difference at a time.",
        "It helps to agree early on what done looks like for {c}.",
        "Check the defaults around {b}; they are often the cause.",
        "Plan for failure in {c} as carefully as for success.",
        "Ask the people who maintain {a} what usually goes wrong.",
    ]

    static let closers = [
        "That should give you a solid start on {a}.",
        "Happy to go deeper on any of these steps.",
        "Let me know how it goes with {b}.",
        "Tell me more about your setup and I can be more specific.",
    ]

    /// Whole sentences used to reach the minimum length when the draw fell short.
    static let fillers = [
        "Take it one step at a time.",
        "Small, tested steps beat one big change.",
        "Keep notes as you go.",
    ]

    /// Short reasons for the Markdown table's last column.
    static let reasons = [
        "sets the scope", "catches problems early", "keeps changes reviewable", "shows what matters",
        "avoids rework", "makes results comparable",
    ]
}
