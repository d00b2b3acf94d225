import IMAPProtocol

/// A duration written in a profile as text (`30s`), kept as a `Duration`.
public struct ProfileDuration: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var duration: Duration

    public init(_ duration: Duration) { self.duration = duration }

    public static let zero = ProfileDuration(.zero)
    public static func seconds(_ value: Double) -> ProfileDuration { ProfileDuration(DurationParser.seconds(value)) }

    public var seconds: Double { duration.secondsValue }
    public var description: String { DurationParser.format(duration) }
    public static func < (lhs: ProfileDuration, rhs: ProfileDuration) -> Bool { lhs.duration < rhs.duration }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            duration = try DurationParser.parse(text)
        } catch {
            throw decoder.profileError("\(decoder.profilePath): \(error.description)")
        }
        if duration < .zero {
            throw decoder.profileError("\(decoder.profilePath) must not be negative, found '\(text)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A size in bytes written as `512`, `20KB`, `1.5MB` or `1GB` (powers of 1024).
public struct ByteSize: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var bytes: Int

    public init(_ bytes: Int) { self.bytes = bytes }

    public static func < (lhs: ByteSize, rhs: ByteSize) -> Bool { lhs.bytes < rhs.bytes }

    public var description: String {
        for (suffix, factor) in [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)]
        where bytes >= factor && bytes % factor == 0 {
            return "\(bytes / factor)\(suffix)"
        }
        return "\(bytes)B"
    }

    /// Parses `20KB`, `1.5MB`, `512`, `512B` (case-insensitive units, 1 KB = 1024 bytes).
    public static func parse(_ text: String) -> ByteSize? {
        let trimmed = text.trimmingWhitespace().uppercased()
        for (suffix, factor) in [
            ("KIB", 1 << 10), ("MIB", 1 << 20), ("GIB", 1 << 30), ("KB", 1 << 10), ("MB", 1 << 20),
            ("GB", 1 << 30), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("B", 1), ("", 1),
        ]
        where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count).trimmingWhitespace()
            guard let value = Double(number), value.isFinite, value >= 0, value * Double(factor) < 1e15 else {
                continue
            }
            return ByteSize(Int((value * Double(factor)).rounded()))
        }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let whole = try? container.decode(Int.self), whole >= 0 {
            bytes = whole
            return
        }
        let text = try container.decode(String.self)
        guard let size = ByteSize.parse(text) else {
            throw decoder.profileError(
                "\(decoder.profilePath) must be a size such as 512, 20KB or 1.5MB, found '\(text)'")
        }
        bytes = size.bytes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An inclusive range of user numbers written `1-100` (or a single number).
public struct NumberRange: Codable, Hashable, Sendable, CustomStringConvertible {
    public var lower: Int
    public var upper: Int

    public init(_ lower: Int, _ upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    public var count: Int { upper - lower + 1 }
    public var description: String { "\(lower)-\(upper)" }

    /// Parses `A-B` or `N`; nil when malformed or `B < A`.
    public static func parse(_ text: String) -> NumberRange? {
        let parts = text.trimmingWhitespace().split(separator: "-", omittingEmptySubsequences: false)
        let numbers = parts.map { Int($0.trimmingWhitespace()) }
        switch numbers.count {
        case 1: return numbers[0].flatMap { $0 >= 0 ? NumberRange($0, $0) : nil }
        case 2:
            guard let lower = numbers[0], let upper = numbers[1], lower >= 0, upper >= lower else { return nil }
            return NumberRange(lower, upper)
        default: return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let range = NumberRange.parse(text) else {
            throw decoder.profileError(
                "\(decoder.profilePath) must be a range such as 1-100 (first <= last), found '\(text)'")
        }
        self = range
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
