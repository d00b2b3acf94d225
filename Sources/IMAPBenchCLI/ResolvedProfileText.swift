import Foundation
import Workload

/// The resolved profile as JSON text for run.json (secrets removed), so a run can be repeated.
enum ResolvedProfileText {
    static func render(_ profile: Profile) -> String {
        var copy = profile
        if copy.users.password != nil { copy.users.password = "***" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(copy) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
