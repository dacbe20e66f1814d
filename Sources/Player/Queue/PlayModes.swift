/// What happens when the queue runs out or a track ends.
public enum RepeatMode: String, Sendable, Hashable, CaseIterable, Codable {
    case off
    /// The whole queue again (in a new order when shuffled).
    case all
    /// The current entry again on its natural end; next and previous still move.
    case one

    /// off → all → one → off: the order of the repeat key.
    public var cycled: RepeatMode {
        switch self {
        case .off: .all
        case .all: .one
        case .one: .off
        }
    }
}

/// Why the queue moves on: only a natural end honours `repeat one`.
public enum AdvanceCause: Sendable, Hashable {
    case trackEnded
    case skip
}

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014):
/// a value-type generator, so a `PlayQueue` stays a copyable value and a test can replay one
/// shuffle exactly from its seed.
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// Seeded from the system generator: a different shuffle every run.
    public static func fresh() -> SeededRandom {
        var system = SystemRandomNumberGenerator()
        return SeededRandom(seed: system.next())
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
