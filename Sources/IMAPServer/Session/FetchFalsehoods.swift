/// What one FETCH response misreports when a consistency fault fires (`ConsistencyFaults`): the
/// faults are drawn once per FETCH command and falsify its first message only, so a test knows
/// exactly which message carries the lie.
struct FetchFalsehoods {
    /// Added to the true UID (`change-uid`): far above any UID the mailbox hands out in a test.
    static let uidShift: UInt32 = 1_000_000
    /// The keyword `unannounced-keyword` adds; no FLAGS response ever names it.
    static let unannouncedKeyword = "$Unannounced"

    var changesUID = false
    var growsSize = false
    var addsKeyword = false

    init() {}

    init(drawingFrom faults: inout ConsistencyFaults) {
        guard !faults.isEmpty else { return }
        changesUID = faults.fires(.changeUID)
        growsSize = faults.fires(.wrongSize)
        addsKeyword = faults.fires(.unannouncedKeyword)
    }

    func uid(_ uid: UInt32) -> UInt32 { changesUID ? uid &+ Self.uidShift : uid }

    func size(_ size: Int) -> Int { growsSize ? size + 1 : size }

    func flags(_ text: String) -> String {
        guard addsKeyword else { return text }
        return text.isEmpty ? Self.unannouncedKeyword : text + " " + Self.unannouncedKeyword
    }
}
