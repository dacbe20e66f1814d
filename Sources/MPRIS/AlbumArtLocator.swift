import Foundation

/// A cover image beside a local track (`cover.jpg` and the other names players and rippers
/// write), as the file: URL MPRIS' `mpris:artUrl` takes. Tracks in S3 get none: the only URL
/// that would reach them is a presigned one, which carries credentials and is never handed out.
/// Answers are kept per folder, so a folder is looked at once while its tracks play.
final class AlbumArtLocator {
    /// Tried in order; the first that exists wins.
    static let fileNames = ["cover.jpg", "cover.png", "folder.jpg", "folder.png", "front.jpg", "front.png",
                            "Cover.jpg", "Cover.png", "Folder.jpg", "Folder.png", "Front.jpg", "Front.png",
                            "AlbumArt.jpg", "albumart.jpg"]
    /// Folders remembered; an album queue touches few, so the oldest answer is simply dropped.
    private static let rememberedFolders = 64

    private var answers: [String: String?] = [:]
    private var order: [String] = []

    func artURL(forLocation location: String) -> String? {
        guard location.hasPrefix("/") else { return nil }
        let folder = (location as NSString).deletingLastPathComponent
        if let known = answers[folder] { return known }
        let found = Self.fileNames.lazy.map { folder + "/" + $0 }.first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.map { URL(fileURLWithPath: $0).absoluteString }
        answers[folder] = .some(found)
        order.append(folder)
        if order.count > Self.rememberedFolders { answers.removeValue(forKey: order.removeFirst()) }
        return found
    }
}
