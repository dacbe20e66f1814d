import CNcurses
import XCTest
@testable import Curses
#if canImport(Glibc)
import Glibc
#endif

/// The real ncurses against a pseudo-terminal: the bytes a terminal sends for keys come back as
/// key events, and what is drawn reaches the terminal.
final class PseudoTerminalTests: XCTestCase {
    private var controller: Int32 = -1
    private var device: Int32 = -1
    private var previousLocaleVariable: String?

    override func setUpWithError() throws {
        controller = posix_openpt(O_RDWR | O_NOCTTY)
        guard controller >= 0, grantpt(controller) == 0, unlockpt(controller) == 0,
              let name = ptsname(controller) else { throw XCTSkip("no pseudo-terminal available") }
        device = open(name, O_RDWR | O_NOCTTY)
        XCTAssertGreaterThanOrEqual(device, 0)
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(device, UInt(TIOCSWINSZ), &size)
        previousLocaleVariable = getenv("LC_ALL").map { String(cString: $0) }
        setenv("LC_ALL", "C.UTF-8", 1)
        unsetenv("LINES")
        unsetenv("COLUMNS")
    }

    override func tearDown() {
        if device >= 0 { close(device) }
        if controller >= 0 { close(controller) }
        // Terminal.start set the process locale from LC_ALL; other tests in this process expect "C".
        if let previousLocaleVariable { setenv("LC_ALL", previousLocaleVariable, 1) } else { unsetenv("LC_ALL") }
        setlocale(LC_ALL, "C")
    }

    private func send(_ bytes: String) {
        _ = bytes.utf8CString.withUnsafeBufferPointer { write(controller, $0.baseAddress, $0.count - 1) }
    }

    /// Everything the program wrote to the terminal so far.
    private func drainOutput() -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var poller = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
        while poll(&poller, 1, 100) > 0 {
            let count = read(controller, &buffer, buffer.count)
            guard count > 0 else { break }
            data += buffer[0..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    func testKeysArriveAsEventsFromAnXtermLikeTerminal() throws {
        let terminal = Terminal(termType: "xterm-256color", inputDescriptor: device, outputDescriptor: device)
        try terminal.start()
        defer { terminal.stop() }
        XCTAssertEqual(terminal.size, TerminalSize(columns: 80, rows: 24))
        // Arrow keys in keypad mode (smkx) are ESC O A; PgDn is ESC [ 6 ~; F5 is ESC [ 1 5 ~.
        send("\u{1B}OA\u{1B}[6~\u{1B}[15~q日🎵\u{7F}\r\t\u{0E}")
        var events: [KeyEvent] = []
        while let event = terminal.readKey(timeoutMilliseconds: 200) { events.append(event) }
        XCTAssertEqual(events, [.up, .pageDown, .function(5), .character("q"), .character("日"),
                                .character("🎵"), .backspace, .enter, .tab, .control("n")])
        send("\u{1B}")
        XCTAssertEqual(terminal.readKey(timeoutMilliseconds: 300), .escape, "a lone Esc after ESCDELAY (25 ms)")
        XCTAssertNil(terminal.readKey(timeoutMilliseconds: 0))
    }

    func testDrawnTextReachesTheTerminalAndStopIsIdempotent() throws {
        let terminal = Terminal(termType: "xterm-256color", inputDescriptor: device, outputDescriptor: device)
        try terminal.start()
        XCTAssertThrowsError(try terminal.start()) { XCTAssertEqual($0 as? CursesError, .alreadyStarted) }
        terminal.put("Кино 坂本龍一", row: 2, column: 3, attributes: .bold)
        terminal.putCell("❤️", row: 3, column: 0)
        terminal.refresh()
        let output = drainOutput()
        XCTAssertTrue(output.contains("Кино 坂本龍一"), output)
        XCTAssertTrue(output.contains("❤️"), "VS16 rides in the same cell as its base")
        terminal.stop()
        terminal.stop()
        XCTAssertFalse(terminal.isActive)
        XCTAssertEqual(terminal.size, TerminalSize(columns: 0, rows: 0))
    }

    func testUnknownTerminalTypeIsATypedError() {
        let terminal = Terminal(termType: "s3play-no-such-terminal", inputDescriptor: device, outputDescriptor: device)
        XCTAssertThrowsError(try terminal.start()) { error in
            XCTAssertEqual(error as? CursesError, .cannotOpenTerminal(term: "s3play-no-such-terminal"))
        }
    }
}
