import NIOCore
import NIOHTTP1

/// Answers `GET /metrics` with the current scrape; anything else gets 404 or 405.
///
///     socket -> HTTPRequestDecoder -> HTTPResponseEncoder -> (pipelining, errors) -> MetricsHTTPHandler
///
/// Keep-alive is honoured (Prometheus keeps its connection); the body is rendered per request.
final class MetricsHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let metrics: LiveMetrics
    private var request: HTTPRequestHead?

    init(metrics: LiveMetrics) {
        self.metrics = metrics
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): request = head
        case .body: break
        case .end:
            guard let head = request else { return }
            request = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        let status: HTTPResponseStatus
        var contentType = "text/plain; charset=utf-8"
        var body: String
        if path != "/metrics" {
            (status, body) = (.notFound, "imapbench serves its metrics at /metrics\n")
        } else if head.method != .GET && head.method != .HEAD {
            (status, body) = (.methodNotAllowed, "GET /metrics\n")
        } else {
            let format = MetricsExposition.Format(accept: head.headers.first(name: "accept"))
            (status, contentType, body) = (.ok, format.contentType, metrics.render(format))
        }
        if head.method == .HEAD { body = "" }
        write(status: status, contentType: contentType, body: body, keepAlive: head.isKeepAlive, context: context)
    }

    private func write(
        status: HTTPResponseStatus, contentType: String, body: String, keepAlive: Bool,
        context: ChannelHandlerContext
    ) {
        var headers = HTTPHeaders([("content-type", contentType), ("content-length", "\(body.utf8.count)")])
        if !keepAlive { headers.add(name: "connection", value: "close") }
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive { done.whenComplete { [channel = context.channel] _ in channel.close(promise: nil) } }
    }
}
