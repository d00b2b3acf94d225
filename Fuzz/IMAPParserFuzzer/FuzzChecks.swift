// The checks run on every fuzz input, shared by the libFuzzer entry point and the corpus replay.
// The fuzzing build compiles IMAPProtocol's sources into this module (see Fuzz/README.md).
#if canImport(IMAPProtocol)
import IMAPProtocol
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a parser produced for some chunking of the input; two chunkings must agree.
struct Outcome: Equatable {
    var responses: [Response] = []
    var error: ResponseParserError?
    var atBoundary = true
}

/// Small limits so the fuzzer reaches every limit check with small inputs.
func fuzzLimits() -> ResponseParser.Limits {
    var limits = ResponseParser.Limits()
    limits.maxLineLength = 4096
    limits.maxLiteralSize = 65_536
    limits.maxNestingDepth = 8
    limits.maxFetchAttributes = 16
    return limits
}

func parse(_ input: [UInt8], chunkSize: Int, keepBodies: Bool) -> Outcome {
    var outcome = Outcome()
    var parser = ResponseParser(limits: fuzzLimits(), keepBodies: keepBodies)
    var start = 0
    do {
        while start < input.count {
            let end = min(input.count, start + chunkSize)
            try parser.feed(Array(input[start..<end])) { outcome.responses.append($0) }
            start = end
        }
    } catch let error as ResponseParserError {
        outcome.error = error
    } catch {
        preconditionFailure("the parser threw a foreign error: \(error)")
    }
    outcome.atBoundary = parser.isAtResponseBoundary
    precondition(parser.bufferedByteCount <= 4096 + 2 + 65_536 + 65_536 * 16, "parser memory is not bounded")
    return outcome
}

/// The checks for one input: no crash, identical results however the bytes are chunked, and a
/// mailbox name made of the input survives encode-then-parse.
func check(_ input: [UInt8]) {
    let whole = parse(input, chunkSize: max(1, input.count), keepBodies: false)
    let chunk = 1 + Int(input.first ?? 0) % 13
    let split = parse(input, chunkSize: chunk, keepBodies: false)
    precondition(whole == split, "chunking at \(chunk) bytes changed the result")
    let kept = parse(input, chunkSize: chunk, keepBodies: true)
    precondition(
        kept.responses.count == whole.responses.count && kept.error == whole.error, "keepBodies changed the result")
    checkFraming(input, chunkSize: chunk, against: whole)
    checkMailboxNameRoundTrip(String(decoding: input.prefix(200), as: UTF8.self))
}

/// Stepping with `parseNext` (as the connection does) gives what `feed` gives, and the framed sizes
/// add up to the bytes of the complete responses: the connection's byte counts are the parser's framing.
func checkFraming(_ input: [UInt8], chunkSize: Int, against expected: Outcome) {
    var parser = ResponseParser(limits: fuzzLimits())
    var outcome = Outcome()
    var framedBytes = 0
    var start = 0
    do {
        while start < input.count {
            let end = min(input.count, start + chunkSize)
            try input[start..<end].withUnsafeBytes { chunk in
                var index = 0
                while index < chunk.count {
                    let step = try parser.parseNext(UnsafeRawBufferPointer(rebasing: chunk[index...]))
                    precondition(step.consumed > 0, "parseNext consumed nothing")
                    index += step.consumed
                    if let framed = step.framed {
                        outcome.responses.append(framed.response)
                        framedBytes += framed.byteCount
                    }
                }
            }
            start = end
        }
    } catch {
        outcome.error = error as? ResponseParserError
    }
    outcome.atBoundary = parser.isAtResponseBoundary
    precondition(outcome == expected, "parseNext and feed disagree")
    precondition(
        outcome.error != nil || !outcome.atBoundary || framedBytes == input.count,
        "framed sizes add up to \(framedBytes) of \(input.count) bytes")
}

func checkMailboxNameRoundTrip(_ name: String) {
    let encoded = CommandEncoder().encode(.create(mailbox: name), tag: "a").parts.joined()
    let response = Array("* LIST () \"/\" ".utf8) + encoded.dropFirst("a CREATE ".utf8.count)
    var parser = ResponseParser()
    var parsed: [Response] = []
    do { try parser.feed(response) { parsed.append($0) } } catch {
        preconditionFailure("encoded name rejected: \(error)")
    }
    precondition(
        parsed == [.untagged(.list(ListEntry(attributes: [], delimiter: "/", mailbox: name)))],
        "name \(name.debugDescription) came back as \(parsed)")
}
