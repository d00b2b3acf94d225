/// A command-line or test specification (delay, autologout, fault, stall) that could not be read.
///
/// The description names the text that was given and what was expected, since the CLI prints it as is.
public struct SpecError: Error, CustomStringConvertible, Hashable, Sendable {
    public var text: String
    public var expected: String

    public init(text: String, expected: String) {
        self.text = text
        self.expected = expected
    }

    public var description: String { "cannot read \"\(text)\": expected \(expected)" }
}
