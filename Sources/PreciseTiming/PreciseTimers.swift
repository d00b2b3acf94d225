#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// Makes the timers of every loop of a group fire on time.
///
/// Linux lets a thread's timers fire up to its "timer slack" late (50 us by default) so wake-ups
/// can be batched. An injected 5 ms delay that arrives 5.1 ms late is a 2% measurement error, so
/// event-loop threads of imapbench (server and generator) ask for a slack of 1 ns. (On the
/// 2-core VMs imapbench is developed on, a thread woken from a 5 ms sleep still arrives
/// 100-200 us late: an independent Python client measures the same 5.16 ms for a 5 ms delay.)
public enum PreciseTimers {
    public static func apply(to group: EventLoopGroup) async {
        for loop in group.makeIterator() {
            try? await loop.submit { setSlack() }.get()
        }
    }

    /// Sets the calling thread's timer slack to 1 ns (Linux; nothing elsewhere). `prctl` is
    /// variadic in C and not imported by the Glibc module, so it is looked up by name.
    public static func setSlack() {
        #if os(Linux)
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        let setTimerSlack: Int32 = 29  // PR_SET_TIMERSLACK
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") else { return }
        _ = unsafeBitCast(symbol, to: Prctl.self)(setTimerSlack, 1, 0, 0, 0)
        #endif
    }
}
