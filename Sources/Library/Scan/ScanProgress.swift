/// How far a scan is, for a progress bar: sent after each listing batch and each tag read.
public struct ScanProgress: Sendable, Equatable {
    public var objectsListed = 0
    public var listingFinished = false
    /// New or changed audio objects whose tags must be read (so far, while the listing runs:
    /// reads start with its first page).
    public var tagsToRead = 0
    public var tagsRead = 0
    public var bytesFetched: Int64 = 0
    /// Seconds since the scan started.
    public var elapsed: Double = 0

    public init() {}

    /// Seconds left at the rate of the reads so far, once there is a rate to go by.
    public var estimatedSecondsLeft: Double? {
        guard listingFinished, tagsRead >= 5, tagsToRead > tagsRead, elapsed > 0 else { return nil }
        return Double(tagsToRead - tagsRead) * elapsed / Double(tagsRead)
    }
}

/// What a scan did.
public struct ScanReport: Sendable, Equatable {
    public var objectsListed = 0
    public var audioObjects = 0
    public var newObjects = 0
    public var changedObjects = 0
    public var unchangedObjects = 0
    public var deletedObjects = 0
    /// Ranged GETs of the tag reads (about 2 or 3 an object) and the bytes they fetched
    /// (bytes a server sent before a range, when it ignored the range, included).
    public var readRequests = 0
    public var bytesFetched: Int64 = 0
    /// The fewest tag reads in flight the scan went down to after the server said to slow
    /// down; the starting limit when it never did.
    public var lowestParallelReads = 0
    /// The most tag reads in flight the limit grew to while the server never said to slow
    /// down (up to `parallelReads`, the ceiling).
    public var highestParallelReads = 0
    /// Tag reads begun before the listing had ended (the reads overlap the listing).
    public var readsStartedWhileListing = 0
    /// Objects the catalog cannot play, with why: undecodable data, unsupported formats, read errors.
    public var problems: [ScanProblem] = []
    /// Ctrl-C: what was read is kept; the next scan picks up the rest.
    public var interrupted = false
    public var elapsed: Double = 0

    public init() {}
}

public struct ScanProblem: Sendable, Equatable {
    public var key: String
    public var problem: String

    public init(key: String, problem: String) {
        self.key = key
        self.problem = problem
    }
}
