extension Player {
    /// `u`: the queue as it was before its last edit. The entry playing goes on playing when
    /// the earlier queue holds it; otherwise playback follows the earlier queue's current
    /// entry, as after removing the playing entry. One step: a second `u` says so.
    func undoQueueChange() {
        guard let earlier = queueBeforeLastEdit else { return note("Nothing to undo.") }
        queueBeforeLastEdit = nil
        let playing = queue.currentID
        queue.restore(earlier)
        if let playing, queue.index(of: playing) != nil {
            if queue.currentID != playing { queue.playNow(playing) }
            queueEdited()
        } else {
            followCurrent()
        }
        note("Undone: the queue has \(queue.entries.count) \(queue.entries.count == 1 ? "entry" : "entries") again.")
    }
}
