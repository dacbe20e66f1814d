import MPEGDecoding
import NullOutput
import PlaybackCore

/// Where the playback core meets its adapters: the formats the engine can play and the output it
/// falls back to. A new format is one module and one line in `decoders` (the engine knows none).
enum PlaybackWiring {
    /// Every format, in order of preference; the first is tried on a file nothing recognises.
    static func decoders(replayGain: ReplayGainChoice = .off, preampDecibels: Double = 0) -> DecoderRegistry {
        let mode: MPEGAudioDecoder.ReplayGain = switch replayGain {
        case .off: .off
        case .track: .track
        case .album: .album
        }
        return DecoderRegistry([
            MPEGDecoderFactory(replayGain: mode, preampDecibels: preampDecibels),
        ])
    }

    /// The engine's settings: when the device fails mid-run, play on into the paced null output.
    static func engineConfiguration() -> PlaybackEngine.Configuration {
        var configuration = PlaybackEngine.Configuration()
        configuration.makeFallbackOutput = { PacedNullOutput() }
        return configuration
    }
}
