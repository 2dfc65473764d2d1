// The one core instance: the bundled snapshot copied on first launch (or over a copy an older
// app version made), then opened. Effects
// (dial, mail, open) and the sync schedule; no business rule.
import Foundation
import Palliwijzer
import UIKit

public enum Config {
    public static let syncURL = "https://palliwijzer.example/sync"
    public static let feedURL = "https://palliwijzer.example/api/v1/beschikbaarheid"
    public static let siteURL = "https://palliwijzer.example"
    /// The pinned root public key (hex), set at build time.
    public static let rootKey = Bundle.main.object(forInfoDictionaryKey: "PalliwijzerRootKey") as? String ?? ""
}

public final class Core {
    public static let shared = Core()
    public let api: Palliwijzer

    private init() {
        let files = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
        try? FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        let target = files.appendingPathComponent("palliwijzer.sqlite")
        if !FileManager.default.fileExists(atPath: target.path) { Core.copyBundled(to: target) }
        do {
            api = try Palliwijzer.open(path: target.path)
        } catch CoreError.StoreOutdated(_) {
            // A copy an older app version made: the bundled snapshot replaces it; sync follows.
            Core.copyBundled(to: target)
            api = try! Palliwijzer.open(path: target.path)
        } catch {
            // Without a usable store the app cannot show anything; the error text says what to do.
            fatalError(error.localizedDescription)
        }
    }

    /// Copies the bundled snapshot next to `target` and moves it into place: never a half file.
    private static func copyBundled(to target: URL) {
        guard let bundled = Bundle.main.url(forResource: "palliwijzer", withExtension: "sqlite") else { return }
        let partial = target.deletingLastPathComponent().appendingPathComponent("palliwijzer.sqlite.kopie")
        try? FileManager.default.removeItem(at: partial)
        guard (try? FileManager.default.copyItem(at: bundled, to: partial)) != nil else { return }
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.moveItem(at: partial, to: target)
    }

    /// Dial, mail or open what the core put in an action.
    public static func perform(_ action: ContactAction) {
        if let url = URL(string: action.uri) { UIApplication.shared.open(url) }
    }

    /// Runs a sync; a refusal is kept to show on the sync screen.
    public func syncNow() {
        do {
            _ = try api.sync(baseUrl: Config.syncURL, rootKeyHex: Config.rootKey)
            UserDefaults.standard.removeObject(forKey: "lastProblem")
        } catch {
            UserDefaults.standard.set(error.localizedDescription, forKey: "lastProblem")
        }
        UserDefaults.standard.set(Date().timeIntervalSince1970, forKey: "lastAttempt")
    }
}
