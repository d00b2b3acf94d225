import Foundation

/// What every plot script imapbench writes shares (run, compare): the PNG-and-SVG frame, the
/// palette, and quoting that no label can break.
enum GnuplotScript {
    /// Colours for series, in order; no two alike, so a plot never shows two series in one colour.
    /// (Tableau 10 without its grey, which is kept for "other".) "all" is always black.
    static let palette = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    ]
    static let allColour = "#000000"
    static let otherColour = "#9d9d9d"

    /// The script: renders `plot` to NAME.png (pngcairo) and NAME.svg under one title.
    static func frame(
        _ name: String, title: String, plot: String, width: Int = 1000, height: Int = 560, kind: String = "plot"
    ) -> String {
        """
        # imapbench \(kind); run `gnuplot \(name).gp` in this directory
        do for [format in "png svg"] {
          if (format eq "png") { set terminal pngcairo size \(width),\(height) noenhanced font ',10' } else { set terminal svg size \(width),\(height) dynamic noenhanced font ',10' }
          set output "\(name)." . format
          set title \(quoted(title))
          \(plot)
        }

        """
    }

    /// A gnuplot single-quoted string (no escapes are processed inside; a quote is doubled).
    static func quoted(_ text: String) -> String { "'" + latin(text).replacingOccurrences(of: "'", with: "''") + "'" }

    /// Printable ASCII only, so every font renders the label and no byte can break a script line.
    static func latin(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value >= 32 && $0.value < 127 ? Character($0) : "?" })
    }

    /// 0 -> "0", 1 -> "90", 2 -> "99", 3 -> "99.9", 4 -> "99.99"...
    static func ninesLabel(_ nines: Int) -> String {
        switch nines {
        case ..<1: return "0"
        case 1: return "90"
        case 2: return "99"
        default: return "99." + String(repeating: "9", count: nines - 2)
        }
    }

    /// x tics of a nines axis up to `top` (exclusive of levels beyond the data).
    static func ninesTics(upTo top: Double) -> String {
        let tics = (0...max(0, Int(top.rounded(.down)))).map { "'\(ninesLabel($0))%%' \($0)" }
        return "set xtics (\(tics.joined(separator: ", ")))"
    }
}
