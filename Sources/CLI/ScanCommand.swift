import ArgumentParser
import Dispatch
import Foundation
import Library
import Synchronization

/// `s3play scan`: builds or updates the catalog of the library.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Build or update the catalog of the library (artists, albums, songs).",
        discussion: """
        Lists the bucket (or walks the folder) and reads the tags of new and changed MP3, FLAC, \
        Ogg Vorbis, Opus, WAV and AIFF files with small ranged reads (never the whole file, \
        never a cover picture), many at a time. Unchanged objects (same ETag and size) cost \
        nothing, deleted ones leave the catalog. Ctrl-C keeps what was read; the next scan \
        resumes. Objects that cannot be played are listed at the end. With --json the summary \
        and the problems are JSON lines (docs/cli.md).
        """)

    @OptionGroup var library: LibraryOptions

    @Flag(help: "Print the summary and problems as JSON lines.")
    var json = false

    @Option(help: "Tag reads in flight at most: reads start at 32 (N if lower) and grow toward N while the server never says to slow down (default: [scan] parallel_reads in the config file, else 128).")
    var parallel: Int?

    func validate() throws {
        if let parallel, !(1...128).contains(parallel) { throw ValidationError("--parallel takes 1 to 128.") }
    }

    func run() throws {
        try reportingFailures {
            let settings = try UserSettings.load()
            let opened = try library.open(settings: settings)
            let scanner = try ScannerSetup.scanner(opened: opened, settings: settings, parallelReads: parallel)
            let cancelled = Atomic<Bool>(false)
            signal(SIGINT, SIG_IGN)
            let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            interrupt.setEventHandler { cancelled.store(true, ordering: .relaxed) }
            interrupt.resume()
            defer { interrupt.cancel() }

            let display = ScanProgressDisplay(location: opened.source.locationDescription)
            let report: ScanReport
            do {
                report = try scanner.scan(isCancelled: { cancelled.load(ordering: .relaxed) },
                                          onProgress: { display.show($0) })
            } catch {
                display.clear()
                throw CommandFailure("\(error)")
            }
            display.clear()
            let counts = try opened.store.counts()
            let output = BufferedStandardOutput()
            let location = opened.source.locationDescription
            for line in json ? ScanReportLines.json(report, counts: counts, location: location)
                             : ScanReportLines.text(report, counts: counts, location: location) {
                output.writeLine(line)
            }
            output.flush()
            if !report.interrupted {
                // The seed's daily refresh: a scan (the job one runs daily) also refreshes the
                // Discogs details of the library's artists that are older than a day, in the
                // background with leftover budget, for as long as the drain timeout allows.
                let repository = LibraryRepositorySetup.repository(opened: opened, settings: settings)
                if try repository.refreshDetails() > 0 { repository.finishBackgroundWork() }
            }
            if report.interrupted {
                StandardError.writeLine("s3play: interrupted; the tags read so far are kept: run `s3play scan` again to finish.")
                throw ExitCode(130)
            }
        }
    }
}

/// The summary and problem lines of a scan.
enum ScanReportLines {
    static func text(_ report: ScanReport, counts: CatalogCounts, location: String) -> [String] {
        var lines = [
            "Scanned \(location) in \(String(format: report.elapsed < 10 ? "%.2f" : "%.1f", report.elapsed)) s: "
                + "\(counts.songs) songs, \(counts.albums) albums, \(counts.artists) artists.",
            "Objects: \(report.objectsListed) listed, \(report.audioObjects) audio; \(report.newObjects) new, "
                + "\(report.changedObjects) changed, \(report.unchangedObjects) unchanged, \(report.deletedObjects) deleted.",
            "Tag reads: \(report.readRequests) requests, \(ByteCount.text(report.bytesFetched)).",
        ]
        if !report.problems.isEmpty {
            lines.append("Not playable (\(report.problems.count)):")
            lines += report.problems.map { "  \($0.key): \($0.problem)" }
        }
        return lines
    }

    static func json(_ report: ScanReport, counts: CatalogCounts, location: String) -> [String] {
        var lines = report.problems.map { problem -> String in
            var line = JSONLine()
            line.add("type", "problem")
            line.add("key", problem.key)
            line.add("problem", problem.problem)
            return line.line
        }
        var summary = JSONLine()
        summary.add("type", "summary")
        summary.add("library", location)
        summary.add("songs", counts.songs)
        summary.add("albums", counts.albums)
        summary.add("artists", counts.artists)
        summary.add("objects_listed", report.objectsListed)
        summary.add("audio_objects", report.audioObjects)
        summary.add("new", report.newObjects)
        summary.add("changed", report.changedObjects)
        summary.add("unchanged", report.unchangedObjects)
        summary.add("deleted", report.deletedObjects)
        summary.add("read_requests", report.readRequests)
        summary.add("bytes_fetched", report.bytesFetched)
        summary.add("lowest_parallel_reads", report.lowestParallelReads)
        summary.add("highest_parallel_reads", report.highestParallelReads)
        summary.add("reads_while_listing", report.readsStartedWhileListing)
        summary.add("problems", report.problems.count)
        summary.add("interrupted", report.interrupted)
        summary.add("seconds", report.elapsed, decimals: 3)
        lines.append(summary.line)
        return lines
    }
}

enum ByteCount {
    static func text(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1 << 20 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
        if bytes < 1 << 30 { return String(format: "%.1f MiB", Double(bytes) / 1048576) }
        return String(format: "%.2f GiB", Double(bytes) / 1073741824)
    }
}
