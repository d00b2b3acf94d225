/// The outcome of checking a profile with every problem collected (`imapbench validate`).
public struct ProfileCheck: Sendable {
    public var source: String
    /// The profile as decoded, defaults standing in for the values that failed; nil when it could
    /// not be decoded at all. Only meant for further checks (thresholds, files) when `errors` is
    /// not empty.
    public var profile: Profile?
    /// The problems found, in the order met.
    public var errors: [ProfileError]
    /// Line and column of each `thresholds:` item, so checks made outside this module (threshold
    /// syntax, subject names) can point at the item.
    public var thresholdMarks: [(line: Int, column: Int)]

    /// A problem of the `index`-th threshold, located at its item.
    public func thresholdError(_ index: Int, _ message: String) -> ProfileError {
        let mark = index < thresholdMarks.count ? thresholdMarks[index] : (line: 0, column: 0)
        return ProfileError(file: source, line: mark.line, column: mark.column, message: message)
    }
}
