import NIOCore
import NIOPosix

/// A raw HTTP/1.1 client for the endpoint tests: one request with `Connection: close`, the whole
/// response read until the server closes, so a test sees exactly the bytes a scraper would.
enum HTTPTestClient {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    static func get(port: Int, path: String, method: String = "GET", accept: String? = nil) async throws -> Response {
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let accept { request += "Accept: \(accept)\r\n" }
        let raw = try await exchange(port: port, request: request + "\r\n")
        return try parse(raw)
    }

    private static func exchange(port: Int, request: String) async throws -> String {
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: String.self)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { $0.pipeline.addHandler(Collector(done: promise)) }
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.writeAndFlush(channel.allocator.buffer(string: request))
        return try await promise.futureResult.get()
    }

    private static func parse(_ raw: String) throws -> Response {
        guard let split = raw.range(of: "\r\n\r\n") else { throw Malformed(text: raw) }
        let lines = raw[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Malformed(text: raw) }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: String(raw[split.upperBound...]))
    }

    struct Malformed: Error, CustomStringConvertible {
        var text: String
        var description: String { "not an HTTP response: \(text.prefix(200))" }
    }

    /// Gathers every byte until the connection closes.
    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        private var received = ""
        private let done: EventLoopPromise<String>

        init(done: EventLoopPromise<String>) { self.done = done }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            received += String(buffer: unwrapInboundIn(data))
        }

        func channelInactive(context: ChannelHandlerContext) { done.succeed(received) }

        func errorCaught(context: ChannelHandlerContext, error: Error) {
            done.fail(error)
            context.close(promise: nil)
        }
    }
}
