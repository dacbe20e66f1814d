import CALSA

/// An alsa-lib failure: the negative errno it returned, what we were doing, and `snd_strerror`'s
/// text. `description` is one line, ready for a status line.
public struct ALSAError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The negative errno alsa-lib returned, such as -ENOENT for an unknown PCM name.
    public let code: Int32
    /// What failed, such as "cannot open ALSA device 'default'".
    public let operation: String

    init(_ code: Int32, _ operation: String) {
        self.code = code
        self.operation = operation
    }

    public var description: String {
        // A device name comes from the user's configuration; keep the sentence on one line.
        let line = "\(operation): \(String(cString: snd_strerror(code)))"
        return String(line.map { $0.isNewline ? " " : $0 })
    }
}
