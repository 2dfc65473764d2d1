// The one core instance: the bundled snapshot copied on first launch (or over a copy an older
// app version made), then opened off the main thread. A missing or damaged store is a state
// with the core's Dutch message and a way forward, never a crash. Effects: dial, mail, open,
// share, print. No business rule lives here.
import Foundation
import Palliwijzer
import UIKit

public enum Config {
    public static let app = AppConfig(
        siteUrl: "https://palliwijzer.example",
        feedUrl: "https://palliwijzer.example/api/v1/beschikbaarheid",
        syncUrl: "https://palliwijzer.example/sync",
        /// The pinned root public key (hex), set at build time.
        rootKeyHex: Bundle.main.object(forInfoDictionaryKey: "PalliwijzerRootKey") as? String ?? ""
    )
}

/// The Dutch message a user reads for any failure: the core's own, or its calm general one.
public func message(of error: Error) -> String {
    guard let e = error as? CoreError else { return shellText().generalError }
    switch e {
    case .StoreMissing(let m), .StoreUnreadable(let m), .NotAStore(let m), .SchemaTooNew(let m), .StoreOutdated(let m),
         .NotFound(let m), .InvalidInput(let m), .ContentInvalid(let m), .Unreachable(let m),
         .SyncRefused(let m), .SyncOffline(let m), .SyncAppTooOld(let m), .Write(let m), .StoreBusy(let m):
        return m
    }
}

@MainActor
public final class Core: ObservableObject {
    public static let shared = Core()

    public enum State {
        case opening
        case ready(Palliwijzer)
        case failed(String)
    }

    @Published public private(set) var state: State = .opening
    /// Said when no app on the device can open what was tapped (an iPad without calling).
    @Published public var unopened: String?

    private static var target: URL {
        let files = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
        try? FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        return files.appendingPathComponent("palliwijzer.sqlite")
    }

    /// Opens the store in the background; `restore` first puts the bundled snapshot back.
    public func open(restore: Bool = false) {
        state = .opening
        Task.detached(priority: .userInitiated) {
            let result: State
            do {
                result = .ready(try Core.openStore(restore: restore))
            } catch {
                result = .failed(message(of: error))
            }
            await MainActor.run { Core.shared.state = result }
        }
    }

    nonisolated private static func openStore(restore: Bool) throws -> Palliwijzer {
        let target = Core.target
        if restore || !FileManager.default.fileExists(atPath: target.path) { try copyBundled(to: target) }
        do {
            return try Palliwijzer.open(path: target.path, config: Config.app)
        } catch CoreError.StoreOutdated, CoreError.NotAStore {
            // A copy an older app version made, or a damaged one: the bundled snapshot
            // replaces it; sync follows.
            try copyBundled(to: target)
            return try Palliwijzer.open(path: target.path, config: Config.app)
        }
    }

    /// Copies the bundled snapshot next to `target` and moves it into place: never a half file.
    nonisolated private static func copyBundled(to target: URL) throws {
        guard let bundled = Bundle.main.url(forResource: "palliwijzer", withExtension: "sqlite") else {
            throw CoreError.StoreMissing(message: shellText().storeProblemTitle)
        }
        let fm = FileManager.default
        let partial = target.deletingLastPathComponent().appendingPathComponent("palliwijzer.sqlite.kopie")
        try? fm.removeItem(at: partial)
        try fm.copyItem(at: bundled, to: partial)
        for side in ["-wal", "-shm"] { try? fm.removeItem(atPath: target.path + side) }
        _ = try fm.replaceItemAt(target, withItemAt: partial)
    }

    /// Dial, mail or open what the core put in an action or a destination.
    public static func open(uri: String) {
        guard let url = URL(string: uri) else { return }
        UIApplication.shared.open(url) { opened in
            if !opened { Task { @MainActor in Core.shared.unopened = shellText().noApp } }
        }
    }

    /// Prints a document on the paper the core chose, from the core's printable page.
    public static func print(_ d: DocumentView) {
        let info = UIPrintInfo(dictionary: nil)
        info.jobName = d.title
        info.outputType = .general
        let controller = UIPrintInteractionController.shared
        controller.printInfo = info
        let formatter = UIMarkupTextPrintFormatter(markupText: d.printHtml)
        controller.printFormatter = formatter
        controller.present(animated: true)
    }
}
