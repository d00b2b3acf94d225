/// The one place CSV text is made: every CSV file imapbench writes (summary, timeseries,
/// percentiles, compare, probe and checks files) quotes and joins its fields here.
///
/// RFC 4180: a field holding a comma, a double quote or a line break is quoted, its quotes
/// doubled; every other field is written as it is. Lines end in "\n", the file too.
public struct CSVWriter: Sendable {
    private var lines: [String]

    /// Starts a file with its header row (column names are written as fields too).
    public init(header: [String]) {
        lines = [Self.line(header)]
    }

    /// Starts a file from a header already joined (a documented constant such as
    /// `CSVTables.summaryHeader`).
    public init(headerLine: String) {
        lines = [headerLine]
    }

    /// Appends one row; each field is quoted when it must be.
    public mutating func append(_ fields: [String]) {
        lines.append(Self.line(fields))
    }

    /// The file's text.
    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// One row's text, fields quoted when they must be.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
