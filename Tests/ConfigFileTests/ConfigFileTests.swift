import ConfigFile
import Foundation
import XCTest

final class ConfigFileTests: XCTestCase {
    func testReadsEverySetting() throws {
        let file = try ConfigFile.parse("""
            # s3play
            library = "s3://music/lessons"
            path_patterns = ["{artist}/{title}", "{title}"]

            [discogs]
            token = "abc123"
            api_url = "http://127.0.0.1:9999"
            requests_per_minute = 40

            [cache]
            shared = true
            stale_after_hours = 3
            not_found_stale_after_hours = 0.5
            refresh_library_after_hours = 24
            drop_unviewed_after_days = 30
            memory_entries = 100

            [keys]
            quit = "x"
            page_down = "ctrl-f f8"

            [theme]
            header = "blue,,bold"

            [mpris]
            enabled = false
            """)
        XCTAssertEqual(file.library, "s3://music/lessons")
        XCTAssertEqual(file.pathPatterns, ["{artist}/{title}", "{title}"])
        XCTAssertEqual(file.discogs.token, "abc123")
        XCTAssertEqual(file.discogs.apiURL, "http://127.0.0.1:9999")
        XCTAssertEqual(file.discogs.requestsPerMinute, 40)
        XCTAssertEqual(file.cache.shared, true)
        XCTAssertEqual(file.cache.staleAfterHours, 3)
        XCTAssertEqual(file.cache.notFoundStaleAfterHours, 0.5)
        XCTAssertEqual(file.cache.refreshLibraryAfterHours, 24)
        XCTAssertEqual(file.cache.dropUnviewedAfterDays, 30)
        XCTAssertEqual(file.cache.memoryEntries, 100)
        XCTAssertEqual(file.keys, ["quit": "x", "page_down": "ctrl-f f8"])
        XCTAssertEqual(file.theme, ["header": "blue,,bold"])
        XCTAssertEqual(file.mpris.enabled, false)
        XCTAssertNil(try ConfigFile.parse("").mpris.enabled)
        XCTAssertThrowsError(try ConfigFile.parse("[mpris]\nenabled = \"no\"\n")) { error in
            XCTAssertEqual("\(error)", "config file config.toml: 'mpris.enabled' must be true or false")
        }
    }

    /// The tables' names are TerminalUI's to check; their values must be strings here.
    func testKeysAndThemeTakeStringsOnly() {
        XCTAssertThrowsError(try ConfigFile.parse("[keys]\nquit = 1")) { error in
            XCTAssertEqual("\(error)", "config file config.toml: 'keys.quit' must be a quoted string")
        }
        XCTAssertThrowsError(try ConfigFile.parse("keys = \"q\"")) { error in
            XCTAssertTrue("\(error)".contains("'keys' must be a table"), "\(error)")
        }
    }

    func testEmptyTextAndMissingFileAreEmptyConfiguration() throws {
        XCTAssertEqual(try ConfigFile.parse(""), ConfigFile())
        XCTAssertEqual(try ConfigFile.load(path: "/nonexistent/s3play/config.toml"), ConfigFile())
    }

    func testScanParallelReads() throws {
        XCTAssertEqual(try ConfigFile.parse("[scan]\nparallel_reads = 8\n").scan.parallelReads, 8)
        XCTAssertNil(try ConfigFile.parse("").scan.parallelReads)
        XCTAssertThrowsError(try ConfigFile.parse("[scan]\nparallel_reads = 0\n"))
        XCTAssertThrowsError(try ConfigFile.parse("[scan]\nparalel_reads = 8\n"))
    }

    func testUnknownKeyIsNamed() {
        XCTAssertThrowsError(try ConfigFile.parse("[cache]\nsahred = true\n")) { error in
            XCTAssertEqual("\(error)",
                           "config file config.toml: unknown setting 'cache.sahred' (docs/configuration.md lists the settings)")
        }
    }

    func testWrongTypeIsNamed() {
        XCTAssertThrowsError(try ConfigFile.parse("[cache]\nshared = \"yes\"\n")) { error in
            XCTAssertEqual("\(error)", "config file config.toml: 'cache.shared' must be true or false")
        }
        XCTAssertThrowsError(try ConfigFile.parse("[discogs]\nrequests_per_minute = 0\n")) { error in
            XCTAssertEqual("\(error)", "config file config.toml: 'discogs.requests_per_minute' must be a whole number above 0")
        }
        XCTAssertThrowsError(try ConfigFile.parse("discogs = 3\n")) { error in
            XCTAssertEqual("\(error)", "config file config.toml: 'discogs' must be a table ([discogs])")
        }
    }

    func testSyntaxErrorNamesTheLine() {
        XCTAssertThrowsError(try ConfigFile.parse("library = \"s3://a\"\n\n[cache\nshared = true\n", path: "/c.toml")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("config file /c.toml:3: "), text)
            XCTAssertFalse(text.contains("\n"))
        }
    }

    func testTokenNeverInDescriptionOrErrors() throws {
        let file = try ConfigFile.parse("[discogs]\ntoken = \"sekrit-token\"\n")
        XCTAssertFalse(file.description.contains("sekrit"))
        XCTAssertThrowsError(try ConfigFile.parse("[discogs]\ntoken = 42\n")) { error in
            XCTAssertFalse("\(error)".contains("42"))
        }
    }

    func testDefaultPathFollowsXDG() {
        XCTAssertEqual(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]),
                       "/x/s3play/config.toml")
        XCTAssertEqual(ConfigFile.defaultPath(environment: ["HOME": "/h"]), "/h/.config/s3play/config.toml")
        // The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored.
        XCTAssertEqual(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"]),
                       "/h/.config/s3play/config.toml")
    }

    func testUnreadableFileIsOneLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("config.toml").path
        try Data([0xff, 0xfe, 0x00]).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ConfigFile.load(path: path)) { error in
            XCTAssertEqual("\(error)", "config file \(path): is not UTF-8 text")
        }
    }
}
