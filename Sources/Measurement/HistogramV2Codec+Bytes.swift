import CZlib

/// Byte-level helpers of the V2 codec: big-endian fields, ZigZag LEB128 varints, zlib.
extension HistogramV2Codec {
    static func appendBigEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    static func readBigEndian32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { ($0 << 8) | UInt32(bytes[offset + $1]) }
    }

    static func readBigEndian64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { ($0 << 8) | UInt64(bytes[offset + $1]) }
    }

    /// ZigZag LEB128 as HdrHistogram writes it: at most 9 bytes, the ninth carries 8 bits.
    static func appendVarint(_ signed: Int64, to bytes: inout [UInt8]) {
        var value = UInt64(bitPattern: (signed << 1) ^ (signed >> 63))
        for _ in 0..<8 {
            if value >> 7 == 0 {
                bytes.append(UInt8(value))
                return
            }
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    static func readVarint(_ bytes: [UInt8], at position: inout Int, end: Int) throws -> Int64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for byteNumber in 0..<9 {
            guard position < end else { throw MeasurementError.truncatedPayload("varint cut short") }
            let byte = bytes[position]
            position += 1
            if byteNumber == 8 {
                value |= UInt64(byte) << 56
                break
            }
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    static func deflate(_ input: [UInt8]) throws -> [UInt8] {
        var destinationLength = compressBound(uLong(input.count))
        var output = [UInt8](repeating: 0, count: Int(destinationLength))
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                compress2(
                    destination.baseAddress, &destinationLength, source.baseAddress, uLong(source.count),
                    Z_DEFAULT_COMPRESSION)
            }
        }
        guard status == Z_OK else { throw MeasurementError.compressionFailed(code: status) }
        return Array(output.prefix(Int(destinationLength)))
    }

    /// Inflates zlib data; the output buffer grows up to 16 MB (a full V2 histogram of our
    /// layout is ~200 KB, so anything larger is corrupt).
    static func inflate(_ input: [UInt8]) throws -> [UInt8] {
        var capacity = 64 * 1024
        while capacity <= 16 * 1024 * 1024 {
            var destinationLength = uLong(capacity)
            var output = [UInt8](repeating: 0, count: capacity)
            let status = input.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { destination in
                    uncompress(destination.baseAddress, &destinationLength, source.baseAddress, uLong(source.count))
                }
            }
            if status == Z_OK { return Array(output.prefix(Int(destinationLength))) }
            guard status == Z_BUF_ERROR else { throw MeasurementError.decompressionFailed(code: status) }
            capacity *= 4
        }
        throw MeasurementError.decompressionFailed(code: Z_BUF_ERROR)
    }
}
