import Library

/// The catalog scanner of an opened library as configured (`path_patterns`), for `s3play scan`
/// and the player's `:rescan`.
enum ScannerSetup {
    /// `parallelReads` (the ceiling of tag reads in flight): `scan --parallel`, else `[scan]
    /// parallel_reads`, else the default (128). Reads start at 32, or the ceiling when lower.
    static func scanner(opened: OpenedLibrary, settings: UserSettings, parallelReads: Int? = nil)
        throws(CommandFailure) -> CatalogScanner
    {
        var configuration = CatalogScanner.Configuration()
        if let parallel = parallelReads ?? settings.configFile.scan.parallelReads {
            guard (1...128).contains(parallel) else {
                throw CommandFailure("config file \(settings.configPath): scan.parallel_reads must be 1 to 128.")
            }
            configuration.parallelReads = parallel
        }
        if let texts = settings.configFile.pathPatterns {
            var patterns: [PathPattern] = []
            for text in texts {
                guard let pattern = PathPattern(text) else {
                    throw CommandFailure("config file \(settings.configPath): path pattern '\(text)' is not valid: "
                                         + "use {artist} {album} {title} {track} {disc} {year} between / separators.")
                }
                patterns.append(pattern)
            }
            configuration.grouping = SongGrouping(patterns: patterns)
        }
        return CatalogScanner(source: opened.source, store: opened.store, configuration: configuration)
    }
}
