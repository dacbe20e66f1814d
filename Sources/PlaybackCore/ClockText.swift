/// Times as the player and the CLI write them: 3:07, 1:02:03 ("-:--" when unknown). It lives in
/// the playback core so the engine's own messages (a start past a 2-hour WAV's end) read the same
/// as the status bar and `info`.
public enum ClockText {
    public static func of(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return "-:--" }
        let whole = Int(seconds.rounded(.down))
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(rest))" : "\(whole / 60):\(twoDigits(rest))"
    }

    /// `[=====-----]` in `width` cells (brackets included) for `fraction` of the track.
    public static func bar(fraction: Double, width: Int) -> String {
        guard width >= 3 else { return "" }
        let inside = width - 2
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let filled = Int((Double(inside) * clamped).rounded(.down))
        return "[" + String(repeating: "=", count: filled) + String(repeating: "-", count: inside - filled) + "]"
    }
}
