import CMPG123
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Frame-exact far seeks in constant-bitrate streams.
///
/// libmpg123 seeks exactly only inside its frame index (the frames parsed so far); its guess
/// beyond it jumps by the Xing TOC, whose entries are rounded to 1/256 of the file, so the
/// frame it then counts from can be wrong by up to 1/256 of the duration (1.2 s in 5 minutes).
/// In a CBR stream no guess is needed: frame n starts `n × bytesPerFrame` bytes after frame 0,
/// where bytesPerFrame = samplesPerFrame / 8 × bitrate / rate (ISO 11172-3 2.4.3.1), give or
/// take the one padding byte encoders add now and then to keep that mean exact. So the index
/// is extended over the whole file by arithmetic, and an ordinary exact seek finds the frame.
extension MPG123Decoder {
    /// Bytes each computed entry is placed before the frame it names: the padding puts a frame
    /// up to 1 byte either side of the mean (checked on the parsed frames, allowed up to 2), and
    /// libmpg123 skips the few bytes of the previous frame's tail to the header (a silent resync).
    static let constantBitrateEntryMargin: Int64 = 3

    /// Entries in the extended index at most; the step doubles until the file fits, so a seek
    /// reads forward at most `step` frames (16 frames, 0.4 s, for an hour of 44.1 kHz audio).
    static let constantBitrateIndexEntries = 8192

    /// Extends the frame index over a CBR stream of `fileSize` bytes; afterwards every seek is
    /// exact and jumps straight to the frame. Returns false, changing nothing, when the stream
    /// is not CBR (a Xing/VBRI header says VBR or ABR), too few frames have been parsed (one
    /// with a LAME Info frame, else two), or the parsed frames do not sit where a constant frame
    /// size puts them (a VBR file without a header).
    public func extendIndexByConstantBitrate(fileSize: Int64) -> Bool {
        guard let info = frameInfo, info.bitrateMode == .constant, info.bitrateKbps > 0 else { return false }
        var offsetsPointer: UnsafeMutablePointer<off_t>?
        var step: off_t = 0
        var fill = 0
        // With one frame parsed (a seek placed as playback starts) nothing can be checked: then
        // only a LAME Info frame, which says CBR where a Xing frame says VBR, is taken at its word.
        let declaredConstant = gaplessTrim != nil
        guard mpg123_index(handle, &offsetsPointer, &step, &fill) == MPG123_OK.rawValue,
              let offsetsPointer, fill >= (declaredConstant ? 1 : 2), step > 0 else { return false }
        let parsed = Array(UnsafeBufferPointer(start: offsetsPointer, count: fill)).map(Int64.init)
        let parsedStep = Int64(step)
        let first = parsed[0]
        let bytesPerFrame = Double(info.samplesPerFrame) / 8 * Double(info.bitrateKbps * 1000) / Double(info.sampleRate)
        func expectedOffset(ofFrame frame: Int64) -> Double { Double(first) + Double(frame) * bytesPerFrame }
        for (entry, offset) in parsed.enumerated()
        where abs(Double(offset) - expectedOffset(ofFrame: Int64(entry) * parsedStep)) > 2 {
            return false
        }

        let frames = Int64(Double(fileSize - first) / bytesPerFrame)
        var newStep = parsedStep
        while frames / newStep >= Int64(Self.constantBitrateIndexEntries) { newStep *= 2 }
        var entries: [off_t] = []
        entries.reserveCapacity(Int(frames / newStep) + 1)
        var frame: Int64 = 0
        while frame < frames {
            let parsedEntry = frame / parsedStep
            if parsedEntry < Int64(parsed.count) {
                entries.append(off_t(parsed[Int(parsedEntry)]))  // exact, from the parsed frames
            } else {
                let offset = Int64(expectedOffset(ofFrame: frame).rounded(.down)) - Self.constantBitrateEntryMargin
                entries.append(off_t(offset))
            }
            frame += newStep
        }
        return entries.withUnsafeMutableBufferPointer { buffer in
            mpg123_set_index(handle, buffer.baseAddress, off_t(newStep), buffer.count) == MPG123_OK.rawValue
        }
    }
}
