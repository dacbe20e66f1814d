import AudioTags

/// The ID3v1 genre list lives in `AudioTags` (pure Swift, no dependencies), so the catalog's
/// tag reader and this wrapper name the same numbers the same way.
typealias ID3v1Genre = AudioTags.ID3v1Genre
