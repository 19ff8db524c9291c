import Testing

@testable import MockServer

@Suite("Fault path patterns")
struct PathPatternTests {
    @Test(
        "globs match by segment",
        arguments: [
            ("/sessions/*/messages", "/sessions/abc/messages", true),
            ("/sessions/*/messages", "/sessions/abc", false),
            ("/sessions/*/messages", "/sessions/a/b/messages", false),
            ("/sessions/:id/messages", "/sessions/abc/messages", true),
            ("/v1/**", "/v1/sessions/sess_1", true),
            ("/v1/**", "/v1", true),
            ("/v1/**", "/sessions", false),
            ("/**", "/anything/at/all", true),
            ("/v1/sessions/sess_*", "/v1/sessions/sess_abc", true),
            ("/v1/sessions/sess_*", "/v1/sessions/msg_abc", false),
            ("/v1/*/sess*", "/v1/sessions/sess_abc", true),
            ("/**/messages", "/sessions/x/messages", true),
            ("/**/messages", "/sessions/x/messages/y", false),
            ("/a*b*c", "/aXbYc", true),
            ("/a*b*c", "/aXbY", false),
            ("/v1/chat", "/v1/chat/", true),
            ("/", "/", true),
        ])
    func matches(pattern: String, path: String, expected: Bool) throws {
        let glob = try #require(PathPattern(pattern))
        #expect(glob.matches(path) == expected)
    }

    @Test("patterns that are not absolute, too long or too deep are refused")
    func refusesBadPatterns() {
        #expect(PathPattern("sessions/*") == nil)
        #expect(PathPattern("") == nil)
        #expect(PathPattern("/" + String(repeating: "a", count: PathPattern.maxLength)) == nil)
        #expect(PathPattern(String(repeating: "/a", count: PathPattern.maxSegments + 1)) == nil)
    }

    @Test("a hostile mix of ** and * over a deep path answers without blowing up")
    func hostilePattern() throws {
        let pattern = try #require(PathPattern(String(repeating: "/**/*a*", count: 30)))
        let path = String(repeating: "/aaaaaaaaaaaaaaaaaaaaaaaa", count: 2000) + "/b"
        #expect(!pattern.matches(path))
        let star = String(repeating: "*a", count: 400)
        #expect(!PathPattern.globMatch(Array(star.utf8), Array(String(repeating: "a", count: 399).utf8)))
    }
}
