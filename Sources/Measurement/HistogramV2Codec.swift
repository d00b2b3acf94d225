import CZlib
import Foundation

/// HdrHistogram's V2 compressed encoding ("HISTF..." base64), written from the specification
/// because hdrhistogram-swift has none.
///
/// Layout (all big-endian): a compression header (cookie 0x1c849314, length) followed by zlib
/// data that inflates to a V2 header (cookie 0x1c849313, payload length, normalizing offset,
/// significant digits, lowest, highest, conversion ratio) and the counts as ZigZag LEB128
/// varints, where a negative number -n stands for n empty slots.
public enum HistogramV2Codec {
    static let encodingCookie: UInt32 = 0x1c84_9313
    static let compressionCookie: UInt32 = 0x1c84_9314
    static let headerSize = 40

    /// Encodes a histogram as base64 of the compressed V2 form.
    public static func encode(_ histogram: SparseHistogram) throws -> String {
        var payload: [UInt8] = []
        var nextIndex = 0
        for (index, count) in zip(histogram.indices, histogram.counts) {
            let gap = Int(index) - nextIndex
            if gap > 1 { appendVarint(-Int64(gap), to: &payload) } else if gap == 1 { appendVarint(0, to: &payload) }
            appendVarint(Int64(clamping: count), to: &payload)
            nextIndex = Int(index) + 1
        }
        var raw: [UInt8] = []
        appendBigEndian(encodingCookie, to: &raw)
        appendBigEndian(UInt32(payload.count), to: &raw)
        appendBigEndian(UInt32(0), to: &raw)
        appendBigEndian(UInt32(HistogramLayout.significantDigits), to: &raw)
        appendBigEndian(HistogramLayout.lowestDiscernibleValue, to: &raw)
        appendBigEndian(HistogramLayout.highestTrackableValue, to: &raw)
        appendBigEndian((1.0 as Double).bitPattern, to: &raw)
        raw += payload
        let deflated = try deflate(raw)
        var wrapped: [UInt8] = []
        appendBigEndian(compressionCookie, to: &wrapped)
        appendBigEndian(UInt32(deflated.count), to: &wrapped)
        wrapped += deflated
        return Data(wrapped).base64EncodedString()
    }

    /// Decodes base64 of a compressed V2 histogram; `maxValue` (exact, microseconds) is kept
    /// when it agrees with the top bucket.
    public static func decode(_ base64: String, maxValue: UInt64? = nil) throws -> SparseHistogram {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespaces)) else {
            throw MeasurementError.invalidBase64("\(base64.prefix(16))...")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw MeasurementError.truncatedPayload("shorter than its header") }
        let cookie = readBigEndian32(bytes, at: 0)
        guard cookie & ~0xf0 == compressionCookie & ~0xf0 else {
            throw MeasurementError.badCookie(expected: "V2 compressed", found: cookie)
        }
        let length = Int(readBigEndian32(bytes, at: 4))
        guard bytes.count >= 8 + length else { throw MeasurementError.truncatedPayload("compressed length \(length)") }
        let raw = try inflate(Array(bytes[8..<(8 + length)]))
        return try decodeRaw(raw, maxValue: maxValue)
    }

    static func decodeRaw(_ raw: [UInt8], maxValue: UInt64?) throws -> SparseHistogram {
        guard raw.count >= headerSize else { throw MeasurementError.truncatedPayload("V2 header") }
        let cookie = readBigEndian32(raw, at: 0)
        guard cookie & ~0xf0 == encodingCookie & ~0xf0 else {
            throw MeasurementError.badCookie(expected: "V2 encoding", found: cookie)
        }
        let payloadLength = Int(readBigEndian32(raw, at: 4))
        let normalizingOffset = readBigEndian32(raw, at: 8)
        let digits = readBigEndian32(raw, at: 12)
        let lowest = readBigEndian64(raw, at: 16)
        guard normalizingOffset == 0 else {
            throw MeasurementError.unsupportedLayout("normalizing index offset \(normalizingOffset)")
        }
        guard digits == UInt32(HistogramLayout.significantDigits), lowest == HistogramLayout.lowestDiscernibleValue
        else {
            throw MeasurementError.unsupportedLayout(
                "\(digits) significant digits, lowest value \(lowest) (need 3 and 1)")
        }
        guard raw.count >= headerSize + payloadLength else {
            throw MeasurementError.truncatedPayload("payload length \(payloadLength)")
        }
        var slots: [(index: Int, count: UInt64)] = []
        var position = headerSize
        let end = headerSize + payloadLength
        var index = 0
        while position < end {
            let value = try readVarint(raw, at: &position, end: end)
            if value < 0 {
                index += Int(-value)
            } else {
                if value > 0 { slots.append((index, UInt64(value))) }
                index += 1
            }
            guard index <= Int(Int32.max) else { throw MeasurementError.truncatedPayload("counts index overflow") }
        }
        return SparseHistogram(slotCounts: slots, maxValue: maxValue)
    }
}
