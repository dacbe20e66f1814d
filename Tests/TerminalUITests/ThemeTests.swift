import Curses
import XCTest
@testable import TerminalUI

final class ThemeTests: XCTestCase {
    func testStandardThemeUsesTheTerminalsOwnColoursForTextAndReverseForSelection() {
        let theme = Theme.standard
        for role in ThemeRole.allCases { XCTAssertNotNil(theme.styles[role], "\(role)") }
        XCTAssertEqual(theme.style(for: .normal), ThemeStyle(.terminalDefault, .terminalDefault, []))
        XCTAssertEqual(theme.style(for: .selected).attributes, [.reverse, .bold])
        XCTAssertTrue(ThemeRole.allCases.allSatisfy { theme.style(for: $0).background == .terminalDefault },
                      "no role paints a background: readable on dark and light")
    }

    func testStylesParseColoursAndAttributes() throws {
        XCTAssertEqual(try ThemeStyle(spec: "white,blue,bold", role: "r"), ThemeStyle(.indexed(7), .indexed(4), [.bold]))
        XCTAssertEqual(try ThemeStyle(spec: "yellow", role: "r"), ThemeStyle(.indexed(3), .terminalDefault, []))
        XCTAssertEqual(try ThemeStyle(spec: ",,reverse", role: "r"), ThemeStyle(.terminalDefault, .terminalDefault, [.reverse]))
        XCTAssertEqual(try ThemeStyle(spec: " bright-red , 236 , bold , underline ", role: "r"),
                       ThemeStyle(.indexed(9), .indexed(236), [.bold, .underline]))
        XCTAssertEqual(try ThemeStyle(spec: "default,-1,none", role: "r"), ThemeStyle())
        XCTAssertEqual(ThemeColor(name: "Magenta")?.colorNumber, 5)
        XCTAssertEqual(ThemeColor.terminalDefault.colorNumber, -1)
    }

    func testTablesOverrideRolesAndBadEntriesAreOneLineErrors() throws {
        let theme = try Theme.load(["header": "red,,bold", "selected_inactive": "8,default,dim"], environment: [:])
        XCTAssertEqual(theme.style(for: .header), ThemeStyle(.indexed(1), .terminalDefault, [.bold]))
        XCTAssertEqual(theme.style(for: .selectedInactive), ThemeStyle(.indexed(8), .terminalDefault, [.dim]))
        XCTAssertEqual(theme.style(for: .normal), Theme.standard.style(for: .normal))
        XCTAssertThrowsError(try Theme.load(["sidebar": "red"], environment: [:])) {
            XCTAssertEqual($0 as? ThemeError, .unknownRole("sidebar"))
            XCTAssertTrue("\($0)".hasPrefix("[theme]: unknown role \"sidebar\" (known: normal, selected,"))
        }
        XCTAssertThrowsError(try Theme.load(["error": "crimson,default"], environment: [:])) {
            XCTAssertEqual($0 as? ThemeError, .unknownColor("crimson", role: "error"))
        }
        XCTAssertThrowsError(try Theme.load(["error": "300"], environment: [:])) {
            XCTAssertEqual($0 as? ThemeError, .unknownColor("300", role: "error"))
        }
        XCTAssertThrowsError(try Theme.load(["error": "red,default,blink"], environment: [:])) {
            XCTAssertEqual($0 as? ThemeError, .unknownAttribute("blink", role: "error"))
            XCTAssertFalse("\($0)".contains("\n"))
        }
    }

    func testNoColorKeepsAttributesAndDropsColours() throws {
        let plain = try Theme.load(["header": "red,blue,bold"], environment: ["NO_COLOR": "1"])
        XCTAssertFalse(plain.usesColor)
        for role in ThemeRole.allCases {
            let style = plain.style(for: role)
            XCTAssertEqual(style.foreground, .terminalDefault, "\(role)")
            XCTAssertEqual(style.background, .terminalDefault, "\(role)")
        }
        XCTAssertEqual(plain.style(for: .header).attributes, [.bold])
        XCTAssertEqual(plain.style(for: .selected).attributes, [.reverse, .bold])
        XCTAssertTrue(try Theme.load([:], environment: ["NO_COLOR": ""]).usesColor, "an empty NO_COLOR is unset")
    }
}
