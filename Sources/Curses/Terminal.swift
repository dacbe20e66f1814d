import CNcurses
#if canImport(Glibc)
import Glibc
#endif

/// The full screen, through ncurses' wide-character API. ncurses is not thread-safe in Debian's
/// build (ncurses.3x, "thread safety"), so a `Terminal` belongs to one thread, the UI thread, and
/// every method must be called from it; it is deliberately not `Sendable`.
///
/// Frames are drawn into ncurses' virtual screen and sent with one `refresh()` (wnoutrefresh then
/// doupdate, curs_refresh.3x), so only the changed cells reach the terminal and nothing flickers.
public final class Terminal {
    private let termType: String?
    private let inputDescriptor: Int32
    private let outputDescriptor: Int32
    var screen: OpaquePointer?
    private var outputFile: UnsafeMutablePointer<FILE>?
    private var inputFile: UnsafeMutablePointer<FILE>?
    public private(set) var isActive = false
    /// False when use_default_colors(3x) failed: colour -1 is then drawn as white on black.
    public private(set) var hasDefaultColors = false

    /// `termType` nil means $TERM. The descriptors are the terminal's; tests pass a pseudo-terminal.
    public init(termType: String? = nil, inputDescriptor: Int32 = 0, outputDescriptor: Int32 = 1) {
        self.termType = termType
        self.inputDescriptor = inputDescriptor
        self.outputDescriptor = outputDescriptor
    }

    /// Enters full-screen mode. The locale is set first because ncurses and wcwidth read it only
    /// then (ncurses.3x, "Initialization"); without it every non-ASCII character is garbage.
    public func start() throws(CursesError) {
        guard screen == nil else { throw .alreadyStarted }
        setlocale(LC_ALL, "")
        var output: UnsafeMutablePointer<FILE>?
        var input: UnsafeMutablePointer<FILE>?
        // newterm, not initscr: initscr exits the process when TERM is unknown (curs_initscr.3x).
        let opened: OpaquePointer? = termType.map { type in
            type.withCString { s3play_newterm($0, outputDescriptor, inputDescriptor, &output, &input) }
        } ?? s3play_newterm(nil, outputDescriptor, inputDescriptor, &output, &input)
        guard let opened else {
            throw .cannotOpenTerminal(term: termType ?? getenv("TERM").map { String(cString: $0) })
        }
        screen = opened
        outputFile = output
        inputFile = input
        set_term(opened)
        cbreak()
        noecho()
        nonl()
        let window = s3play_stdscr()
        keypad(window, true)
        // ESCDELAY defaults to 1000 ms (lib_getch.c): Esc would feel broken. 25 ms still joins
        // the bytes of an arrow key sent over a local terminal or ssh.
        set_escdelay(25)
        curs_set(0)
        if has_colors() {
            start_color()
            hasDefaultColors = use_default_colors() == OK
        }
        isActive = true
    }

    /// Leaves full-screen mode and gives the terminal back as it was; safe to call twice.
    public func stop() {
        guard let screen else { return }
        if isActive { endwin() }
        isActive = false
        delscreen(screen)
        self.screen = nil
        if let outputFile { fclose(outputFile) }
        if let inputFile { fclose(inputFile) }
        outputFile = nil
        inputFile = nil
    }

    /// endwin(3x) without forgetting the screen, before the process stops itself (Ctrl-Z).
    public func suspend() {
        guard screen != nil, isActive else { return }
        endwin()
        isActive = false
    }

    /// After SIGCONT: repaint every cell, since the shell drew over the screen meanwhile.
    public func resume() {
        guard screen != nil else { return }
        isActive = true
        clearok(s3play_stdscr(), true)
        refresh()
    }

    public var size: TerminalSize {
        guard screen != nil else { return TerminalSize(columns: 0, rows: 0) }
        let window = s3play_stdscr()
        return TerminalSize(columns: Int(getmaxx(window)), rows: Int(getmaxy(window)))
    }

    public var hasColors: Bool { screen != nil && has_colors() }
    public var colorCount: Int { screen == nil ? 0 : Int(s3play_colors()) }
    public var colorPairCount: Int { screen == nil ? 0 : Int(s3play_color_pairs()) }

    /// Blanks the virtual screen; the next `refresh` sends only what changed (werase, not wclear).
    public func clear() {
        guard screen != nil else { return }
        werase(s3play_stdscr())
    }

    /// Forces the next `refresh` to repaint every cell (clearok), e.g. after a resize.
    public func repaintEverythingNextRefresh() {
        guard screen != nil else { return }
        clearok(s3play_stdscr(), true)
    }

    public func refresh() {
        guard screen != nil else { return }
        wnoutrefresh(s3play_stdscr())
        doupdate()
    }

    /// Registers colour pair `number` (1 and up; pair 0 is the terminal default and fixed).
    public func defineColorPair(_ number: Int, foreground: ColorNumber, background: ColorNumber)
        throws(CursesError)
    {
        guard screen != nil else { throw .notStarted }
        let usable = { (color: ColorNumber, fallback: Int32) -> Int16 in
            if color < 0 { return Int16(self.hasDefaultColors ? -1 : fallback) }
            return Int16(color < Int(s3play_colors()) ? color : Int(fallback))
        }
        guard number > 0, number < colorPairCount, number <= Int(Int16.max),
              init_pair(Int16(number), usable(foreground, COLOR_WHITE), usable(background, COLOR_BLACK)) == OK
        else { throw .colorPairRejected(pair: number, foreground: foreground, background: background) }
    }

    public func moveCursor(row: Int, column: Int) {
        guard screen != nil else { return }
        wmove(s3play_stdscr(), Int32(row), Int32(column))
    }

    /// The cursor is hidden while browsing and shown on the command line (curs_set.3x).
    public func showCursor(_ visible: Bool) {
        guard screen != nil else { return }
        curs_set(visible ? 1 : 0)
    }
}
