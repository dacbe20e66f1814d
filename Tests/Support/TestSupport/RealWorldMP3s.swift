import Foundation

/// Odd MP3s from the wild that mutagen (GPL-2.0-or-later) ships as its own test corpus, in its
/// PyPI sdist's tests/data. scripts/test downloads the pinned sdist once into a cache
/// (`ensure_tag_corpus` in scripts/lib/common.sh) and names the folder in
/// S3PLAY_TEST_MUTAGEN_DATA; nothing of it is copied into this repository.
public enum RealWorldMP3s {
    /// Complete files with ID3 tags and no Xing/Info frame (CBR from encoders other than LAME):
    /// mpg123 decodes each to its end, and the file holds no more audio than that.
    public static let completeWithoutLengthHeader = [
        "silence-44-s.mp3", "silence-44-s-v1.mp3", "97-unknown-23-update.mp3", "bad-TYER-frame.mp3",
        "id3v22-test.mp3", "id3v1v2-combined.mp3", "audacious-trailing-id32-id31.mp3",
        "silence-44-s-mpeg2.mp3", "silence-44-s-mpeg25.mp3", "no-tags.mp3",
    ]

    public static func url(_ name: String) throws -> URL {
        let folder = try TestRequirement.requireVariable("S3PLAY_TEST_MUTAGEN_DATA", what: "mutagen's test files",
                                                         fix: "run the tests with scripts/test, which downloads them")
        let url = URL(fileURLWithPath: folder).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TestSupportError("\(url.path) is missing: scripts/test downloads mutagen's test files")
        }
        return url
    }

    public static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(name)))
    }
}
