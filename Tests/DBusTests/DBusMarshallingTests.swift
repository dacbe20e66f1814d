import CDBus
@testable import DBus
import XCTest

/// Values through a real libdbus message and back: what MPRIS sends (a{sv} with nested
/// variants, as, x, o) must come out as it went in, and values libdbus would abort on are
/// refused before they reach it.
final class DBusMarshallingTests: XCTestCase {
    private func roundTrip(_ values: [DBusValue], file: StaticString = #filePath, line: UInt = #line) -> [DBusValue] {
        guard let message = dbus_message_new_signal("/org/s3play/test", "org.s3play.Test", "Values") else {
            XCTFail("no message", file: file, line: line)
            return []
        }
        defer { dbus_message_unref(message) }
        XCTAssertTrue(DBusMarshalling.append(values, to: message), file: file, line: line)
        return DBusMarshalling.read(message)
    }

    func testMetadataDictionarySurvivesAMessage() {
        let metadata = DBusValue.stringVariantDictionary([
            "mpris:trackid": .objectPath("/org/s3play/track/7"),
            "xesam:title": .string("Ünïcode — 日本語 🎵"),
            "xesam:artist": .stringArray(["Ärtist"]),
            "mpris:length": .int64(183_500_000),
            "xesam:trackNumber": .int32(3),
        ])
        let values: [DBusValue] = [.string("org.mpris.MediaPlayer2.Player"), metadata, .stringArray([])]
        XCTAssertEqual(roundTrip(values), values)
        XCTAssertEqual(metadata.signature, "a{sv}")
        XCTAssertEqual(roundTrip(values).map(\.signature), ["s", "a{sv}", "as"])
    }

    func testEveryBasicTypeKeepsItsTypeAndValue() {
        let values: [DBusValue] = [
            .boolean(true), .boolean(false), .byte(255), .int32(-7), .uint32(.max), .int64(.min), .uint64(.max),
            .double(0.375), .string(""), .objectPath("/"), .signature("a{sv}"),
            .variant(.variant(.double(1))), .structure([.string("a"), .int32(1)]),
            .array(elementSignature: "a{sv}", [.stringVariantDictionary([:])]),
        ]
        XCTAssertEqual(roundTrip(values), values)
    }

    func testEmptyArrayKeepsItsElementType() {
        XCTAssertEqual(roundTrip([.stringArray([]), .stringVariantDictionary([:])]).map(\.signature), ["as", "a{sv}"])
    }

    func testDictionaryEntriesAreSortedByKey() {
        let dictionary = DBusValue.stringVariantDictionary(["b": .int32(2), "a": .int32(1)])
        XCTAssertEqual(dictionary, .array(elementSignature: "{sv}", [
            .dictEntry(key: .string("a"), value: .variant(.int32(1))),
            .dictEntry(key: .string("b"), value: .variant(.int32(2))),
        ]))
        XCTAssertEqual(dictionary.stringKeyedEntries, ["a": .int32(1), "b": .int32(2)])
    }

    /// libdbus' checks are fatal: a wrong element type or a bad object path would end the player.
    func testValuesLibdbusWouldAbortOnAreNotWellFormed() {
        XCTAssertFalse(DBusValue.array(elementSignature: "s", [.int32(1)]).isWellFormed)
        XCTAssertFalse(DBusValue.objectPath("/trailing/").isWellFormed)
        XCTAssertFalse(DBusValue.objectPath("relative").isWellFormed)
        XCTAssertFalse(DBusValue.objectPath("/a//b").isWellFormed)
        XCTAssertFalse(DBusValue.objectPath("/track-1").isWellFormed)
        XCTAssertFalse(DBusValue.dictEntry(key: .string("a"), value: .int32(1)).isWellFormed)
        XCTAssertFalse(DBusValue.array(elementSignature: "{vs}", [.dictEntry(key: .variant(.int32(1)), value: .string(""))]).isWellFormed)
        XCTAssertTrue(DBusValue.objectPath("/org/s3play/track/12").isWellFormed)
        XCTAssertTrue(DBusValue.stringVariantDictionary(["x": .objectPath("/a_b/C9")]).isWellFormed)
    }

    func testNumbersReadAsTheTypesCallersMean() {
        XCTAssertEqual(DBusValue.int32(-5).int64Value, -5)
        XCTAssertEqual(DBusValue.uint64(.max).int64Value, nil)
        XCTAssertEqual(DBusValue.int64(3).doubleValue, 3)
        XCTAssertEqual(DBusValue.variant(.variant(.boolean(true))).unwrapped.boolValue, true)
    }
}
