import Foundation
import Glibc
import Synchronization
import XCTest
@testable import Remote

final class RemoteServerTests: XCTestCase {
    private var runtime: TemporaryRuntimeDirectory!
    private var location: RemoteSocketLocation { runtime.location }

    override func setUpWithError() throws {
        runtime = try TemporaryRuntimeDirectory()
    }

    override func tearDown() {
        runtime = nil
    }

    private func startServer(_ recorder: RecordingHandler = RecordingHandler(),
                             configuration: RemoteServer.Configuration = .init()) throws -> RemoteServer {
        try RemoteServer(location: location, configuration: configuration, handler: recorder.handler)
    }

    func testEveryRequestRoundTripsThroughTheSocket() throws {
        let recorder = RecordingHandler()
        let server = try startServer(recorder)
        defer { server.stop() }
        let client = RemoteClient(location: location)
        let requests: [RemoteRequest] = [.play, .pause, .toggle, .next, .prev, .stop,
                                         .seek(seconds: 90, relative: false), .seek(seconds: -5, relative: true),
                                         .volume(percent: 80, relative: false), .volume(percent: -10, relative: true),
                                         .add(source: "s3://music/Björk/Post/05 Hyperballad.mp3"), .clear]
        for request in requests {
            XCTAssertEqual(try client.send(request), .done, "\(request)")
        }
        XCTAssertEqual(try client.send(.status), .status(RecordingHandler.status))
        XCTAssertEqual(try client.send(.seek(seconds: 5000, relative: false)), .failure("nothing to seek in"))
        XCTAssertEqual(recorder.requests, requests + [.status, .seek(seconds: 5000, relative: false)])
    }

    func testSocketIs0600InsideA0700Directory() throws {
        let server = try startServer()
        defer { server.stop() }
        XCTAssertEqual(location.socketPath, runtime.path + "/s3play/remote.sock")
        XCTAssertEqual(permissionBits(runtime.path + "/s3play"), 0o700)
        XCTAssertEqual(permissionBits(location.socketPath), 0o600)
    }

    func testStopRemovesTheSocketAndClientsThenFindNoPlayer() throws {
        let server = try startServer()
        server.stop()
        server.stop()  // idempotent
        XCTAssertFalse(FileManager.default.fileExists(atPath: location.socketPath))
        XCTAssertThrowsError(try RemoteClient(location: location).send(.status)) { error in
            XCTAssertEqual(error as? RemoteClientError, .noPlayerRunning)
            XCTAssertEqual("\(error)", "no s3play player is running (start one with `s3play`)")
        }
    }

    func testClientWithoutDirectoryOrWithStaleSocketFindsNoPlayer() throws {
        XCTAssertThrowsError(try RemoteClient(location: location).send(.next)) { error in
            XCTAssertEqual(error as? RemoteClientError, .noPlayerRunning)
        }
        try FileManager.default.createDirectory(atPath: location.directory, withIntermediateDirectories: false)
        try makeStaleSocket(at: location.socketPath)
        XCTAssertThrowsError(try RemoteClient(location: location).send(.next)) { error in
            XCTAssertEqual(error as? RemoteClientError, .noPlayerRunning)
        }
    }

    func testStaleSocketIsReplaced() throws {
        XCTAssertEqual(mkdir(location.directory, 0o700), 0)
        try makeStaleSocket(at: location.socketPath)
        XCTAssertThrowsError(try RawConnection(location))  // ECONNREFUSED: nobody listens
        let server = try startServer()
        defer { server.stop() }
        XCTAssertEqual(permissionBits(location.socketPath), 0o600)
        XCTAssertEqual(try RemoteClient(location: location).send(.status), .status(RecordingHandler.status))
    }

    func testSecondServerIsRefusedWhileTheFirstLives() throws {
        let first = try startServer()
        XCTAssertThrowsError(try startServer()) { error in
            XCTAssertEqual(error as? RemoteServerError, .anotherPlayerRunning(socketPath: location.socketPath))
            XCTAssertEqual("\(error)", "another s3play is running (it listens on \(location.socketPath)); "
                           + "control it with `s3play remote`")
        }
        // The refused start left the first player's socket alone.
        XCTAssertEqual(try RemoteClient(location: location).send(.next), .done)
        first.stop()
        let second = try startServer()
        defer { second.stop() }
        XCTAssertEqual(try RemoteClient(location: location).send(.next), .done)
    }

    func testPlayersStartingTogetherOverAStaleSocketLeaveExactlyOneServing() throws {
        XCTAssertEqual(mkdir(location.directory, 0o700), 0)
        try makeStaleSocket(at: location.socketPath)
        let started = Mutex<[RemoteServer]>([])
        let refusals = Mutex<[RemoteServerError]>([])
        let socket = location
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let server: RemoteServer
            do throws(RemoteServerError) {
                server = try RemoteServer(location: socket, handler: RecordingHandler().handler)
            } catch {
                refusals.withLock { $0.append(error) }
                return
            }
            started.withLock { $0.append(server) }
        }
        let servers = started.withLock { $0 }
        defer { servers.forEach { $0.stop() } }
        XCTAssertEqual(servers.count, 1)
        XCTAssertEqual(refusals.withLock { $0 },
                       Array(repeating: .anotherPlayerRunning(socketPath: location.socketPath), count: 7))
        XCTAssertEqual(try RemoteClient(location: location).send(.next), .done)
    }

    func testDirectoryOpenToOthersIsRefused() throws {
        XCTAssertEqual(mkdir(location.directory, 0o755), 0)
        XCTAssertEqual(chmod(location.directory, 0o755), 0)
        XCTAssertThrowsError(try startServer()) { error in
            XCTAssertEqual("\(error)", "\(location.directory) is not a safe place for the remote-control socket: "
                           + "its mode is 755, not 700")
        }
    }

    func testFileThatIsNotASocketIsLeftAlone() throws {
        XCTAssertEqual(mkdir(location.directory, 0o700), 0)
        XCTAssertTrue(FileManager.default.createFile(atPath: location.socketPath, contents: Data("mine".utf8)))
        XCTAssertThrowsError(try startServer()) { error in
            XCTAssertEqual(error as? RemoteServerError, .notASocket(location.socketPath))
        }
        XCTAssertEqual(FileManager.default.contents(atPath: location.socketPath), Data("mine".utf8))
    }

    func testSocketLocationFallsBackToTmpPerUser() {
        XCTAssertEqual(RemoteSocketLocation(environment: [:], userID: 1000).socketPath, "/tmp/s3play-1000/remote.sock")
        XCTAssertEqual(RemoteSocketLocation(environment: ["XDG_RUNTIME_DIR": "run/user"], userID: 1000).socketPath,
                       "/tmp/s3play-1000/remote.sock")
        XCTAssertEqual(RemoteSocketLocation(environment: ["XDG_RUNTIME_DIR": "/run/user/1000/"]).socketPath,
                       "/run/user/1000/s3play/remote.sock")
    }

    func testOversizeAndMalformedLinesAreAnsweredAndTheConnectionKeepsServing() throws {
        let recorder = RecordingHandler()
        let server = try startServer(recorder)
        defer { server.stop() }
        let connection = try RawConnection(location)
        connection.send([UInt8](repeating: UInt8(ascii: "x"), count: 200_000) + [0x0A])
        XCTAssertEqual(connection.readLine(), #"{"error":"request longer than 65536 bytes","ok":false,"version":1}"#)
        connection.send("not json\n")
        XCTAssertEqual(connection.readLine(),
                       #"{"error":"malformed request: expected one JSON object per line","ok":false,"version":1}"#)
        connection.send(#"{"command":"dance","version":1}"# + "\n")
        XCTAssertEqual(connection.readLine(), #"{"error":"unknown command 'dance'","ok":false,"version":1}"#)
        connection.send([0xFF, 0xFE, 0x00, 0x0A])
        XCTAssertEqual(connection.readLine(),
                       #"{"error":"malformed request: expected one JSON object per line","ok":false,"version":1}"#)
        connection.send(#"{"command":"next","version":1}"# + "\r\n")
        XCTAssertEqual(connection.readLine(), #"{"ok":true,"version":1}"#)
        // A line of exactly the limit is still read (and then is not JSON).
        connection.send([UInt8](repeating: UInt8(ascii: " "), count: RemoteWire.maximumRequestBytes) + [0x0A])
        XCTAssertEqual(connection.readLine(),
                       #"{"error":"malformed request: expected one JSON object per line","ok":false,"version":1}"#)
        XCTAssertEqual(try RemoteClient(location: location).send(.prev), .done)
        XCTAssertEqual(recorder.requests, [.next, .prev])
    }

    func testManyClientsAtOnceAreAllAnswered() throws {
        let recorder = RecordingHandler()
        // Above the default 32: a closed client's server thread may not have ended yet when the
        // next connects, and this test is about answers, not the limit (tested below).
        var configuration = RemoteServer.Configuration()
        configuration.maximumConnections = 256
        let server = try startServer(recorder, configuration: configuration)
        defer { server.stop() }
        // Twenty connections open at the same time, each answered while the others wait.
        let connections = try (0..<20).map { _ in try RawConnection(location) }
        for connection in connections.reversed() {
            connection.send(#"{"command":"toggle","version":1}"# + "\n")
        }
        for connection in connections {
            XCTAssertEqual(connection.readLine(), #"{"ok":true,"version":1}"#)
        }
        // And 200 one-shot clients from many threads.
        let failures = LockedCount()
        let socket = location
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            let request: RemoteRequest = index % 2 == 0 ? .next : .status
            let expected: RemoteResponse = index % 2 == 0 ? .done : .status(RecordingHandler.status)
            if (try? RemoteClient(location: socket).send(request)) != expected { failures.increment() }
        }
        XCTAssertEqual(failures.value, 0)
        let requests = recorder.requests
        XCTAssertEqual(requests.count, 220)
        XCTAssertEqual(requests.filter { $0 == .toggle }.count, 20)
        XCTAssertEqual(requests.filter { $0 == .next }.count, 100)
        XCTAssertEqual(requests.filter { $0 == .status }.count, 100)
    }

    func testConnectionsBeyondTheLimitAreRefusedWithAnError() throws {
        var configuration = RemoteServer.Configuration()
        configuration.maximumConnections = 2
        let server = try startServer(configuration: configuration)
        defer { server.stop() }
        let held = try (0..<2).map { _ in try RawConnection(location) }
        for connection in held {  // answered, so surely admitted
            connection.send(#"{"command":"play","version":1}"# + "\n")
            XCTAssertEqual(connection.readLine(), #"{"ok":true,"version":1}"#)
        }
        let third = try RawConnection(location)
        XCTAssertEqual(third.readLine(),
                       #"{"error":"the player is serving 2 remote connections; try again","ok":false,"version":1}"#)
        XCTAssertEqual(third.readLine(), "")  // closed
    }

    func testIdleConnectionIsClosed() throws {
        var configuration = RemoteServer.Configuration()
        configuration.idleTimeoutSeconds = 0.2
        let server = try startServer(configuration: configuration)
        defer { server.stop() }
        let connection = try RawConnection(location)
        XCTAssertEqual(connection.readLine(), "")
    }

    func testStopEndsOpenConnections() throws {
        let server = try startServer()
        let connection = try RawConnection(location)
        connection.send(#"{"command":"play","version":1}"# + "\n")
        XCTAssertEqual(connection.readLine(), #"{"ok":true,"version":1}"#)
        server.stop()
        XCTAssertEqual(connection.readLine(), "")
    }
}

final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
