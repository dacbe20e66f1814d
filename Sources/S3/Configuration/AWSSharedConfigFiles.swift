// Reader for the AWS shared files, ~/.aws/credentials and ~/.aws/config, in the INI dialect the
// AWS CLI accepts (botocore's configloader on Python's configparser; format described at
// docs.aws.amazon.com/sdkref/latest/guide/file-format.html):
//
//   [default]                    [profile minio]           [services local]
//   region = eu-west-1           services = local          s3 =
//   s3 =                         region = us-east-1          endpoint_url = http://127.0.0.1:8333
//     addressing_style = path
//
// - Lines starting with "#" or ";" are comments. There are no inline comments: configparser keeps
//   "value # note" whole, and so do we.
// - Setting names are case-insensitive (configparser lowercases them); values are trimmed.
// - An indented "name = value" line under a setting with an empty value ("s3 =") is a nested
//   setting, one level deep, as botocore's _parse_nested.
// - A section seen twice is merged, later values winning.
// Errors name the file and line but never quote the line: it may hold a secret.

import Foundation

/// One setting's value and the 1-based line it came from (for error messages).
struct AWSConfigValue: Equatable {
    var text: String
    var line: Int
}

/// One "[section]": top-level settings and nested blocks ("s3 =" followed by indented lines).
struct AWSConfigSection: Equatable {
    var values: [String: AWSConfigValue] = [:]
    var nested: [String: [String: AWSConfigValue]] = [:]

    subscript(name: String) -> String? { values[name]?.text }
}

/// One parsed file: sections by their bracketed name with whitespace collapsed ("profile  x" →
/// "profile x"), so lookups by "default", "profile NAME", "services NAME" or (credentials file) "NAME".
struct AWSConfigFile: Equatable {
    var path: String
    var sections: [String: AWSConfigSection] = [:]

    /// A missing file is nil (not an error: neither file is required). A file that exists but
    /// cannot be read or decoded as UTF-8 is an error naming it.
    static func load(path: String) throws(S3ConfigurationError) -> AWSConfigFile? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        guard !isDirectory.boolValue else {
            throw .unreadableConfigFile(path: path, reason: "it is a directory, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableConfigFile(path: path, reason: "permission denied or I/O error")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .unreadableConfigFile(path: path, reason: "it is not valid UTF-8 text")
        }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws(S3ConfigurationError) -> AWSConfigFile {
        var file = AWSConfigFile(path: path)
        var sectionName: String?
        var openBlock: String?  // the setting whose value was empty, taking indented lines
        var lastSetting: String?

        // Split on "\n" only and strip one trailing "\r": Swift treats "\r\n" as one Character,
        // so splitting Characters on "\n" would miss CRLF lines written on Windows.
        for (index, rawLine) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            var line = String(decoding: rawLine, as: UTF8.self)
            if line.hasSuffix("\r") { line.removeLast() }
            let indented = line.first == " " || line.first == "\t"
            let content = line.trimmingCharacters(in: .whitespaces)
            if content.isEmpty || content.hasPrefix("#") || content.hasPrefix(";") { continue }

            if content.hasPrefix("[") {
                guard !indented, content.hasSuffix("]"), content.count > 2 else {
                    throw .malformedConfigFile(path: path, line: lineNumber,
                                               reason: "a section header must look like [name] at the start of the line")
                }
                let name = content.dropFirst().dropLast().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                guard !name.isEmpty else {
                    throw .malformedConfigFile(path: path, line: lineNumber, reason: "the section name is empty")
                }
                sectionName = name
                if file.sections[name] == nil { file.sections[name] = AWSConfigSection() }
                openBlock = nil
                lastSetting = nil
                continue
            }

            guard let currentSection = sectionName else {
                throw .malformedConfigFile(path: path, line: lineNumber,
                                           reason: "a setting appears before any [section] header")
            }
            guard let equals = content.firstIndex(of: "=") else {
                throw .malformedConfigFile(path: path, line: lineNumber,
                                           reason: "expected 'name = value', '[section]' or a comment")
            }
            let name = content[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = AWSConfigValue(text: content[content.index(after: equals)...].trimmingCharacters(in: .whitespaces),
                                       line: lineNumber)
            guard !name.isEmpty else {
                throw .malformedConfigFile(path: path, line: lineNumber, reason: "a setting has no name before '='")
            }

            if indented, let parent = lastSetting {
                guard let block = openBlock else {
                    throw .malformedConfigFile(path: path, line: lineNumber, reason:
                        "an indented line continues '\(parent)', which already has a value; only a setting with an empty value (like 's3 =') takes indented settings")
                }
                file.sections[currentSection]!.nested[block, default: [:]][name] = value
                continue
            }
            if value.text.isEmpty {
                openBlock = name
                file.sections[currentSection]!.nested[name] = file.sections[currentSection]!.nested[name] ?? [:]
            } else {
                openBlock = nil
                file.sections[currentSection]!.values[name] = value
            }
            lastSetting = name
        }
        return file
    }

    /// The credentials file names profiles plainly ("[minio]"); the config file uses
    /// "[profile minio]", except for "[default]" (where "[profile default]" is also accepted).
    func profileSection(_ profile: String, isConfigFile: Bool) -> AWSConfigSection? {
        guard isConfigFile else { return sections[profile] }
        if profile == "default" { return sections["default"] ?? sections["profile default"] }
        return sections["profile \(profile)"]
    }

    /// Profile names defined in this file, for "profile not found" messages.
    func profileNames(isConfigFile: Bool) -> [String] {
        sections.keys.compactMap { name in
            guard isConfigFile else { return name }
            if name == "default" { return name }
            return name.hasPrefix("profile ") ? String(name.dropFirst("profile ".count)) : nil
        }
    }
}
