import MPG123

/// The stream facts `TrackInfoReader` reports, turned from libmpg123's terms into Playback's
/// here, so no MPG123 type reaches the layers above.
extension MPEGAudioDecoder {
    /// What the current frame's header and the stream's Info/Xing/VBRI frame say.
    struct StreamFacts {
        var version: TrackInfo.MPEGVersion
        var layer: Int
        var channelMode: TrackInfo.ChannelMode
        var frameBitrateKbps: Int
        var bitrateMode: TrackInfo.BitrateMode
        /// The ABR target from the Xing header, when the mode is ABR.
        var averageBitrateKbps: Int?
        var lengthIsCounted: Bool
    }

    /// Nil before the first frame has been parsed.
    var streamFacts: StreamFacts? {
        guard let info = decoder.frameInfo else { return nil }
        let version: TrackInfo.MPEGVersion = switch info.version {
        case .mpeg1: .mpeg1
        case .mpeg2: .mpeg2
        case .mpeg25: .mpeg25
        }
        let channelMode: TrackInfo.ChannelMode = switch info.channelMode {
        case .stereo: .stereo
        case .jointStereo: .jointStereo
        case .dualChannel: .dualChannel
        case .mono: .mono
        }
        var mode = TrackInfo.BitrateMode.constant
        var average: Int?
        switch info.bitrateMode {
        case .constant: break
        case .variable: mode = .variable
        case .average(let kbps):
            mode = .average
            average = kbps
        }
        // libmpg123 does not say where its length came from. It counts frames when the stream
        // has a Xing/Info or VBRI frame: a LAME tag (which gives the gapless trim) always sits in
        // an Info/Xing frame with the count, and only such a frame (or VBRI, which always has
        // it) can declare VBR or ABR. Anything else is the file size over the mean frame size.
        let counted = decoder.gaplessTrim != nil || mode != .constant
        return StreamFacts(version: version, layer: info.layer, channelMode: channelMode,
                           frameBitrateKbps: info.bitrateKbps, bitrateMode: mode,
                           averageBitrateKbps: average, lengthIsCounted: counted)
    }

    /// The ID3v2 tags seen so far (ID3v1 only if the whole file was fed); nil without any.
    var tags: TrackTags? { decoder.tags.map(Self.trackTags) }

    /// The tags of an ID3v1 block (a file's last 128 bytes); nil when it is not one.
    static func tags(id3v1Block block: [UInt8]) -> TrackTags? {
        MPG123Tags(id3v1Block: block).map(trackTags)
    }

    private static func trackTags(_ tags: MPG123Tags) -> TrackTags {
        TrackTags(title: tags.title, artist: tags.artist, album: tags.album, albumArtist: tags.albumArtist,
                  year: tags.year, genre: tags.genre, track: tags.track, disc: tags.disc, comment: tags.comment)
    }
}
