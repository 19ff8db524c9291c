import HTTPServer
import SessionsAPI

/// `POST /sessions/:id/messages`.
///
/// Disconnect semantics: the whole turn is computed first; the events up to `message_stop`
/// are written; only when every one of those writes succeeded is the turn (user message,
/// reply, summary state, tokens) committed to the store, and only then is `data: [DONE]`
/// written (`CID222TurnStream`, which also settles concurrent sends). A client that sees
/// `[DONE]` can read the turn at once; one that goes away before `message_stop` leaves the
/// session as it was. Clock readings: one, at commit, for
/// `updated_at`; a rejected or abandoned turn reads none.
///
/// Concurrent sends into one session take turns (`CID222TurnQueue`): each waits, before
/// any byte is sent, until the sends before it have finished streaming, then is planned on
/// the history they left. One that waits longer than `MockOptions.turnWaitLimit` gets 409.
enum CID222MessageHandler {
    /// What a send needs once its checks have passed.
    private struct Accepted {
        var claims: JWTClaims
        var message: CID222MessageRequest
        var namespace: String
        var id: String
    }

    /// The async part is only the wait for the session's turn; the checks before it and the
    /// planning after it run out of line, so this frame (held by the connection's task for
    /// as long as a stream runs) keeps what crosses the wait and nothing more.
    static func handle(_ request: HTTPRequest, environment: MockEnvironment) async -> HTTPResponse {
        let accepted: Accepted
        switch accept(request, environment: environment) {
        case .success(let value): accepted = value
        case .failure(let error): return error.response
        }
        let limit = environment.options.turnWaitLimit
        guard
            let ticket = await environment.cid222Turns.acquire(
                namespace: accepted.namespace, sessionID: accepted.id, waitLimit: limit)
        else {
            return CID222Failure(
                status: 409,
                message:
                    "Another message to this session was still being answered after \(limit) s; send this one again later",
                field: nil
            ).response
        }
        return respond(to: accepted, ticket: ticket, environment: environment)
    }

    @inline(never)
    private static func accept(_ request: HTTPRequest, environment: MockEnvironment) -> Result<
        Accepted, CID222Failure
    > {
        do throws(CID222Failure) {
            try CID222RequestBody.checkSize(of: request, maxBodySize: environment.options.maxBodySize)
            let claims = try CID222Auth.claims(of: request, secret: environment.options.jwtSecret)
            let body = try CID222RequestBody.object(
                of: request, maxBodySize: environment.options.maxBodySize, allowEmpty: false)
            let message = try CID222MessageRequest(body, models: environment.options.models)
            let namespace = MockEnvironment.namespace(of: request)
            let id = request.parameter("id") ?? ""
            guard environment.cid222.session(namespace: namespace, tenant: claims.sub, id: id) != nil else {
                throw CID222Failure.sessionNotFound
            }
            return .success(Accepted(claims: claims, message: message, namespace: namespace, id: id))
        } catch {
            return .failure(error)
        }
    }

    /// Plans the turn on the history the earlier sends left, and answers with its stream.
    @inline(never)
    private static func respond(to accepted: Accepted, ticket: TurnTicket, environment: MockEnvironment)
        -> HTTPResponse
    {
        do throws(CID222Failure) {
            let (claims, message, namespace, id) = (
                accepted.claims, accepted.message, accepted.namespace, accepted.id
            )
            // Read again under the turn: the history now holds every turn sent before this one.
            guard let session = environment.cid222.session(namespace: namespace, tenant: claims.sub, id: id)
            else {
                throw CID222Failure.sessionNotFound
            }
            let turn = try CID222TurnPlanner.plan(
                request: message, session: session, seed: environment.options.seed,
                blocklist: environment.options.blocklist, replyShape: environment.options.replyShape,
                scripted: {
                    environment.replies.take(api: .cid222, namespace: namespace, message: message.content)
                })
            var pacer = CID222StreamPacer(
                profile: environment.options.streaming, seed: environment.options.seed, sessionID: id,
                turn: session.messages.count / 2)
            var delays: [Int] = []
            for index in turn.events.indices {
                delays.append(
                    pacer.delayMilliseconds(before: index, isDelta: turn.deltaIndices.contains(index)))
            }
            let stream = CID222TurnStream(
                turn: turn, delays: delays, store: environment.cid222, clock: environment.clock,
                namespace: namespace, tenant: claims.sub, sessionID: id, ticket: ticket)
            var headers = HTTPHeaders()
            headers.set("Content-Type", "text/event-stream")
            headers.set("Cache-Control", "no-cache")
            return HTTPResponse(
                status: 200, headers: headers,
                body: .stepped(stream))
        } catch {
            return error.response
        }
    }
}
