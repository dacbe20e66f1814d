/// Where PCM goes (cmus' output plugin, narrowed): ALSA, or a paced null sink. Used from the
/// audio thread only.
public protocol AudioOutput: AnyObject {
    /// A short name for notices ("ALSA default", "null").
    var name: String { get }
    /// Prepares for this format. Called again only when the format changes (the engine drains
    /// first), so consecutive tracks of one format flow without a gap.
    func start(format: PCMFormat) throws(PlaybackError)
    /// Writes whole frames, blocking until they are taken.
    func write(_ pcm: UnsafeRawBufferPointer) throws(PlaybackError)
    /// Frames written but not yet heard.
    var delayFrames: Int { get }
    func pause(_ paused: Bool) throws(PlaybackError)
    /// Throws away what is written but not yet heard (seek, skip, stop).
    func discardPending()
    /// Plays out what is written (end of the queue, or before a format change).
    func drain()
    func close()
}
