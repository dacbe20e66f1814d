import CALSA
import CCurl
import CDBus
import CMPG123
import CNcurses
import Foundation
import XCTest

/// The system-library modules resolve through pkg-config, import their headers (with the shim
/// defines) and link: each library answers with the version Debian 12 ships.
final class CLibraryLinkTests: XCTestCase {
    func testLibcurlIsTheOpenSSLBuildWithAVersion() {
        let info = s3play_curl_version_info().pointee
        let version = String(cString: info.version)
        XCTAssertTrue(version.hasPrefix("7.") || version.hasPrefix("8."), version)
        XCTAssertNotNil(info.ssl_version, "libcurl without TLS cannot reach AWS")
    }

    func testLibmpg123HasTheFeedAPIVersionAndMakesAHandle() {
        // API 46 (mpg123 1.27) made mpg123_init a no-op and is what the wrapper assumes.
        XCTAssertGreaterThanOrEqual(MPG123_API_VERSION, 46)
        XCTAssertNotNil(mpg123_decoders()?.pointee)
        var error: Int32 = 0
        let handle = mpg123_new(nil, &error)
        XCTAssertNotNil(handle)
        XCTAssertEqual(error, Int32(MPG123_OK.rawValue))
        mpg123_delete(handle)
    }

    func testAlsaLibraryReportsItsVersionAndTheShimSilencesErrors() {
        let version = String(cString: snd_asoundlib_version())
        XCTAssertTrue(version.hasPrefix("1."), version)
        s3play_alsa_silence_errors()
    }

    func testNcursesWideCharacterAPIIsVisibleThroughTheShim() {
        let version = String(cString: curses_version())
        XCTAssertTrue(version.contains("ncurses"), version)
        // wcwidth needs the locale, as the UI will set it.
        setlocale(LC_ALL, "C.UTF-8")
        XCTAssertEqual(wcwidth(0x4E2D), 2)   // 中 is two columns wide
        XCTAssertEqual(s3play_color_pair(1) != 0, true)
        XCTAssertNotEqual(s3play_attr_bold(), 0)
    }

    /// libdbus links, and the shim's type codes are the specification's ASCII letters.
    func testLibdbusVersionAndTheShimsTypeCodes() {
        var major: Int32 = 0, minor: Int32 = 0, micro: Int32 = 0
        dbus_get_version(&major, &minor, &micro)
        XCTAssertEqual(major, 1)
        XCTAssertEqual(s3play_dbus_type_string(), Int32(UInt8(ascii: "s")))
        XCTAssertEqual(s3play_dbus_type_dict_entry(), Int32(UInt8(ascii: "e")))
        XCTAssertEqual(s3play_dbus_type_invalid(), 0)
    }
}
