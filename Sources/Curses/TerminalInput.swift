import CNcurses

extension Terminal {
    /// Waits up to `timeoutMilliseconds` for a key (negative waits for ever, 0 only looks) and
    /// decodes it; nil when none came. get_wch(3x) returns OK with a wide character or
    /// KEY_CODE_YES with a KEY_* code; a resize arrives as KEY_RESIZE once ncurses' own SIGWINCH
    /// handler has resized stdscr (resizeterm.3x). A signal also ends the wait early (EINTR), so
    /// the caller's loop sees its signal pipe promptly.
    public func readKey(timeoutMilliseconds: Int) -> KeyEvent? {
        guard screen != nil else { return nil }
        let window = s3play_stdscr()
        wtimeout(window, Int32(clamping: timeoutMilliseconds))
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == Int32(s3play_key_code_yes()) {
            return KeyEvent(keyCode: Int32(bitPattern: character))
        }
        guard result == OK else { return nil }
        return KeyEvent(wideCharacter: character)
    }
}
