import Curses

extension Terminal {
    /// Draws `text` in exactly `width` columns from (row, column): cut with "…" or padded with
    /// spaces by `DisplayWidth`, one grapheme cluster per cell, so columns line up whatever the
    /// script and whatever wcwidth says about the parts of an emoji sequence.
    public func draw(_ text: String, row: Int, column: Int, width: Int, paint: ThemePalette.Paint) {
        guard width > 0 else { return }
        let limit = min(width, size.columns - column)
        guard limit > 0 else { return }
        fill(row: row, column: column, width: limit, attributes: paint.attributes, colorPair: paint.colorPair)
        var at = column
        for character in DisplayWidth.truncate(DisplayWidth.printable(text), toColumns: limit) {
            let cells = DisplayWidth.of(character)
            guard cells > 0 else { continue }
            putCell(character, row: row, column: at, attributes: paint.attributes, colorPair: paint.colorPair)
            at += cells
        }
    }
}
