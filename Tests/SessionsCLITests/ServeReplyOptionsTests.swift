import MockServer
import Testing

@testable import SessionsCLI

@Suite("sessions serve --reply-style and --reply-words")
struct ServeReplyOptionsTests {
    private func settings(_ arguments: [String]) throws -> ServeSettings {
        try ServeCommand.settings(
            from: try OptionParser.parse(arguments, for: ServeCommand.spec), environment: [:])
    }

    @Test func theShapeIsParsed() throws {
        let shape = try settings(["--reply-style", "markdown", "--reply-words", "50-80"]).options.replyShape
        #expect(shape == ReplyShape(style: .markdown, words: 50...80))
        #expect(try settings(["--reply-words=7"]).options.replyShape.words == 7...7)
    }

    @Test(arguments: [["--reply-style", "html"], ["--reply-words", "10-5"], ["--reply-words", "0-3"]])
    func badValuesNameTheirOption(_ arguments: [String]) {
        do {
            _ = try settings(arguments)
            Issue.record("expected a usage error")
        } catch let error as UsageError {
            #expect(error.message.contains(arguments[0]), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
