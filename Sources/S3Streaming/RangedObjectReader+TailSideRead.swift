import Foundation
import PlaybackCore
import S3

/// The side read of an object's tail. libopusfile and libvorbisfile read the last page at
/// open, for the exact length (in 64 KiB steps, OP_CHUNK_SIZE / CHUNKSIZE), and then seek back
/// to the start. Moving the window there and back would cancel the first GET and fetch the
/// head twice (an Opus play cost 1.2x the object, issue #14). Instead a seek into the last
/// `tailReadBytes` (128 KiB) starts one GET of just the tail on a short `s3play.tail` thread:
/// the window and its GET stay where they are, the seek back lands in the window again, and
/// when the window reaches the tail it takes those bytes instead of fetching them again. A
/// side GET that fails or comes short falls back to moving the window there, so the fetch
/// loop meets the failure with all it knows (retries, outages, a changed object).
extension RangedObjectReader {
    /// Called with `condition` held. The side GET asks for the bytes from `start` to the end
    /// (at most `tailReadBytes`); an older one is cancelled.
    func startTailRead(from start: Int64, size: Int64) {
        tailInFlight?.cancel()
        tailInFlight = nil
        tailGeneration += 1
        tail.removeAll(keepingCapacity: true)
        tailStart = start
        tailValid = true
        let plan = TailPlan(generation: tailGeneration, start: start, size: size, etag: etag)
        tailThread = JoinableThread(name: "s3play.tail") { [weak self] in self?.fetchTail(plan) }
    }

    /// Called with `condition` held, for a jump: the side read's bytes are of no more use.
    func abandonTailRead() {
        tailInFlight?.cancel()
        tailInFlight = nil
        tailGeneration += 1
        tail.removeAll()
        tailValid = false
        readingTail = false
    }

    private struct TailPlan {
        var generation: Int
        var start: Int64
        var size: Int64
        var etag: String?
    }

    private func fetchTail(_ plan: TailPlan) {
        do {
            let stream = try client.getObject(bucket: bucket, key: key,
                                              range: .bounded(first: plan.start, last: plan.size - 1),
                                              ifMatch: plan.etag, expectedSize: plan.size,
                                              stallTimeout: configuration.stallTimeout)
            guard adoptTail(stream, plan: plan) else { return }
            var delivered: Int64 = 0
            while let piece = try stream.nextChunk() {
                guard appendTail(piece, plan: plan) else { return }
                delivered += Int64(piece.count)
            }
            if delivered < plan.size - plan.start { fallBackToJump(plan) }
            condition.lock()
            if plan.generation == tailGeneration { tailInFlight = nil }
            condition.unlock()
        } catch {
            fallBackToJump(plan)
        }
    }

    private func adoptTail(_ stream: S3ObjectStream, plan: TailPlan) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard plan.generation == tailGeneration, !closed else {
            stream.cancel()
            return false
        }
        tailInFlight = stream
        pin(stream.attributes)
        return true
    }

    private func appendTail(_ piece: [UInt8], plan: TailPlan) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard plan.generation == tailGeneration, !closed else { return false }
        tail.append(contentsOf: piece)
        condition.broadcast()
        return true
    }

    /// A side GET that failed or came short: the reader jumps as it did before side reads, so
    /// the fetch loop meets the failure with all it knows (retries, outages, a changed object).
    private func fallBackToJump(_ plan: TailPlan) {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        guard plan.generation == tailGeneration, !closed else { return }
        let wasReadingTail = readingTail
        abandonTailRead()
        guard wasReadingTail else { return }
        generation += 1
        inFlight?.cancel()
        inFlight = nil
        window.removeAll(keepingCapacity: true)
        windowStart = readPosition
        failure = nil
        ranDryAt = nil
    }
}
