import Measurement

/// A stretch of the run in one phase (ramp-up, warm-up, hold, ramp-down), for shading plots:
/// a reader sees at once which part of a curve was measured and which was warm-up.
struct PhaseSpan: Equatable {
    var phase: RunPhase
    var from: Double
    var to: Double

    /// Consecutive load intervals of one phase joined; the drain is not load and is left out.
    static func spans(_ result: RunResult) -> [PhaseSpan] {
        var spans: [PhaseSpan] = []
        for interval in result.loadIntervals {
            if let last = spans.last, last.phase == interval.phase {
                spans[spans.count - 1].to = interval.endOffset
            } else {
                spans.append(PhaseSpan(phase: interval.phase, from: interval.startOffset, to: interval.endOffset))
            }
        }
        return spans
    }

    /// Light background colours; hold, the measured phase, stays white.
    var colour: String? {
        switch phase {
        case .warmup: return "#fbefc9"
        case .rampUp, .rampDown: return "#dfe8f3"
        case .hold, .drain: return nil
        }
    }

    /// gnuplot commands: a shaded rectangle behind the data and the phase's name at the top.
    static func commands(_ spans: [PhaseSpan]) -> String {
        spans.enumerated().map { index, span in
            let label =
                "set label \(100 + index) \(GnuplotScript.quoted(span.phase.rawValue)) at first \(format(span.from)), graph 0.97 left offset 0.5,0 textcolor rgb '#666666'; "
            guard let colour = span.colour else { return label }
            return
                "set object \(100 + index) rect from first \(format(span.from)), graph 0 to first \(format(span.to)), graph 1 "
                + "behind fillcolor rgb '\(colour)' fillstyle solid 1.0 noborder; " + label
        }.joined()
    }

    private static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
