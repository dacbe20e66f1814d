// s3play-fixture: fills a bucket with many small objects for benchmarks and the demo, faster
// than the AWS CLI can (parallel PUTs over one warm connection pool).
//
//   s3play-fixture put-many --bucket B --count N [--threads T] [--body-file F]
//       creates B if needed and uploads N objects laid out as
//       "artist-AAA/album-B/track-TT.mp3" (20 tracks an album, 5 albums an artist). Each body
//       is its key as text, or the bytes of F (a small MP3, for scan benchmarks).
//
// Endpoint and credentials come from the environment, as for s3play.
import Foundation
import HTTPTransport
import S3

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("s3play-fixture: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.first == "put-many" else { fail("usage: s3play-fixture put-many --bucket B --count N [--threads T] [--body-file F]") }
arguments.removeFirst()
var options: [String: String] = [:]
while arguments.count >= 2, arguments[0].hasPrefix("--") {
    options[String(arguments[0].dropFirst(2))] = arguments[1]
    arguments.removeFirst(2)
}
guard arguments.isEmpty, let bucket = options["bucket"], let count = Int(options["count"] ?? "") else {
    fail("usage: s3play-fixture put-many --bucket B --count N [--threads T] [--body-file F]")
}
let threads = Int(options["threads"] ?? "") ?? 16
var bodyFile: [UInt8]?
if let path = options["body-file"] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read --body-file \(path)") }
    bodyFile = Array(data)
}
let fixedBody = bodyFile

let client: S3Client
do {
    let settings = try S3ClientSettings.resolve(environment: ProcessInfo.processInfo.environment)
    client = S3Client(settings: settings, transport: try CurlTransport())
} catch {
    fail("\(error)")
}
do { try client.createBucket(bucket) } catch S3Error.unexpected(409, _, _) {} catch { /* exists already */ }

@Sendable func key(_ index: Int) -> String {
    let track = index % 20, album = (index / 20) % 5, artist = index / 100
    return String(format: "artist-%03d/album-%d/track-%02d.mp3", artist, album, track)
}

/// The first upload failure, if any, seen from every worker thread.
final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var message: String?
    func record(_ text: String) {
        lock.lock()
        if message == nil { message = text }
        lock.unlock()
    }
}

let failure = FirstFailure()
DispatchQueue.concurrentPerform(iterations: threads) { [client] worker in
    for index in stride(from: worker, to: count, by: threads) {
        do {
            try client.putObject(bucket: bucket, key: key(index), body: fixedBody ?? Array(key(index).utf8))
        } catch {
            failure.record("\(error)")
        }
    }
}
if let message = failure.message { fail(message) }
print("uploaded \(count) objects to s3://\(bucket)/")
