/// The consistency faults one session injects (`FaultSpec.Kind.isConsistencyFault`), each drawn
/// with its probability at the place where the server reports the state it falsifies:
///
/// | fault | drawn once per |
/// |---|---|
/// | lose-flags | STORE |
/// | change-uid, wrong-size, unannounced-keyword | FETCH (applies to its first message) |
/// | shrink-exists | command in the selected state |
/// | change-uidvalidity | SELECT/EXAMINE |
/// | miss-expunge | EXPUNGE notice due to this session |
/// | search-miss | SEARCH with at least one match |
/// | recent-twice | SELECT that makes messages \Recent, and message that becomes \Recent while selected |
///
/// With no consistency fault configured `fires` is one array check, so the correct server pays
/// nothing for the option.
struct ConsistencyFaults {
    private var probabilities: [FaultSpec.Kind: Double]
    private var random: DeterministicRandom

    static let none = ConsistencyFaults(faults: [], seed: 0)

    init(faults: [FaultSpec], seed: UInt64) {
        probabilities = [:]
        for fault in faults where fault.kind.isConsistencyFault && fault.probability > 0 {
            probabilities[fault.kind] = fault.probability
        }
        random = DeterministicRandom(seed: seed)
    }

    var isEmpty: Bool { probabilities.isEmpty }

    /// Draws `kind` once; false whenever the fault is not configured.
    mutating func fires(_ kind: FaultSpec.Kind) -> Bool {
        guard !probabilities.isEmpty, let probability = probabilities[kind] else { return false }
        return random.nextUnit() < probability
    }
}
