/// The order the catalog lists songs in when no artist is chosen (`CatalogStore.songs()`):
/// album artist ("The" left out, case and accents ignored), album, disc (none counts as 1),
/// track (none after the numbered ones), title. For songs gathered elsewhere (`:add` of a folder
/// or prefix) to play as the library would.
extension Song {
    public static func catalogOrder(_ lhs: Song, _ rhs: Song) -> Bool {
        func key(_ song: Song) -> (String, String, String, String) {
            (CatalogSortKey.artist(foldedName: TextFolding.fold(song.albumArtist)), song.albumArtist,
             TextFolding.fold(song.album), song.album)
        }
        let (left, right) = (key(lhs), key(rhs))
        if left != right { return left < right }
        if (lhs.discNumber ?? 1) != (rhs.discNumber ?? 1) { return (lhs.discNumber ?? 1) < (rhs.discNumber ?? 1) }
        switch (lhs.trackNumber, rhs.trackNumber) {
        case let (l?, r?) where l != r: return l < r
        case (.some, nil): return true
        case (nil, .some): return false
        default: return TextFolding.fold(lhs.title) < TextFolding.fold(rhs.title)
        }
    }
}
