import Curses
import Foundation
import Library
import Player
import TerminalUI

/// What a key or a command line asks the loop to do beyond changing the screen's own state.
enum ScreenEffect: Equatable {
    case player(PlayerCommand)
    /// Songs already on screen (the songs column).
    case enqueue([Song], EnqueueIntent)
    /// An artist's or an album's songs, to be read from the catalog first.
    case enqueueFromCatalog(artist: String, album: String?, EnqueueIntent)
    /// A search result's song: its album from that song on, played without duplicates.
    case playAlbumFrom(Song)
    /// `I`: the expanded details of what has focus.
    case openDetailsPane(DetailsRequest)
    /// Tab after `:add s3://…`: the line typed and the URL in it to complete.
    case completeLocation(line: String, url: String)
    case add(String)
    case rescan
    case quit
}

/// The full-screen player's view state: which view, the lists, the line being typed, the help
/// overlay and the message area. Pure: keys go in, `ScreenEffect`s come out, and the loop
/// performs them, so key handling is tested without a terminal or a player.
struct PlayerScreen {
    enum View { case browser, queue, search }
    enum Typing: Equatable {
        case none, filter, command(LineEditor)
        /// A destructive action waits for `y` (anything else cancels it).
        case confirm(String, [ScreenEffect])
    }

    let bindings: KeyBindings
    var view = View.browser
    var browser = BrowserModel()
    /// `/` in the library: artists, albums and songs found together (PlayerScreen+Search.swift).
    var search = SearchModel()
    var queue = BrowserModel.list([QueueEntry]()) { $0.item.displayName }
    var typing = Typing.none
    var isShowingHelp = false
    /// `:messages`: every message of this run, newest last (PlayerScreen+Messages.swift).
    var isShowingMessages = false
    /// How far ↓/j scrolled the help overlay (clamped when drawn).
    var helpScroll = 0
    var messageLog: [(text: String, time: Date)] = []
    var message: (text: String, time: Date)?
    var details: (request: DetailsRequest, text: DetailsText?)?
    /// `I`'s pane: its lines once they come (nil: loading), and how far it is scrolled.
    var detailsPane: (request: DetailsRequest, lines: [String]?)?
    var detailsPaneScroll = 0
    private(set) var queueRevision = -1
    /// Space's marks (PlayerScreen+Marks.swift): songs in the order marked, queue entries.
    var markedSongs: [Song] = []
    /// `:` lines entered, oldest first, and which one ↑/↓ shows (nil: the line being typed).
    var commandHistory: [String] = []
    var historyPosition: Int?
    /// The line being typed before ↑ went into the history.
    var draftLine = LineEditor()
    /// The saved playlists' names, for `:load` alone and Tab (read when asked: a few names in
    /// one directory). The app sets it; empty without a playlist directory.
    var playlistNames: () -> [String] = { [] }
    /// The focused list's selected item when `/` was pressed, for Esc to return to.
    var filterOrigin: Int?
    var markedEntries: Set<QueueEntryID> = []
    /// Set by `i`: the loop moves the selection to the playing entry (it holds the snapshot).
    var jumpToPlaying = false

    init(bindings: KeyBindings) {
        self.bindings = bindings
    }

    mutating func say(_ text: String, at time: Date = Date()) {
        message = text.isEmpty ? nil : (text, time)
        if !text.isEmpty { log(text, at: time) }
    }

    /// Messages fade after a few seconds (cmus keeps them until the next key; a player left
    /// running should not show a stale error for hours).
    func visibleMessage(at time: Date) -> String? {
        guard let message, time.timeIntervalSince(message.time) < 6 else { return nil }
        return message.text
    }

    /// Takes the snapshot's queue when it changed, keeping the selection on the same entry.
    mutating func updateQueue(from snapshot: PlayerSnapshot) {
        guard snapshot.revision != queueRevision else { return }
        queueRevision = snapshot.revision
        let selected = queue.selectedItem?.id
        queue.setItems(snapshot.entries)
        if let selected, let index = snapshot.entries.firstIndex(where: { $0.id == selected }) {
            queue.select(index: index)
        }
    }

    // MARK: keys

    mutating func handle(_ key: KeyEvent) -> [ScreenEffect] {
        if isShowingHelp, [.down, .character("j")].contains(key) { helpScroll += 1; return [] }
        if isShowingHelp, [.up, .character("k")].contains(key) { helpScroll = max(0, helpScroll - 1); return [] }
        if detailsPane != nil { scrollDetailsPane(key); return [] }
        if isShowingHelp || isShowingMessages {
            helpScroll = 0
            isShowingHelp = false
            isShowingMessages = false
            return []
        }
        if view == .search && search.isTyping && typing == .none { return typeSearch(key) }
        switch typing {
        case .filter: typeFilter(key); return []
        case .command(let line): return typeCommand(key, line: line)
        case .confirm(_, let effects):
            typing = .none
            if key == .character("y") || key == .character("Y") { return effects }
            say("Cancelled.")
            return []
        case .none: break
        }
        guard let action = bindings.action(for: key) else { return [] }
        return perform(action)
    }

    private mutating func perform(_ action: KeyAction) -> [ScreenEffect] {
        switch action {
        case .up: move(.by(-1))
        case .down: move(.by(1))
        case .pageUp: move(.pageUp)
        case .pageDown: move(.pageDown)
        case .top: move(.top)
        case .bottom: move(.bottom)
        case .left where view == .browser:
            browser.focus = LibraryPane(rawValue: browser.focus.rawValue - 1) ?? browser.focus
        case .right where view == .browser:
            browser.focus = LibraryPane(rawValue: browser.focus.rawValue + 1) ?? browser.focus
        // The queue has no columns to move between: ← → seek there, as they do in cmus.
        case .left: return [.player(.seekBy(seconds: -5))]
        case .right: return [.player(.seekBy(seconds: 5))]
        case .switchView: view = view == .browser ? .queue : .browser
        case .showLibrary: view = .browser
        case .showQueue: view = .queue
        case .undo: return [.player(.undoQueueChange)]
        case .activate where view == .search: return enqueueSearchHit(.play)
        case .append where view == .search: return enqueueSearchHit(.append)
        case .insertNext where view == .search: return enqueueSearchHit(.insertNext)
        case .activate: return view == .browser ? enqueueFocused(.play) : queue.selectedItem.map { [.player(.playEntry($0.id))] } ?? []
        case .append: return view == .browser ? enqueueMarked(.append) ?? enqueueFocused(.append) : []
        case .insertNext: return view == .browser ? enqueueMarked(.insertNext) ?? enqueueFocused(.insertNext) : []
        case .mark: toggleMark()
        case .remove:
            guard view == .queue else { return [] }
            if let effects = removeMarked() { return effects }
            guard let entry = queue.selectedItem else { return [] }
            return [.player(.remove(entry.id))]
        case .moveDown, .moveUp:
            guard view == .queue, let entry = queue.selectedItem else { return [] }
            // The selection stays on the entry's id and `updateQueue` finds it at its new row.
            // Moving the selection here too would land it on the neighbour in the list not yet
            // reordered, and the update would then keep it there: J J would swap back.
            return [.player(.move(entry.id, by: action == .moveDown ? 1 : -1))]
        case .clearQueue:
            return confirmingQueueLoss("Clear the queue", [.player(.clearQueue)])
        case .stop: return [.player(.stop)]
        case .play: return [.player(.play)]
        case .jumpToPlaying: jumpToPlaying = true
        case .togglePause: return [.player(.togglePause)]
        case .next: return [.player(.next)]
        case .previous: return [.player(.previous)]
        case .seekBack5: return [.player(.seekBy(seconds: -5))]
        case .seekForward5: return [.player(.seekBy(seconds: 5))]
        case .seekBack60: return [.player(.seekBy(seconds: -60))]
        case .seekForward60: return [.player(.seekBy(seconds: 60))]
        case .volumeDown: return [.player(.adjustVolume(by: -5))]
        case .volumeUp: return [.player(.adjustVolume(by: 5))]
        case .toggleShuffle: return [.player(.toggleShuffle)]
        case .cycleRepeat: return [.player(.cycleRepeat)]
        case .quit: return [.quit]
        case .help: isShowingHelp = true
        case .command: typing = .command(LineEditor()); historyPosition = nil
        case .search where view == .queue: return perform(.filter)
        case .search: openSearch()
        case .showInLibrary where view == .search: showSearchHitInLibrary()
        case .showInLibrary: break
        case .details:
            guard view == .browser, let request = browser.detailsRequest else { return [] }
            detailsPane = (request, nil)
            detailsPaneScroll = 0
            return [.openDetailsPane(request)]
        case .cancel where view == .search: closeSearch()
        case .filter where view == .search: break
        case .filter:
            filterOrigin = focusedSelectedIndex
            typing = .filter
            move(.query(""))
        case .nextMatch: move(.nextMatch)
        case .previousMatch: move(.previousMatch)
        case .cancel: move(.query(""))
        }
        return []
    }

    static func playlistList(_ names: [String]) -> String {
        names.isEmpty ? "No playlists yet: :save NAME keeps the queue as one."
            : "Playlists: \(names.joined(separator: ", ")) (:load NAME, Tab completes)"
    }

    /// cmus' `C` and `:load` drop the queue at once; here they ask first when there is
    /// something to lose (issue 17).
    private mutating func confirmingQueueLoss(_ action: String, _ effects: [ScreenEffect]) -> [ScreenEffect] {
        guard !queue.items.isEmpty else { return effects }
        typing = .confirm("\(action) (\(PlayerApp.count(queue.items.count, "entry", "entries")))?", effects)
        return []
    }

    private mutating func move(_ listMove: ListMove) {
        switch view {
        case .browser: browser.perform(listMove)
        case .queue: listMove.apply(to: &queue)
        case .search: if case .query = listMove {} else { listMove.apply(to: &search.results) }
        }
    }

    var focusedQuery: String { view == .browser ? browser.focusedQuery : queue.query }

    /// Enter, a and e in the browser: the focused song (Enter: and the album's songs after it),
    /// album or artist.
    private func enqueueFocused(_ intent: EnqueueIntent) -> [ScreenEffect] {
        switch browser.focus {
        case .songs:
            guard let index = browser.songs.selectedIndex else { return [] }
            let songs = browser.songs.items
            // Enter plays on through the album from the focused song, as a CD player would;
            // a and e take the one song.
            return [.enqueue(intent == .play ? Array(songs[index...]) : [songs[index]], intent)]
        case .albums:
            guard let album = browser.albums.selectedItem else { return [] }
            return [.enqueueFromCatalog(artist: album.artist, album: album.title, intent)]
        case .artists:
            guard let artist = browser.artists.selectedItem else { return [] }
            return [.enqueueFromCatalog(artist: artist.name, album: nil, intent)]
        }
    }

    /// `/`: each character narrows the focused list; Enter keeps the filter, Esc drops it and
    /// puts the cursor back on the row it was on before `/` (a query that leaves the column
    /// empty is said on the filter line, StatusDrawing).
    private mutating func typeFilter(_ key: KeyEvent) {
        var query = focusedQuery
        switch key {
        case .enter: typing = .none; return
        case .escape: typing = .none; query = ""
        case .backspace: query = String(query.dropLast())
        case .character(let character): query.append(character)
        default: return
        }
        move(.query(query))
        if key == .escape, let filterOrigin { selectFocused(index: filterOrigin) }
    }

    private mutating func typeCommand(_ key: KeyEvent, line: LineEditor) -> [ScreenEffect] {
        var line = line
        switch key {
        case .escape: typing = .none
        case .backspace where line.isEmpty:
            typing = .none  // Backspace on an empty line leaves command mode, as in vim and cmus.
        case .up, .down:
            typing = .command(recall(key == .up ? -1 : 1, current: line))
        case .tab:
            if let url = CommandCompletion.locationToComplete(line.text) {
                return [.completeLocation(line: line.text, url: url)]
            }
            if let completed = CommandCompletion.complete(line.text, playlists: playlistNames()) {
                typing = .command(LineEditor(completed))
            }
        case .enter:
            typing = .none
            remember(line.text)
            let parsed = CommandLineParser.parse(line.text)
            // A command that is understood clears an earlier error (issue 17); its own outcome
            // (a notice from the player or the worker) replaces it when it comes.
            if case .message = parsed {} else { message = nil }
            switch parsed {
            case .player(.loadPlaylist(let name)):
                return confirmingQueueLoss("Replace the queue with playlist \"\(name)\"", [.player(.loadPlaylist(name: name))])
            case .player(.clearQueue): return confirmingQueueLoss("Clear the queue", [.player(.clearQueue)])
            case .player(let command): return [.player(command)]
            case .add(let path): return [.add(path)]
            case .rescan: return [.rescan]
            case .listPlaylists: say(Self.playlistList(playlistNames()))
            case .messages: isShowingMessages = true
            case .quit: return [.quit]
            case .message(let text): say(text)
            }
        default:
            if line.handle(key) { typing = .command(line) }
        }
        return []
    }
}
