import OpusFile
import PlaybackCore
import VorbisFile

/// Ogg Vorbis files (".ogg", ".oga") through libvorbisfile.
public struct VorbisDecoderFactory: TrackDecoderFactory {
    /// Seconds between tries while the source is in an outage (see `ByteSourceInput`).
    public var outageRetryInterval: Double

    public init(outageRetryInterval: Double = 0.25) { self.outageRetryInterval = outageRetryInterval }

    public var formatName: String { "Vorbis" }
    public var fileExtensions: Set<String> { ["ogg", "oga"] }

    public func recognizes(head: [UInt8]) -> Bool {
        OggHead(head).firstPacketStarts(with: Array("\u{01}vorbis".utf8))
    }

    public func makeDecoder(reading source: ByteSource) throws(PlaybackError) -> TrackDecoder {
        OggTrackDecoder<VorbisFile>(input: ByteSourceInput(source: source, outageRetryInterval: outageRetryInterval),
                                    formatName: "Ogg Vorbis")
    }
}

/// Ogg Opus files (".opus", and ".ogg"/".oga" whose first packet is an OpusHead) through libopusfile.
public struct OpusDecoderFactory: TrackDecoderFactory {
    /// Seconds between tries while the source is in an outage (see `ByteSourceInput`).
    public var outageRetryInterval: Double

    public init(outageRetryInterval: Double = 0.25) { self.outageRetryInterval = outageRetryInterval }

    public var formatName: String { "Opus" }
    public var fileExtensions: Set<String> { ["opus"] }

    public func recognizes(head: [UInt8]) -> Bool {
        OggHead(head).firstPacketStarts(with: Array("OpusHead".utf8))
    }

    public func makeDecoder(reading source: ByteSource) throws(PlaybackError) -> TrackDecoder {
        OggTrackDecoder<OpusFile>(input: ByteSourceInput(source: source, outageRetryInterval: outageRetryInterval),
                                  formatName: "Ogg Opus")
    }
}

/// The first page of an Ogg stream (RFC 3533 §6): "OggS", 22 more header bytes, the segment
/// count at byte 26, the lacing values, then the first packet (the codec's identification
/// header: "\u{01}vorbis", "OpusHead").
struct OggHead {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func firstPacketStarts(with magic: [UInt8]) -> Bool {
        guard bytes.count >= 27, bytes[0..<4].elementsEqual("OggS".utf8) else { return false }
        let packetStart = 27 + Int(bytes[26])
        guard bytes.count >= packetStart + magic.count else { return false }
        return bytes[packetStart..<packetStart + magic.count].elementsEqual(magic)
    }
}
