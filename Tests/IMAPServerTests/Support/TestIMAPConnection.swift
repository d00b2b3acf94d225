import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal blocking IMAP client for protocol tests: raw lines in, raw lines out, literals
/// read by their byte count. Independent of the project's IMAPClient on purpose.
final class TestIMAPConnection {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let socketDescriptor: Int32
    private var buffer: [UInt8] = []
    private(set) var isClosedByServer = false

    init(port: Int, timeout: Double = 5) throws {
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw Failure(description: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(socketDescriptor)
            throw Failure(description: "connect to port \(port) failed")
        }
        setTimeout(timeout)
    }

    deinit { close(socketDescriptor) }

    func setTimeout(_ seconds: Double) {
        var value = timeval()
        value.tv_sec = .init(Int(seconds))
        value.tv_usec = .init(Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(socketDescriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) throws {
        try send(bytes: Array(text.utf8))
    }

    func send(bytes: [UInt8]) throws {
        let written = bytes.withUnsafeBytes { Glibc.send(socketDescriptor, $0.baseAddress, $0.count, 0) }
        guard written == bytes.count else { throw Failure(description: "send failed") }
    }

    /// Reads one response line without CRLF; a literal at its end is read and appended with the CRLF kept.
    func readLine() throws -> String {
        var line = try readRawLine()
        while let size = Self.trailingLiteralSize(line) {
            let literal = try readBytes(size)
            line += "\r\n" + String(decoding: literal, as: UTF8.self) + (try readRawLine())
        }
        return line
    }

    /// Sends `tag command` and returns every line up to and including the tagged one.
    @discardableResult
    func command(_ tag: String, _ text: String) throws -> [String] {
        try send("\(tag) \(text)\r\n")
        return try readUntilTagged(tag)
    }

    func readUntilTagged(_ tag: String) throws -> [String] {
        var lines: [String] = []
        while true {
            let line = try readLine()
            if ProcessInfo.processInfo.environment["IMAP_TEST_TRACE"] != nil { print("S: \(line.prefix(200))") }
            lines.append(line)
            if line.hasPrefix(tag + " ") { return lines }
        }
    }

    private func readRawLine() throws -> String {
        while true {
            if let index = buffer.firstIndex(of: 10) {
                var line = Array(buffer[..<index])
                buffer.removeFirst(index + 1)
                if line.last == 13 { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            try fill()
        }
    }

    func readBytes(_ count: Int) throws -> [UInt8] {
        while buffer.count < count { try fill() }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(socketDescriptor, $0.baseAddress, $0.count, 0) }
        if count == 0 {
            isClosedByServer = true
            throw Failure(description: "connection closed by server")
        }
        guard count > 0 else { throw Failure(description: "timed out waiting for the server (errno \(errno))") }
        buffer.append(contentsOf: chunk[..<count])
    }

    /// True when the server closes the connection within `timeout` seconds (no data expected).
    func waitForClose(timeout: Double) -> Bool {
        setTimeout(timeout)
        do {
            while true { _ = try readRawLine() }
        } catch {
            return isClosedByServer
        }
    }

    static func trailingLiteralSize(_ line: String) -> Int? {
        guard line.hasSuffix("}"), let open = line.lastIndex(of: "{") else { return nil }
        return Int(
            line[line.index(after: open)..<line.index(before: line.endIndex)].replacingOccurrences(of: "+", with: ""))
    }
}
