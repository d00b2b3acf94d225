import Foundation

/// An HdrHistogram interval log (.hlog): one line per interval and tag.
///
/// Written the way Java's `HistogramLogWriter` does so standard tools read it:
/// `#[StartTime: ...]` and `#[BaseTime: ...]` comments (seconds since the epoch), the CSV
/// legend, then `Tag=NAME,start,length,max,BASE64` lines. Start times are seconds since
/// BaseTime (the run start); values are microseconds, so Interval_Max (max / 1000) is in
/// milliseconds with 3 decimals, which keeps the exact maximum.
public struct HistogramLog: Sendable {
    /// One interval histogram of one tag.
    public struct Entry: Sendable {
        public var tag: String?
        /// Seconds since `baseTime`.
        public var start: Double
        public var length: Double
        /// Exact maximum in microseconds.
        public var maxValue: UInt64
        public var histogram: SparseHistogram

        public init(tag: String?, start: Double, length: Double, maxValue: UInt64? = nil, histogram: SparseHistogram) {
            self.tag = tag
            self.start = start
            self.length = length
            self.maxValue = maxValue ?? histogram.maxValue
            self.histogram = histogram
        }
    }

    /// Seconds since the epoch when the run started.
    public var startTime: Double
    /// Seconds since the epoch that entry start times are relative to.
    public var baseTime: Double
    public var entries: [Entry]

    public init(startTime: Double, baseTime: Double? = nil, entries: [Entry]) {
        self.startTime = startTime
        self.baseTime = baseTime ?? startTime
        self.entries = entries
    }

    /// The legend line every interval log carries after its comments.
    public static let legend =
        "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\""

    /// Renders the whole log as text.
    public func render() throws -> String {
        let date = Date(timeIntervalSince1970: startTime)
        var lines = [
            "#[Histogram log format version 1.3]",
            "#[Written by imapbench; values in microseconds, Interval_Max in milliseconds]",
            "#[StartTime: \(Self.seconds(startTime)) (seconds since epoch), \(ISO8601DateFormatter().string(from: date))]",
            "#[BaseTime: \(Self.seconds(baseTime)) (seconds since epoch)]",
            Self.legend,
        ]
        for entry in entries {
            let payload = try HistogramV2Codec.encode(entry.histogram)
            let tagPart = entry.tag.map { "Tag=\($0)," } ?? ""
            lines.append(
                "\(tagPart)\(Self.seconds(entry.start)),\(Self.seconds(entry.length)),\(Self.seconds(Double(entry.maxValue) / 1000)),\(payload)"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses a log; entries without a tag get `tag == nil`. Start times are made relative to
    /// BaseTime when the log gives one, else to StartTime.
    public static func parse(_ text: String) throws -> HistogramLog {
        var startTime: Double?
        var baseTime: Double?
        var entries: [Entry] = []
        for (number, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("\"") { continue }
            if line.hasPrefix("#") {
                if let value = headerValue(line, key: "StartTime") { startTime = value }
                if let value = headerValue(line, key: "BaseTime") { baseTime = value }
                continue
            }
            entries.append(try parseEntry(line, number: number + 1))
        }
        let start = startTime ?? baseTime ?? 0
        let base = baseTime ?? start
        // Logs whose timestamps are absolute (no BaseTime, large values) are made relative.
        if baseTime == nil, let first = entries.first, first.start > 1e8 {
            entries = entries.map {
                var entry = $0; entry.start -= start; return entry
            }
        }
        return HistogramLog(startTime: start, baseTime: base, entries: entries)
    }

    private static func parseEntry(_ line: String, number: Int) throws -> Entry {
        var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var tag: String?
        if let first = fields.first, first.hasPrefix("Tag=") {
            tag = String(first.dropFirst(4))
            fields.removeFirst()
        }
        guard fields.count == 4 else {
            throw MeasurementError.malformedLogLine(line: number, reason: "expected 4 fields after the tag")
        }
        guard let start = Double(fields[0]), let length = Double(fields[1]), let maxMillis = Double(fields[2]) else {
            throw MeasurementError.malformedLogLine(line: number, reason: "start, length or max is not a number")
        }
        let maxValue = UInt64(max(0, (maxMillis * 1000).rounded()))
        do {
            let histogram = try HistogramV2Codec.decode(fields[3], maxValue: maxValue)
            return Entry(tag: tag, start: start, length: length, maxValue: histogram.maxValue, histogram: histogram)
        } catch let error as MeasurementError {
            throw MeasurementError.malformedLogLine(line: number, reason: error.description)
        }
    }

    private static func headerValue(_ line: String, key: String) -> Double? {
        guard let range = line.range(of: "#[\(key): ") else { return nil }
        let rest = line[range.upperBound...]
        return Double(rest.prefix { $0.isNumber || $0 == "." || $0 == "-" })
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
}
