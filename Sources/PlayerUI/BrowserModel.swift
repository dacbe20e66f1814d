import Library
import TerminalUI

/// A catalog query the browser needs: the albums of the focused artist, the songs of the
/// focused album.
enum CatalogLoad: Equatable {
    case albums(artist: String)
    case songs(album: AlbumID)
}

/// The three browser columns (artists | albums of the focused artist | songs of the focused
/// album) and which one has focus. Pure: it says what to load (`nextLoads`) and takes answers
/// (`receive…`), and the loop does the loading on the worker, so this is tested without threads.
struct BrowserModel {
    var artists = BrowserModel.list([Artist]()) { $0.name }
    var albums = BrowserModel.list([Album]()) { $0.title }
    var songs = BrowserModel.list([Song]()) { $0.title }
    var focus: LibraryPane = .artists
    /// Whose albums are shown or on their way; nil before the artists arrive.
    private(set) var albumsArtist: String?
    private(set) var songsAlbum: AlbumID?
    private(set) var artistsLoaded = false
    /// After a rescan: the album and song that had focus, selected again when their columns
    /// come back (the lists are reloaded, and rows may have moved).
    var reselect: (album: String?, song: String?)?

    mutating func receiveArtists(_ list: [Artist]) {
        artists.setItems(list)
        artistsLoaded = true
    }

    /// The catalog changed under the columns (`:rescan`): every column is asked for again and
    /// the focus stays on the same names where they still exist.
    mutating func reload(artists list: [Artist]) {
        let artist = artists.selectedItem?.name
        reselect = (albums.selectedItem?.title, songs.selectedItem?.title)
        artists.setItems(list)
        if let artist, let index = list.firstIndex(where: { $0.name == artist }) { _ = artists.select(index: index) }
        albumsArtist = nil
        songsAlbum = nil
    }

    /// `i`: the browser goes to a song's artist (the album artist) and album, with the song
    /// selected once its column arrives. False when the artist is not in the catalog.
    mutating func show(_ song: Song) -> Bool {
        show(artist: song.albumArtist, album: song.album, song: song.title)
    }

    /// The browser on an artist, and on one of its albums and songs when named, with the
    /// deepest one named focused. Any filter in force is dropped so the rows can show.
    mutating func show(artist: String, album: String?, song: String?) -> Bool {
        artists.setQuery("")
        guard let index = artists.items.firstIndex(where: { $0.name == artist }),
              artists.select(index: index) else { return false }
        reselect = album == nil ? nil : (album, song)
        albumsArtist = nil
        songsAlbum = nil
        focus = song != nil ? .songs : album != nil ? .albums : .artists
        return true
    }

    /// Answers for an artist or album that lost focus meanwhile are dropped.
    mutating func receiveAlbums(_ list: [Album], of artist: String) {
        guard artist == albumsArtist else { return }
        albums = Self.list(list) { $0.title }
        if let title = reselect?.album, let index = list.firstIndex(where: { $0.title == title }) {
            _ = albums.select(index: index)
            reselect?.album = nil
        } else {
            reselect = nil  // another album has focus now: its songs keep their own first row
        }
    }

    mutating func receiveSongs(_ list: [Song], of album: AlbumID) {
        guard album == songsAlbum else { return }
        songs = Self.list(list) { $0.title }
        if let title = reselect?.song, let index = list.firstIndex(where: { $0.title == title }) {
            _ = songs.select(index: index)
        }
        reselect = nil
    }

    /// What to ask the worker for after the focus moved; the columns that will change are
    /// emptied at once so a key never acts on the previous artist's albums.
    mutating func nextLoads() -> [CatalogLoad] {
        var loads: [CatalogLoad] = []
        let artist = artists.selectedItem?.name
        if artist != albumsArtist {
            albumsArtist = artist
            albums = Self.list([]) { $0.title }
            if let artist { loads.append(.albums(artist: artist)) }
        }
        let album = albums.selectedItem?.id
        if album != songsAlbum {
            songsAlbum = album
            songs = Self.list([]) { $0.title }
            if let album { loads.append(.songs(album: album)) }
        }
        return loads
    }

    /// The details line follows the focus: the artist in the artists column, else the album.
    var detailsRequest: DetailsRequest? {
        if focus == .artists { return artists.selectedItem.map { .artist($0.name) } }
        return albums.selectedItem.map { .album($0.id) }
    }

    mutating func setViewportHeight(_ rows: Int) {
        artists.setViewportHeight(rows)
        albums.setViewportHeight(rows)
        songs.setViewportHeight(rows)
    }

    /// Moves the focused column's selection (or its filter).
    mutating func perform(_ move: ListMove) {
        switch focus {
        case .artists: move.apply(to: &artists)
        case .albums: move.apply(to: &albums)
        case .songs: move.apply(to: &songs)
        }
    }

    var focusedQuery: String {
        switch focus {
        case .artists: artists.query
        case .albums: albums.query
        case .songs: songs.query
        }
    }

    /// A list filtered diacritics- and case-insensitively, as `s3play search` matches.
    static func list<Item>(_ items: [Item], text: @escaping (Item) -> String) -> ListViewState<Item> {
        ListViewState(items: items, viewportHeight: 1, mode: .narrow) { item, query in
            TextFolding.fold(text(item)).contains(TextFolding.fold(query))
        }
    }
}

/// The moves every list supports, so one key handler serves artists, albums, songs and the queue.
enum ListMove {
    case by(Int), pageUp, pageDown, top, bottom, query(String), nextMatch, previousMatch

    func apply<Item>(to list: inout ListViewState<Item>) {
        switch self {
        case .by(let delta): list.moveSelection(by: delta)
        case .pageUp: list.pageUp()
        case .pageDown: list.pageDown()
        case .top: list.selectFirst()
        case .bottom: list.selectLast()
        case .query(let text): list.setQuery(text)
        case .nextMatch: list.nextMatch()
        case .previousMatch: list.previousMatch()
        }
    }
}
