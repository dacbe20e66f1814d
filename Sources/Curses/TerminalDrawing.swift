import CNcurses
#if canImport(Glibc)
import Glibc
#endif

/// Drawing into the virtual screen. Rows and columns count cells from the top left; text that
/// would pass the right edge is cut there, because ncurses would otherwise wrap it onto the next
/// line (curs_addwstr.3x) and draw over whatever is below.
extension Terminal {
    /// The cells `scalar` takes as the C library sees it (wcwidth(3)): what ncurses advances by.
    /// -1 for non-printable scalars. Reads the locale `start()` set.
    public static func systemColumnWidth(of scalar: Unicode.Scalar) -> Int {
        Int(wcwidth(wchar_t(bitPattern: scalar.value)))
    }

    /// Draws `text` from (row, column) the way ncurses lays it out (mvwaddnwstr, widths from
    /// wcwidth). Views that need their own grapheme widths place cells with `putCell`.
    public func put(_ text: String, row: Int, column: Int, attributes: TextAttributes = [],
                    colorPair: Int = 0) {
        guard screen != nil, column >= 0 else { return }
        let size = self.size
        guard row >= 0, row < size.rows, column < size.columns else { return }
        var characters: [wchar_t] = []
        var used = 0
        for scalar in text.unicodeScalars {
            let width = max(0, Terminal.systemColumnWidth(of: scalar))
            if used + width > size.columns - column { break }
            used += width
            characters.append(wchar_t(bitPattern: scalar.value))
        }
        guard !characters.isEmpty else { return }
        let window = s3play_stdscr()
        wattr_set(window, attributes.cursesValue, Int16(colorPair), nil)
        mvwaddnwstr(window, Int32(row), Int32(column), characters, Int32(characters.count))
        wattr_set(window, s3play_a_normal(), 0, nil)
    }

    /// Draws one grapheme cluster in the cell at (row, column): the first scalar is the spacing
    /// character and the rest ride along as its combining characters (setcchar.3x), so an emoji
    /// with VS16 or ZWJ, a decomposed accent or a Hangul syllable stays in one place whatever
    /// widths wcwidth gives the parts. ncurses keeps at most CCHARW_MAX (5) per cell; a longer
    /// cluster is drawn as its first scalar.
    public func putCell(_ character: Character, row: Int, column: Int,
                        attributes: TextAttributes = [], colorPair: Int = 0) {
        guard screen != nil, row >= 0, column >= 0 else { return }
        var scalars = character.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        if scalars.count > Int(CCHARW_MAX) { scalars = [scalars[0]] }
        scalars.append(0)
        var cell = cchar_t()
        guard setcchar(&cell, scalars, attributes.cursesValue, Int16(colorPair), nil) == OK else { return }
        mvwadd_wch(s3play_stdscr(), Int32(row), Int32(column), &cell)
    }

    /// Fills `width` cells from (row, column) with `character` (mvwhline_set.3x), e.g. the
    /// background of a selected row or of the status bar.
    public func fill(row: Int, column: Int, width: Int, character: Character = " ",
                     attributes: TextAttributes = [], colorPair: Int = 0) {
        guard screen != nil, width > 0, row >= 0, column >= 0 else { return }
        var scalars = [wchar_t(bitPattern: character.unicodeScalars.first?.value ?? 32), 0]
        var cell = cchar_t()
        guard setcchar(&cell, &scalars, attributes.cursesValue, Int16(colorPair), nil) == OK else { return }
        mvwhline_set(s3play_stdscr(), Int32(row), Int32(column), &cell, Int32(width))
    }
}
