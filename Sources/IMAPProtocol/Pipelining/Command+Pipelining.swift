extension Command {
    /// The ordering rules this command is subject to when pipelined.
    public var pipelining: PipeliningRequirements { .barrier }

    /// The metric name: "FETCH", "UID FETCH", "LOGIN", "AUTHENTICATE", "APPEND", "IDLE", "RAW" ...
    public var kind: String { "RAW" }
}
