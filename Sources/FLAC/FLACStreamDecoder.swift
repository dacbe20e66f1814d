import CFLAC

/// libFLAC's stream decoder over a `FLACByteInput`, one frame at a time. Frames go to the
/// handler given at creation, during `decodeNextFrame()` or `seek(toSample:)`.
///
/// An input that answers `.interrupted` (an outage) aborts libFLAC's call; the decoder then
/// flushes and moves the input back to the end of the last whole frame it delivered, so the
/// next call decodes the next frame again from its first byte: nothing is lost or repeated.
/// Not thread-safe: one thread uses it. Its owner calls `close()`.
public final class FLACStreamDecoder {
    public enum Step: Equatable, Sendable {
        /// At least one frame went to the handler (or, for a seek, the decoder stands at the sample).
        case done
        case endOfStream
        /// The input could not deliver; call again later.
        case interrupted
    }

    private var decoder: UnsafeMutablePointer<FLAC__StreamDecoder>?
    private let input: FLACByteInput
    private let onFrame: (FLACFrame) -> Void
    public private(set) var streamInfo: FLACStreamInfo?
    /// The last problem libFLAC reported through its error callback (it goes on after most).
    public private(set) var lastStreamError: String?
    fileprivate var inputInterrupted = false
    fileprivate var framesDelivered = 0
    /// Byte offset just past the last whole frame decoded (libFLAC's decode position).
    private var resumeOffset: UInt64?

    public init(input: FLACByteInput, onFrame: @escaping (FLACFrame) -> Void) throws(FLACError) {
        self.input = input
        self.onFrame = onFrame
        guard let decoder = FLAC__stream_decoder_new() else { throw FLACError("libFLAC could not allocate a decoder") }
        self.decoder = decoder
        let status = FLAC__stream_decoder_init_stream(
            decoder, flacRead, flacSeek, flacTell, flacLength, flacEOF, flacWrite, flacMetadata, flacError,
            Unmanaged.passUnretained(self).toOpaque())
        guard status == FLAC__STREAM_DECODER_INIT_STATUS_OK else {
            FLAC__stream_decoder_delete(decoder)
            self.decoder = nil
            throw FLACError("libFLAC could not start a decoder (init status \(status.rawValue))")
        }
    }

    /// Frees libFLAC's decoder. Idempotent; calls after it throw.
    public func close() {
        guard let decoder else { return }
        FLAC__stream_decoder_delete(decoder)
        self.decoder = nil
    }

    /// Only for an owner that forgot `close()`: the callbacks point at this object.
    deinit { close() }

    /// Decodes until one frame went to the handler, or the stream ended.
    public func decodeNextFrame() throws(FLACError) -> Step {
        let decoder = try openDecoder()
        let before = framesDelivered
        while framesDelivered == before {
            if FLAC__stream_decoder_get_state(decoder) == FLAC__STREAM_DECODER_END_OF_STREAM { return .endOfStream }
            let succeeded = FLAC__stream_decoder_process_single(decoder) != 0
            if inputInterrupted { return recoverFromInterruption(decoder) }
            guard succeeded else { throw failure(decoder, "decoding failed") }
        }
        noteResumeOffset(decoder)
        return .done
    }

    /// Moves to `sample` (per channel), sample-exact; the frame holding it goes to the handler
    /// trimmed to start there. Past the end, or where libFLAC cannot find it, throws.
    public func seek(toSample sample: Int64) throws(FLACError) -> Step {
        let decoder = try openDecoder()
        let succeeded = FLAC__stream_decoder_seek_absolute(decoder, UInt64(max(0, sample))) != 0
        if inputInterrupted { return recoverFromInterruption(decoder) }
        guard succeeded else {
            let error = failure(decoder, "cannot seek to sample \(sample)")
            FLAC__stream_decoder_flush(decoder)
            throw error
        }
        noteResumeOffset(decoder)
        return .done
    }

    private func openDecoder() throws(FLACError) -> UnsafeMutablePointer<FLAC__StreamDecoder> {
        guard let decoder else { throw FLACError("the FLAC decoder is closed") }
        return decoder
    }

    private func noteResumeOffset(_ decoder: UnsafeMutablePointer<FLAC__StreamDecoder>) {
        var offset: UInt64 = 0
        if FLAC__stream_decoder_get_decode_position(decoder, &offset) != 0 { resumeOffset = offset }
    }

    /// libFLAC is ABORTED (or in SEEK_ERROR) with bytes of a half-read frame in its buffer.
    /// Flushing drops them and leaves it searching for a frame sync, and the input goes back to
    /// the end of the last whole frame. Before the first frame there is none: reset, which
    /// seeks the input to 0 and reads the metadata again.
    private func recoverFromInterruption(_ decoder: UnsafeMutablePointer<FLAC__StreamDecoder>) -> Step {
        inputInterrupted = false
        if let resumeOffset, streamInfo != nil {
            FLAC__stream_decoder_flush(decoder)
            _ = input.seek(to: resumeOffset)
        } else {
            FLAC__stream_decoder_reset(decoder)
            // reset's own seek to 0 may have been interrupted too; the next call starts over.
            inputInterrupted = false
            _ = input.seek(to: 0)
        }
        return .interrupted
    }

    private func failure(_ decoder: UnsafeMutablePointer<FLAC__StreamDecoder>, _ what: String) -> FLACError {
        let state = String(cString: FLAC__stream_decoder_get_resolved_state_string(decoder))
        let detail = lastStreamError.map { ", \($0)" } ?? ""
        return FLACError("\(what) (\(state)\(detail))")
    }

    // MARK: callbacks, called by libFLAC from inside the calls above

    fileprivate func deliver(_ frame: UnsafePointer<FLAC__Frame>, _ buffer: UnsafePointer<UnsafePointer<Int32>?>) {
        let header = frame.pointee.header
        // libFLAC fills `sample_number` for every frame it hands out (it converts frame numbers
        // of fixed-blocksize streams itself).
        let first = Int64(header.number.sample_number)
        onFrame(FLACFrame(channels: Int(header.channels), blockSize: Int(header.blocksize),
                          bitsPerSample: Int(header.bits_per_sample), firstSample: first, planes: buffer))
        framesDelivered += 1
    }

    fileprivate func takeMetadata(_ metadata: UnsafePointer<FLAC__StreamMetadata>) {
        guard metadata.pointee.type == FLAC__METADATA_TYPE_STREAMINFO else { return }
        let info = metadata.pointee.data.stream_info
        streamInfo = FLACStreamInfo(sampleRate: Int(info.sample_rate), channels: Int(info.channels),
                                    bitsPerSample: Int(info.bits_per_sample),
                                    totalSamples: info.total_samples > 0 ? Int64(info.total_samples) : nil)
    }

    fileprivate func noteError(_ status: FLAC__StreamDecoderErrorStatus) {
        lastStreamError = switch status {
        case FLAC__STREAM_DECODER_ERROR_STATUS_LOST_SYNC: "lost frame sync"
        case FLAC__STREAM_DECODER_ERROR_STATUS_BAD_HEADER: "a bad frame header"
        case FLAC__STREAM_DECODER_ERROR_STATUS_FRAME_CRC_MISMATCH: "a frame whose CRC does not match"
        case FLAC__STREAM_DECODER_ERROR_STATUS_UNPARSEABLE_STREAM: "a stream libFLAC cannot parse"
        default: "libFLAC error \(status.rawValue)"
        }
    }

    fileprivate var byteInput: FLACByteInput { input }
}

private func owner(_ clientData: UnsafeMutableRawPointer?) -> FLACStreamDecoder {
    Unmanaged<FLACStreamDecoder>.fromOpaque(clientData!).takeUnretainedValue()
}

private func flacRead(_: UnsafePointer<FLAC__StreamDecoder>?, _ buffer: UnsafeMutablePointer<FLAC__byte>?,
                      _ bytes: UnsafeMutablePointer<Int>?, _ clientData: UnsafeMutableRawPointer?)
    -> FLAC__StreamDecoderReadStatus {
    let decoder = owner(clientData)
    guard let buffer, let bytes, bytes.pointee > 0 else { return FLAC__STREAM_DECODER_READ_STATUS_ABORT }
    switch decoder.byteInput.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: bytes.pointee)) {
    case .bytes(let count):
        bytes.pointee = count
        return FLAC__STREAM_DECODER_READ_STATUS_CONTINUE
    case .endOfStream:
        bytes.pointee = 0
        return FLAC__STREAM_DECODER_READ_STATUS_END_OF_STREAM
    case .interrupted:
        bytes.pointee = 0
        decoder.inputInterrupted = true
        return FLAC__STREAM_DECODER_READ_STATUS_ABORT
    }
}

private func flacSeek(_: UnsafePointer<FLAC__StreamDecoder>?, _ offset: UInt64,
                      _ clientData: UnsafeMutableRawPointer?) -> FLAC__StreamDecoderSeekStatus {
    owner(clientData).byteInput.seek(to: offset) ? FLAC__STREAM_DECODER_SEEK_STATUS_OK : FLAC__STREAM_DECODER_SEEK_STATUS_ERROR
}

private func flacTell(_: UnsafePointer<FLAC__StreamDecoder>?, _ offset: UnsafeMutablePointer<UInt64>?,
                      _ clientData: UnsafeMutableRawPointer?) -> FLAC__StreamDecoderTellStatus {
    offset?.pointee = owner(clientData).byteInput.position
    return FLAC__STREAM_DECODER_TELL_STATUS_OK
}

private func flacLength(_: UnsafePointer<FLAC__StreamDecoder>?, _ length: UnsafeMutablePointer<UInt64>?,
                        _ clientData: UnsafeMutableRawPointer?) -> FLAC__StreamDecoderLengthStatus {
    guard let known = owner(clientData).byteInput.length else { return FLAC__STREAM_DECODER_LENGTH_STATUS_UNSUPPORTED }
    length?.pointee = known
    return FLAC__STREAM_DECODER_LENGTH_STATUS_OK
}

private func flacEOF(_: UnsafePointer<FLAC__StreamDecoder>?, _ clientData: UnsafeMutableRawPointer?) -> FLAC__bool {
    owner(clientData).byteInput.isAtEnd ? 1 : 0
}

private func flacWrite(_: UnsafePointer<FLAC__StreamDecoder>?, _ frame: UnsafePointer<FLAC__Frame>?,
                       _ buffer: UnsafePointer<UnsafePointer<FLAC__int32>?>?,
                       _ clientData: UnsafeMutableRawPointer?) -> FLAC__StreamDecoderWriteStatus {
    guard let frame, let buffer else { return FLAC__STREAM_DECODER_WRITE_STATUS_ABORT }
    owner(clientData).deliver(frame, buffer)
    return FLAC__STREAM_DECODER_WRITE_STATUS_CONTINUE
}

private func flacMetadata(_: UnsafePointer<FLAC__StreamDecoder>?, _ metadata: UnsafePointer<FLAC__StreamMetadata>?,
                          _ clientData: UnsafeMutableRawPointer?) {
    if let metadata { owner(clientData).takeMetadata(metadata) }
}

private func flacError(_: UnsafePointer<FLAC__StreamDecoder>?, _ status: FLAC__StreamDecoderErrorStatus,
                       _ clientData: UnsafeMutableRawPointer?) {
    owner(clientData).noteError(status)
}
