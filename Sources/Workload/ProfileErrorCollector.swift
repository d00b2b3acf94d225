/// Gathers a profile's problems while it is decoded, so that `validate` reports every one in a
/// single pass instead of stopping at the first.
///
/// Decoding goes on past a problem wherever a default can stand in: an unknown key is skipped, an
/// optional value that fails uses its default, and a list item that fails is left out. The same
/// problem raised again on the way out (by a required key that then fails), or a second one at
/// the same place (an unknown key both in general and for an operation's type), is kept once.
final class ProfileErrorCollector {
    private(set) var errors: [ProfileError] = []

    func record(_ error: ProfileError) {
        if !errors.contains(where: { $0.line == error.line && $0.column == error.column && $0.file == error.file }) {
            errors.append(error)
        }
    }

    /// Runs `body`; a located problem is recorded and nil returned, so the caller's default applies.
    func recovering<T>(_ body: () throws -> T) throws -> T? {
        do {
            return try body()
        } catch let error as ProfileError {
            record(error)
            return nil
        }
    }
}
