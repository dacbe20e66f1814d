import Foundation

/// The `plug` notices already said, shared by every output a process opens. The player opens a
/// new output for each engine run (each Enter), and a device that refuses 44.1 kHz refuses it
/// every time: the user is told once, not once a song they pick.
public final class PlugNotices: @unchecked Sendable {
    private let lock = NSLock()
    private var said: Set<String> = []

    public init() {}

    /// True the first time `text` is offered, false after.
    func firstTime(_ text: String) -> Bool {
        lock.withLock { said.insert(text).inserted }
    }
}
