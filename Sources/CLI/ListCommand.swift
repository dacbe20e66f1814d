import ArgumentParser
import S3

/// `s3play ls s3://BUCKET[/PREFIX]`: every key under the prefix, in the server's order.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List every key under an S3 prefix, one per line, in the server's order.",
        discussion: """
        Lists all pages (1,000 keys each). With --json each line is an object with the fields \
        key, size, etag, lastModified and storageClass (see docs/cli.md).

        Example: s3play ls s3://music/Artist/ --endpoint-url http://127.0.0.1:8333
        """)

    @Argument(help: "s3://BUCKET or s3://BUCKET/PREFIX")
    var location: String

    @Flag(help: "Print one JSON object per line.")
    var json = false

    @Option(help: "Key ranges listed in parallel (1 lists page after page).")
    var parallel = 6

    @OptionGroup var storage: StorageOptions

    func validate() throws {
        guard S3Location(location) != nil else {
            throw ValidationError("'\(location)' is not an S3 address: write it as s3://BUCKET or s3://BUCKET/PREFIX.")
        }
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1.") }
    }

    func run() throws {
        try reportingFailures {
            let target = S3Location(location)!
            let client = try storage.makeClient()
            let output = BufferedStandardOutput()
            defer { output.flush() }
            let lister = S3ParallelLister(client: client, rangeCount: parallel)
            try lister.listAll(bucket: target.bucket, prefix: target.path.isEmpty ? nil : target.path) { objects in
                for object in objects {
                    output.writeLine(json ? Self.jsonLine(object) : object.key)
                }
            }
        }
    }

    static func jsonLine(_ object: S3ObjectSummary) -> String {
        var line = JSONLine()
        line.add("key", object.key)
        line.add("size", object.size)
        line.add("etag", object.etag.trimmingQuotes)
        line.add("lastModified", object.lastModified)
        line.add("storageClass", object.storageClass)
        return line.line
    }
}

private extension String {
    /// S3 ETags are quoted on the wire; scripts want the bare value.
    var trimmingQuotes: String {
        guard count >= 2, hasPrefix("\""), hasSuffix("\"") else { return self }
        return String(dropFirst().dropLast())
    }
}
