// swift-tools-version:6.0
// The folder tree is the architecture (docs/architecture.md): C modules at the bottom, one thin
// Swift wrapper per C library, then transport, storage clients, playback, and the CLI on top.
import PackageDescription

let package = Package(
    name: "s3play",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "s3play", targets: ["s3play"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C libraries, found with pkg-config; each shim.h holds what Swift cannot import.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw",
                       providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CMPG123", pkgConfig: "libmpg123",
                       providers: [.apt(["libmpg123-dev"])]),
        .systemLibrary(name: "CALSA", pkgConfig: "alsa",
                       providers: [.apt(["libasound2-dev"])]),

        // Thin Swift wrappers: the only modules that import the C modules.
        .target(name: "Curl", dependencies: ["CCurl"]),
        .target(name: "MPG123", dependencies: ["CMPG123"]),
        .target(name: "ALSA", dependencies: ["CALSA"]),
        .target(name: "Curses", dependencies: ["CNcurses"]),

        // Outside text made safe to show: terminal controls escaped, secrets in URLs cut.
        .target(name: "SafeText"),

        // What the full-screen views are built from: widths, layout, lists, keys, theme, signals.
        .target(name: "TerminalUI", dependencies: ["Curses", "SafeText"]),

        // HTTP transport shared by S3 and Discogs.
        .target(name: "HTTPTransport", dependencies: ["Curl"]),

        // Amazon S3 / S3-compatible storage client: SigV4, configuration, ListObjectsV2, ranged GET.
        .target(name: "S3", dependencies: [
            "HTTPTransport", "SafeText",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // Playback (#13): a core that knows no format, device or network, and its adapters.
        // The core: byte source, decoder and output protocols, the decoder registry, the engine.
        .target(name: "PlaybackCore"),
        // Adapters, wired in by the CLI: S3 objects read by ranged GETs, MP3 through
        // libmpg123, ALSA, and the paced null output.
        .target(name: "S3Streaming", dependencies: ["PlaybackCore", "S3"]),
        .target(name: "MPEGDecoding", dependencies: ["PlaybackCore", "MPG123", "AudioTags"]),
        .target(name: "ALSAOutput", dependencies: ["PlaybackCore", "ALSA"]),
        .target(name: "NullOutput", dependencies: ["PlaybackCore"]),
        // What `s3play info` tells about a file: its tags and first frames, without decoding.
        .target(name: "AudioInfo", dependencies: ["PlaybackCore", "AudioTags"]),

        // Lossless formats (issue #14): FLAC through libFLAC (C calls only in the FLAC wrapper),
        // WAV and AIFF/AIFC in pure Swift; each a TrackDecoder and its factory.
        .systemLibrary(name: "CFLAC", pkgConfig: "flac", providers: [.apt(["libflac-dev"])]),
        .target(name: "FLAC", dependencies: ["CFLAC"]),
        .target(name: "FLACDecoding", dependencies: ["FLAC", "PlaybackCore"]),
        .target(name: "PCMFileDecoding", dependencies: ["PlaybackCore"]),
        .testTarget(name: "LosslessDecodingTests", dependencies: [
            "FLACDecoding", "PCMFileDecoding", "PlaybackCore", "Storage", "S3Streaming", "S3", "HTTPTransport", "TestSupport",
        ]),

        // Where the music lives: an S3 bucket or a local folder as the catalog scan lists it,
        // typed locations, and the byte source of one file for playback.
        .target(name: "Storage", dependencies: ["S3", "SafeText", "PlaybackCore", "S3Streaming"]),

        // The library: Artist / Album / Song, the catalog of the bucket or folder, search, and the
        // details seam (MetadataSource) that Metadata implements: storage and tags only below it.
        .target(name: "Library", dependencies: [
            "Storage", "AudioTags", "SafeText",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),

        // The player: queue, play modes, the state machine over the engine, resume state, playlists.
        .target(name: "Player", dependencies: ["PlaybackCore", "Library", "Storage"]),

        // The full-screen player: browser, queue, status bar, keys and `:` commands over the Player.
        .target(name: "PlayerUI", dependencies: ["TerminalUI", "Curses", "Player", "PlaybackCore", "Library", "Storage", "Remote", "SafeText", "MPRIS"]),

        .target(name: "DiscogsRateLimiting"),

        // Remote control of a running player over a Unix socket, as cmus-remote does it.
        .target(name: "Remote"),

        // MPRIS (issue #17): libdbus behind CDBus (pkg-config dbus-1) and the DBus wrapper; the
        // MPRIS module serves org.mpris.MediaPlayer2 over the Player's commands and snapshot.
        .systemLibrary(name: "CDBus", pkgConfig: "dbus-1", providers: [.apt(["libdbus-1-dev"])]),
        .target(name: "DBus", dependencies: ["CDBus"]),
        .target(name: "MPRIS", dependencies: ["DBus", "Player", "Library"]),

        // The user's config file ($XDG_CONFIG_HOME/s3play/config.toml), read by the top layers.
        .target(name: "ConfigFile", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        // Tags and duration of an MP3 from a few ranged reads: pure parsing, no I/O.
        .target(name: "AudioTags"),
        // The Discogs API client: requests paced by the limiter, JSON decoded into plain values.
        .target(name: "Discogs", dependencies: ["HTTPTransport", "DiscogsRateLimiting", "SafeText"]),
        // Discogs details as the library asks for them: cache, shared tier in the bucket, then Discogs;
        // the matching of library names to Discogs entries (DiscogsEnrichment implements Library's MetadataSource).
        .target(name: "Metadata", dependencies: ["Library", "Discogs", "DiscogsRateLimiting", "MetadataCache", "S3", "SafeText"]),
        // The disk cache of Discogs metadata (SQLite through GRDB), which also keeps the limiter's window.
        .target(name: "MetadataCache", dependencies: [
            "DiscogsRateLimiting",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The command line.
        .executableTarget(name: "s3play", dependencies: [
            "S3",
            "PlaybackCore", "S3Streaming", "MPEGDecoding", "ALSAOutput", "NullOutput", "AudioInfo",
            "OggDecoding",
            "FLACDecoding", "PCMFileDecoding",
            "Storage",
            "Library",
            "Metadata",
            "MetadataCache",
            "Discogs",
            "DiscogsRateLimiting",
            "ConfigFile",
            "TerminalUI",
            "Remote",
            "Player",
            "PlayerUI",
            "MPRIS",
            "SafeText",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/CLI"),

        // Ogg Vorbis and Ogg Opus (issue #14): libvorbisfile and libopusfile read the track's
        // ByteSource through callbacks; the CLI registers the two factories with the engine.
        .systemLibrary(name: "CVorbisFile", pkgConfig: "vorbisfile", providers: [.apt(["libvorbis-dev"])]),
        .systemLibrary(name: "COpusFile", pkgConfig: "opusfile", providers: [.apt(["libopusfile-dev"])]),
        .target(name: "VorbisFile", dependencies: ["CVorbisFile"]),
        .target(name: "OpusFile", dependencies: ["COpusFile"]),
        .target(name: "OggDecoding", dependencies: ["PlaybackCore", "VorbisFile", "OpusFile"]),

        // Test support: SeaweedFS access, test audio files, the fault-injecting HTTP proxy.
        .target(name: "TestSupport", dependencies: ["S3", "HTTPTransport", "TestServers"], path: "Tests/Support/TestSupport"),
        // Loopback servers for tests and the demo (Discogs stand-in, fault proxy): no XCTest here.
        .target(name: "TestServers", path: "Tests/Support/TestServers"),
        .target(name: "TestAssertions", path: "Tests/Support/TestAssertions"),
        // Test doubles of production seams (a clock moved by hand, an in-memory request-time store):
        // kept out of the production modules, linked by tests only.
        .target(name: "TestDoubles", dependencies: ["DiscogsRateLimiting"], path: "Tests/Support/TestDoubles"),
        .executableTarget(name: "s3play-fixture", dependencies: ["S3", "HTTPTransport"],
                          path: "Tests/Support/FixtureTool"),
        .executableTarget(name: "s3play-testproxy", dependencies: ["TestServers"],
                          path: "Tests/Support/TestProxyTool"),
        .executableTarget(name: "s3play-discogs-standin", dependencies: ["TestServers"],
                          path: "Tests/Support/DiscogsStandInTool"),
        .executableTarget(name: "s3play-cache-writer", dependencies: ["MetadataCache"],
                          path: "Tests/Support/CacheWriterTool"),
        .executableTarget(name: "s3play-ui-sandbox", dependencies: ["Curses", "TerminalUI"],
                          path: "Tests/Support/UISandboxTool"),
        .executableTarget(name: "s3play-bench-catalog", dependencies: ["Library"],
                          path: "Tests/Support/BenchCatalogTool"),

        .testTarget(name: "CLibraryTests", dependencies: ["CCurl", "CNcurses", "CMPG123", "CALSA", "CDBus"]),
        .testTarget(name: "MPG123Tests", dependencies: ["MPG123", "TestSupport", "TestAssertions"]),
        .testTarget(name: "ALSATests", dependencies: ["ALSA"]),
        .testTarget(name: "S3Tests", dependencies: ["S3", "SafeText", "HTTPTransport"]),
        .testTarget(name: "S3IntegrationTests", dependencies: ["S3", "HTTPTransport", "TestSupport"]),
        .testTarget(name: "PlaybackTests", dependencies: ["PlaybackCore", "Storage", "S3Streaming", "MPEGDecoding", "NullOutput", "ALSAOutput", "AudioInfo", "S3", "HTTPTransport", "TestSupport", "TestAssertions"]),
        .testTarget(name: "CLITests", dependencies: ["S3", "TestSupport"]),
        .testTarget(name: "HTTPTransportTests", dependencies: ["HTTPTransport", "TestSupport"]),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport", "TestServers"]),
        .testTarget(name: "DiscogsRateLimitingTests", dependencies: ["TestDoubles", "DiscogsRateLimiting"]),
        .testTarget(name: "StreamingTests", dependencies: ["PlaybackCore", "S3Streaming", "S3", "TestSupport"]),
        .testTarget(name: "DiscogsStandInTests", dependencies: ["TestSupport", "TestServers"]),
        .testTarget(name: "ConfigFileTests", dependencies: ["ConfigFile"]),
        .testTarget(name: "MetadataTests", dependencies: ["TestDoubles", "Library",
            "Metadata", "Discogs", "DiscogsRateLimiting", "MetadataCache", "HTTPTransport", "S3", "TestSupport",
        ]),
        .testTarget(name: "AudioTagsTests", dependencies: ["AudioTags", "TestSupport"]),
        .testTarget(name: "DiscogsTests", dependencies: ["TestDoubles", "Discogs", "DiscogsRateLimiting", "HTTPTransport",
                                                         "TestSupport"]),
        .testTarget(name: "MetadataCacheTests", dependencies: ["TestDoubles",
            "MetadataCache", "DiscogsRateLimiting", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "RemoteTests", dependencies: ["Remote", "TestSupport"]),
        .testTarget(name: "PlayerTests", dependencies: ["Player", "PlaybackCore", "Storage", "MPEGDecoding", "Library", "TestSupport", "TestAssertions"]),
        .testTarget(name: "CursesTests", dependencies: ["Curses", "CNcurses"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "Curses", "TestSupport"]),
        .testTarget(name: "PlayerUITests", dependencies: ["PlayerUI", "Player", "PlaybackCore", "Library", "Remote", "TerminalUI", "TestSupport"]),
        .testTarget(name: "DBusTests", dependencies: ["DBus", "CDBus"]),
        .testTarget(name: "MPRISTests", dependencies: ["MPRIS", "DBus", "Player", "Library", "TestSupport"]),
        .testTarget(name: "OggDecodingTests", dependencies: ["OggDecoding", "PlaybackCore", "Storage", "S3Streaming", "S3", "HTTPTransport", "TestSupport"]),
        .testTarget(name: "LibraryTests", dependencies: ["Library", "Storage", "AudioTags", "TestSupport"]),
    ]
)
