import Foundation
import Library
import PlaybackCore

extension Player {
    /// What the player is built from. The app maps an entry's location to a byte source in
    /// `openTrack`; tests give a fast output and temporary directories.
    public struct Configuration: Sendable {
        /// A new output for each engine run (a run ends on stop, jump, previous, removal).
        public var makeOutput: @Sendable () -> AudioOutput
        /// The formats the engine plays (the CLI registers them).
        public var decoders: DecoderRegistry
        public var openTrack: @Sendable (QueueEntry) -> PlaybackTrack
        public var engine = PlaybackEngine.Configuration()
        /// nil: nothing is saved or restored.
        public var stateStore: PlayerStateStore?
        /// nil: playlist commands answer with a notice.
        public var playlists: PlaylistStore?
        /// Where failures (tracks that cannot play, waits for storage, a failed device) are kept
        /// in full; nil: nowhere but the message line.
        public var errorLog: ErrorLog?
        /// While playing, the position is saved at most this often (other changes at once).
        public var positionSaveInterval: Double = 5
        /// Decides shuffle orders; a fixed seed replays them (tests).
        public var random: SeededRandom = .fresh()
        /// Finds a restored entry's song in the catalog by its id; without it entries come back
        /// with the saved title and location.
        public var resolveSong: (@Sendable (SongID) -> Song?)?
        public var now: @Sendable () -> Date = { Date() }

        public init(makeOutput: @escaping @Sendable () -> AudioOutput,
                    decoders: DecoderRegistry,
                    openTrack: @escaping @Sendable (QueueEntry) -> PlaybackTrack) {
            self.makeOutput = makeOutput
            self.decoders = decoders
            self.openTrack = openTrack
        }
    }
}
