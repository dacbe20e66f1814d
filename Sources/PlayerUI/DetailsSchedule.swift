/// When the details line may ask Discogs: only once the cursor has rested on an artist or an
/// album for `delay` seconds (issue 17: holding `j` past 70 artists queued ~5 lookups each, and
/// the one stopped on still said "loading…" 47 s later). Pure, with the time passed in, so the
/// rest is tested with a stepped clock; the loop feeds it every turn (at least every 50 ms).
struct DetailsSchedule {
    /// Seconds the focus must stay put (`[discogs] details_delay_ms`, default 300).
    let delay: Double
    /// What has focus now and since when.
    private(set) var focused: DetailsRequest?
    private var focusedSince = 0.0
    /// The last request handed to the worker.
    private(set) var asked: DetailsRequest?

    init(delay: Double) {
        self.delay = delay
    }

    mutating func focus(on request: DetailsRequest?, at now: Double) {
        guard request != focused else { return }
        focused = request
        focusedSince = now
        asked = nil  // back on an earlier artist: asked again (the cache answers at once)
    }

    /// The focused request once it has rested long enough and was not asked for yet; at most
    /// once per request while it keeps focus.
    mutating func due(at now: Double) -> DetailsRequest? {
        guard let focused, focused != asked, now - focusedSince >= delay else { return nil }
        asked = focused
        return focused
    }
}
