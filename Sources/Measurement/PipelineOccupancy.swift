/// How full the sessions kept their pipelines during one interval, for Little's law: the
/// service time of the mix's commands over the time sessions spent connected.
///
/// Why its own figures: the interval's `sessions` is a sample taken at its end, and a workload
/// that reconnects (imaptest-default logs in every eight commands, and Dovecot's LOGIN takes
/// most of a life) has few sessions connected at any instant; the service times of all commands,
/// LOGIN included, over those samples gave 8 commands in flight where about 2 ran. Both figures
/// here are integrals over the interval, and both leave out the login and the session's setup.
public struct PipelineOccupancy: Codable, Sendable, Equatable {
    /// Sessions connected (logged in and ready) integrated over the interval, in session-seconds.
    public var connectedSessionSeconds: Double
    /// The service time (first byte written to completion) of the commands the sessions sent
    /// once ready: the profile's operations, IDLE and checkpoints; not the login, setup or LOGOUT.
    /// Credited to the interval each completed in: a long IDLE lands whole in its last interval,
    /// which the measured window's sum evens out unless IDLEs are as long as the window.
    public var mixServiceSeconds: Double

    enum CodingKeys: String, CodingKey {
        case connectedSessionSeconds = "connected_session_s"
        case mixServiceSeconds = "mix_service_s"
    }

    public init(connectedSessionSeconds: Double = 0, mixServiceSeconds: Double = 0) {
        self.connectedSessionSeconds = connectedSessionSeconds
        self.mixServiceSeconds = mixServiceSeconds
    }

    /// Adds another loop's (or shard's) share of the same interval.
    public mutating func merge(_ other: PipelineOccupancy) {
        connectedSessionSeconds += other.connectedSessionSeconds
        mixServiceSeconds += other.mixServiceSeconds
    }
}
