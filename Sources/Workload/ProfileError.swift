/// A problem found in a profile, located at the place in the file that caused it.
///
/// The description is what the command line prints, in the `file:line:column: message` form
/// editors and CI logs know how to jump to.
public struct ProfileError: Error, CustomStringConvertible, Hashable, Sendable {
    /// The file (or the name given to `load(yaml:source:)`) the problem is in.
    public var file: String
    /// 1-based line, 0 when the problem is not tied to a place (for example an unreadable file).
    public var line: Int
    /// 1-based column, 0 when unknown.
    public var column: Int
    /// What was expected and what was found, written for a person.
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}
