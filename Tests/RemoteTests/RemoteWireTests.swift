import Foundation
import XCTest
@testable import Remote

final class RemoteWireTests: XCTestCase {
    private func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    private func answer(to line: String) -> String {
        switch RemoteWire.request(from: Data(line.utf8)) {
        case .success(let request): return "request \(request)"
        case .failure(let error): return text(RemoteWire.line(for: .failure(error.description)))
        }
    }

    func testRequestLinesAreStableBytes() {
        XCTAssertEqual(text(RemoteWire.line(for: .next)), #"{"command":"next","version":1}"#)
        XCTAssertEqual(text(RemoteWire.line(for: .seek(seconds: -5, relative: true))),
                       #"{"command":"seek","relative":true,"seconds":-5,"version":1}"#)
        XCTAssertEqual(text(RemoteWire.line(for: .volume(percent: 80, relative: false))),
                       #"{"command":"vol","percent":80,"relative":false,"version":1}"#)
        XCTAssertEqual(text(RemoteWire.line(for: .add(source: "/srv/a \"b\".mp3"))),
                       #"{"command":"add","source":"/srv/a \"b\".mp3","version":1}"#)
    }

    func testEveryRequestSurvivesTheWire() {
        let requests: [RemoteRequest] = [.play, .pause, .toggle, .next, .prev, .stop, .clear, .status,
                                         .seek(seconds: 90.5, relative: false), .seek(seconds: -5, relative: true),
                                         .volume(percent: 0, relative: false), .volume(percent: -10, relative: true),
                                         .add(source: "s3://music/Björk/Post/05 Hyperballad.mp3")]
        for request in requests {
            XCTAssertEqual(try RemoteWire.request(from: RemoteWire.line(for: request)).get(), request)
        }
    }

    func testResponseLinesAreStableBytes() {
        XCTAssertEqual(text(RemoteWire.line(for: .done)), #"{"ok":true,"version":1}"#)
        XCTAssertEqual(text(RemoteWire.line(for: .failure("nothing to seek in"))),
                       #"{"error":"nothing to seek in","ok":false,"version":1}"#)
        let stopped = RemoteStatus(state: .stopped)
        XCTAssertEqual(text(RemoteWire.line(for: .status(stopped))),
                       #"{"ok":true,"status":{"album":null,"artist":null,"duration":null,"elapsed":0,"location":null,"#
                       + #""queue_length":0,"queue_position":null,"repeat":"off","shuffle":false,"state":"stopped","#
                       + #""title":null,"volume":100,"waiting":null},"version":1}"#)
    }

    func testStatusSurvivesTheWire() {
        let line = RemoteWire.line(for: .status(RecordingHandler.status))
        XCTAssertEqual(RemoteWire.response(from: line), .status(RecordingHandler.status))
        XCTAssertEqual(RemoteWire.response(from: Data(#"{"ok":false,"version":1}"#.utf8)),
                       .failure("the player refused without saying why"))
        XCTAssertNil(RemoteWire.response(from: Data("hello".utf8)))
    }

    func testStatusFieldNamesAreTheDocumentedOnes() {
        XCTAssertEqual(RemoteStatus.CodingKeys.allCases.map(\.stringValue),
                       ["state", "artist", "title", "album", "location", "elapsed", "duration", "volume",
                        "shuffle", "repeat", "queue_length", "queue_position", "waiting"])
    }

    func testBadRequestLinesGetOneLineErrors() {
        XCTAssertEqual(answer(to: "not json"),
                       #"{"error":"malformed request: expected one JSON object per line","ok":false,"version":1}"#)
        XCTAssertEqual(answer(to: "[1,2]"),
                       #"{"error":"malformed request: expected one JSON object per line","ok":false,"version":1}"#)
        XCTAssertEqual(answer(to: #"{"command":"play"}"#),
                       #"{"error":"request has no protocol version","ok":false,"version":1}"#)
        XCTAssertEqual(answer(to: #"{"command":"play","version":2}"#),
                       #"{"error":"protocol version 2 is not supported (this player speaks 1)","ok":false,"version":1}"#)
        XCTAssertEqual(answer(to: #"{"version":1}"#),
                       #"{"error":"request has no command","ok":false,"version":1}"#)
        XCTAssertEqual(answer(to: #"{"command":"dance","version":1}"#),
                       #"{"error":"unknown command 'dance'","ok":false,"version":1}"#)
        XCTAssertEqual(answer(to: #"{"command":"seek","version":1}"#),
                       #"{"error":"'seek' needs a finite 'seconds'","ok":false,"version":1}"#)
        XCTAssertEqual(answer(to: #"{"command":"vol","percent":"loud","version":1}"#),
                       #"{"error":"malformed request: expected one JSON object per line","ok":false,"version":1}"#)
        XCTAssertEqual(answer(to: #"{"command":"vol","percent":101,"version":1}"#),
                       #"{"error":"'vol' needs 'percent' from 0 to 100 (-100 to 100 when relative)","ok":false,"version":1}"#)
        XCTAssertEqual(answer(to: #"{"command":"vol","percent":-5,"relative":true,"version":1}"#),
                       "request volume(percent: -5, relative: true)")
        XCTAssertEqual(answer(to: #"{"command":"add","source":"","version":1}"#),
                       #"{"error":"'add' needs 'source'","ok":false,"version":1}"#)
    }
}
