/// What a scrolling list shows and where its selection is, without drawing anything.
///
/// `visibleIndices` are the positions in `items` the list shows (all of them, or those that match
/// the query when the filter narrows), `selectedRow` is a row of that list, and `scrollOffset` is
/// the first row on screen; every change keeps the selection between `scrollOffset` and
/// `scrollOffset + viewportHeight - 1`.
///
/// The query is incremental: each `setQuery` re-matches from scratch with `matches`. In
/// `.narrow` mode (ncmpcpp's filter) non-matching rows are hidden; in `.jump` mode (cmus' and
/// vim's `/`) all rows stay and the selection jumps to the first match. `nextMatch` and
/// `previousMatch` (n and N) move to the next matching row, wrapping around, in either mode.
public struct ListViewState<Item> {
    public enum QueryMode: Sendable { case narrow, jump }

    public private(set) var items: [Item]
    public private(set) var visibleIndices: [Int]
    public private(set) var selectedRow = 0
    public private(set) var scrollOffset = 0
    public private(set) var viewportHeight: Int
    public private(set) var query = ""
    public let mode: QueryMode
    private let matches: (Item, String) -> Bool

    public init(items: [Item], viewportHeight: Int, mode: QueryMode = .narrow,
                matches: @escaping (Item, String) -> Bool) {
        self.items = items
        self.visibleIndices = Array(items.indices)
        self.viewportHeight = max(1, viewportHeight)
        self.mode = mode
        self.matches = matches
    }

    public var rowCount: Int { visibleIndices.count }
    public var isEmpty: Bool { visibleIndices.isEmpty }

    /// The selected position in `items`, nil when the list shows nothing.
    public var selectedIndex: Int? { isEmpty ? nil : visibleIndices[selectedRow] }
    public var selectedItem: Item? { selectedIndex.map { items[$0] } }

    /// The rows on screen, top to bottom: the row number, the item and whether it matches the
    /// query (for highlighting in `.jump` mode; always true with no query).
    /// `index` is the item's place in `items` (rows skip filtered-out items in narrow mode).
    public var rowsOnScreen: [(row: Int, index: Int, item: Item, isMatch: Bool)] {
        let end = min(rowCount, scrollOffset + viewportHeight)
        guard scrollOffset < end else { return [] }
        return (scrollOffset..<end).map { row in
            let index = visibleIndices[row]
            let item = items[index]
            return (row, index, item, query.isEmpty || matches(item, query))
        }
    }

    // MARK: Movement

    public mutating func moveSelection(by delta: Int) { select(row: selectedRow + delta) }
    public mutating func selectFirst() { select(row: 0) }
    public mutating func selectLast() { select(row: rowCount - 1) }

    /// One screen down: the view scrolls by a page and the selection moves as far (less at the end).
    public mutating func pageDown() {
        scrollOffset = min(maxScrollOffset, scrollOffset + viewportHeight)
        select(row: selectedRow + viewportHeight)
    }

    public mutating func pageUp() {
        scrollOffset = max(0, scrollOffset - viewportHeight)
        select(row: selectedRow - viewportHeight)
    }

    public mutating func select(row: Int) {
        selectedRow = isEmpty ? 0 : min(max(0, row), rowCount - 1)
        keepSelectionOnScreen()
    }

    /// Selects the row showing `items[index]`; false when that item is filtered out.
    @discardableResult
    public mutating func select(index: Int) -> Bool {
        guard let row = visibleIndices.firstIndex(of: index) else { return false }
        select(row: row)
        return true
    }

    public mutating func setViewportHeight(_ height: Int) {
        viewportHeight = max(1, height)
        keepSelectionOnScreen()
    }

    /// New items (a rescan, another artist): the query is applied again and the selection stays
    /// on the same position when it still exists.
    public mutating func setItems(_ newItems: [Item]) {
        let previous = selectedIndex ?? 0
        items = newItems
        rematch(keepingIndex: previous)
    }

    // MARK: Query

    public mutating func setQuery(_ text: String) {
        query = text
        rematch(keepingIndex: selectedIndex ?? 0)
        // Jump mode stays on the selection while it still matches, as each typed letter narrows.
        if mode == .jump, !text.isEmpty, let item = selectedItem, !matches(item, text) { nextMatch() }
    }

    /// Esc: every item shows again and the selection stays on the item it was on.
    public mutating func clearQuery() { setQuery("") }

    /// n: the next matching row after the selection, wrapping to the top.
    public mutating func nextMatch() { stepToMatch(forward: true) }
    /// N: the previous matching row, wrapping to the bottom.
    public mutating func previousMatch() { stepToMatch(forward: false) }

    // MARK: Internals

    private var maxScrollOffset: Int { max(0, rowCount - viewportHeight) }

    private mutating func keepSelectionOnScreen() {
        if selectedRow < scrollOffset { scrollOffset = selectedRow }
        if selectedRow >= scrollOffset + viewportHeight { scrollOffset = selectedRow - viewportHeight + 1 }
        scrollOffset = min(max(0, scrollOffset), maxScrollOffset)
    }

    private mutating func rematch(keepingIndex index: Int) {
        if mode == .narrow, !query.isEmpty {
            visibleIndices = items.indices.filter { matches(items[$0], query) }
        } else {
            visibleIndices = Array(items.indices)
        }
        // The item itself if it is still listed, else the nearest listed item after it.
        let row = visibleIndices.firstIndex { $0 >= index } ?? rowCount - 1
        select(row: row)
    }

    private mutating func stepToMatch(forward: Bool) {
        guard !isEmpty, !query.isEmpty else { return }
        for step in 1...rowCount {
            let row = ((selectedRow + (forward ? step : -step)) % rowCount + rowCount) % rowCount
            if matches(items[visibleIndices[row]], query) {
                select(row: row)
                return
            }
        }
    }
}
