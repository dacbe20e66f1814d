// s3play-ui-sandbox: three columns of fixed names in several scripts, driven by the default key
// bindings, for the tmux test in TerminalUITests and for trying the widgets by hand.
// Exit status: 0 after q, 1 when the terminal cannot be opened, 128+n after signal n.
import Curses
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

let lifecycle = TerminalLifecycle()
let terminal = Terminal()
do {
    try terminal.start()
} catch {
    let message = "s3play-ui-sandbox: \(error)\n"
    _ = message.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    exit(1)
}
var environment: [String: String] = [:]
if let noColor = getenv("NO_COLOR") { environment["NO_COLOR"] = String(cString: noColor) }
let palette = ThemePalette(theme: (try? Theme.load([:], environment: environment)) ?? .standard, terminal: terminal)
var screen = SandboxScreen(bindings: .defaults)

@MainActor func fitListsToScreen() {
    let rows = ColumnLayout(size: terminal.size, focus: screen.focus)?.listRows.count ?? 1
    for pane in LibraryPane.allCases { screen.lists[pane]!.setViewportHeight(rows) }
}

fitListsToScreen()
screen.draw(on: terminal, palette: palette)
loop: while true {
    var needsDraw = false
    for event in lifecycle.pendingEvents() {
        switch event {
        case .terminate(let signal): lifecycle.terminate(terminal: terminal, signal: signal)
        case .suspend: lifecycle.stopProcess(terminal: terminal)
        case .resumed: terminal.repaintEverythingNextRefresh()
        }
        needsDraw = true
    }
    // 250 ms: a signal ends the wait at once (EINTR), so this only bounds how late a redraw is.
    if let key = terminal.readKey(timeoutMilliseconds: 250) {
        if key == .resize {
            fitListsToScreen()
        } else if !screen.handle(key) {
            break loop
        }
        needsDraw = true
    }
    if needsDraw { screen.draw(on: terminal, palette: palette) }
}
terminal.stop()
print("s3play-ui-sandbox: terminal restored")
exit(0)
