import TOMLKit

/// Turns the parsed TOML into a `ConfigFile`, rejecting unknown keys and wrong types with a
/// message that names the key, so a typo ("sahred = true") is not silently ignored.
struct ConfigTableReader {
    let path: String

    mutating func read(_ table: TOMLTable) throws(ConfigFileError) -> ConfigFile {
        var file = ConfigFile()
        for (key, value) in table {
            switch key {
            case "library": file.library = try string(value, "library")
            case "path_patterns": file.pathPatterns = try strings(value, "path_patterns")
            case "discogs": try readDiscogs(try section(value, "discogs"), into: &file.discogs)
            case "cache": try readCache(try section(value, "cache"), into: &file.cache)
            case "scan": try readScan(try section(value, "scan"), into: &file.scan)
            case "keys": file.keys = try stringTable(try section(value, "keys"), "keys")
            case "theme": file.theme = try stringTable(try section(value, "theme"), "theme")
            case "mpris": try readMPRIS(try section(value, "mpris"), into: &file.mpris)
            default: throw unknown(key)
            }
        }
        return file
    }

    private func readDiscogs(_ table: TOMLTable, into section: inout ConfigFile.DiscogsSection) throws(ConfigFileError) {
        for (key, value) in table {
            let name = "discogs.\(key)"
            switch key {
            case "token": section.token = try string(value, name)
            case "api_url": section.apiURL = try string(value, name)
            case "requests_per_minute": section.requestsPerMinute = try positiveInt(value, name)
            default: throw unknown(name)
            }
        }
    }

    private func readMPRIS(_ table: TOMLTable, into section: inout ConfigFile.MPRISSection) throws(ConfigFileError) {
        for (key, value) in table {
            let name = "mpris.\(key)"
            switch key {
            case "enabled": section.enabled = try bool(value, name)
            default: throw unknown(name)
            }
        }
    }

    private func readCache(_ table: TOMLTable, into section: inout ConfigFile.CacheSection) throws(ConfigFileError) {
        for (key, value) in table {
            let name = "cache.\(key)"
            switch key {
            case "shared": section.shared = try bool(value, name)
            case "stale_after_hours": section.staleAfterHours = try positiveNumber(value, name)
            case "not_found_stale_after_hours": section.notFoundStaleAfterHours = try positiveNumber(value, name)
            case "refresh_library_after_hours": section.refreshLibraryAfterHours = try positiveNumber(value, name)
            case "drop_unviewed_after_days": section.dropUnviewedAfterDays = try positiveNumber(value, name)
            case "memory_entries": section.memoryEntries = try positiveInt(value, name)
            default: throw unknown(name)
            }
        }
    }

    private func readScan(_ table: TOMLTable, into section: inout ConfigFile.ScanSection) throws(ConfigFileError) {
        for (key, value) in table {
            let name = "scan.\(key)"
            switch key {
            case "parallel_reads": section.parallelReads = try positiveInt(value, name)
            default: throw unknown(name)
            }
        }
    }

    /// A table whose values are all strings; what the names mean is checked by its reader.
    private func stringTable(_ table: TOMLTable, _ name: String) throws(ConfigFileError) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in table {
            result[key] = try string(value, "\(name).\(key)")
        }
        return result
    }

    private func unknown(_ name: String) -> ConfigFileError {
        ConfigFileError(path: path, line: nil,
                        message: "unknown setting '\(name)' (docs/configuration.md lists the settings)")
    }

    private func wrongType(_ name: String, _ expected: String) -> ConfigFileError {
        ConfigFileError(path: path, line: nil, message: "'\(name)' must be \(expected)")
    }

    private func section(_ value: any TOMLValueConvertible, _ name: String) throws(ConfigFileError) -> TOMLTable {
        guard let table = value.table else { throw wrongType(name, "a table ([\(name)])") }
        return table
    }

    private func string(_ value: any TOMLValueConvertible, _ name: String) throws(ConfigFileError) -> String {
        guard let text = value.string else { throw wrongType(name, "a quoted string") }
        return text
    }

    private func strings(_ value: any TOMLValueConvertible, _ name: String) throws(ConfigFileError) -> [String] {
        guard let array = value.array else { throw wrongType(name, "a list of quoted strings") }
        var result: [String] = []
        for element in array {
            guard let text = element.string else { throw wrongType(name, "a list of quoted strings") }
            result.append(text)
        }
        return result
    }

    private func bool(_ value: any TOMLValueConvertible, _ name: String) throws(ConfigFileError) -> Bool {
        guard let flag = value.bool else { throw wrongType(name, "true or false") }
        return flag
    }

    private func positiveInt(_ value: any TOMLValueConvertible, _ name: String) throws(ConfigFileError) -> Int {
        guard let number = value.int, number > 0 else { throw wrongType(name, "a whole number above 0") }
        return number
    }

    private func positiveNumber(_ value: any TOMLValueConvertible, _ name: String) throws(ConfigFileError) -> Double {
        let number = value.double ?? value.int.map(Double.init)
        guard let number, number > 0 else { throw wrongType(name, "a number above 0") }
        return number
    }
}
