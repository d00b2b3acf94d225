/// A command the grammar could not read; the text goes back to the client after `BAD`.
struct CommandSyntaxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
