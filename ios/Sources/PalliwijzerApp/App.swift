// The app entry: opens the core off the main thread, navigates from the remembered region, and
// in the background with BGAppRefreshTask sends the reports waiting on this device, then syncs
// when the core says a sync is due.
import BackgroundTasks
import Palliwijzer
import SwiftUI

public enum BackgroundSync {
    public static let identifier = "nl.palliwijzer.sync"

    public static func register() {
        BGTaskScheduler.shared.register(forTaskWithIdentifier: identifier, using: nil) { task in
            schedule()
            Task.detached {
                if case .ready(let core) = await Core.shared.state {
                    // The reports users made offline go first; what cannot go now stays queued.
                    _ = try? core.sendReports()
                    if (try? core.syncDue(atUnixSeconds: nil)) == true {
                        _ = try? core.sync() // offline and refused are outcomes the core records
                    }
                }
                task.setTaskCompleted(success: true)
            }
        }
    }

    /// Reports wait on this device: a refresh as soon as the system allows one (with a
    /// network), instead of at the next interval.
    public static func sendSoon() {
        let request = BGAppRefreshTaskRequest(identifier: identifier)
        request.earliestBeginDate = nil
        try? BGTaskScheduler.shared.submit(request)
    }

    /// The interval the core decides, the same as on Android.
    public static func schedule() {
        let request = BGAppRefreshTaskRequest(identifier: identifier)
        request.earliestBeginDate = Date(timeIntervalSinceNow: Double(syncSchedule().intervalHours) * 3600)
        try? BGTaskScheduler.shared.submit(request)
    }
}

public struct RootView: View {
    @ObservedObject private var core = Core.shared
    @State private var path: [Destination] = []
    private let text = shellText()
    public init() {}

    public var body: some View {
        Group {
            switch core.state {
            case .opening:
                ProgressView(text.loading)
            case .failed(let message):
                StoreProblemView(message: message) { core.open(restore: true) }
            case .ready(let api):
                NavigationStack(path: $path) {
                    DestinationView(api: api, at: start, go: go)
                        .navigationDestination(for: Destination.self) { d in DestinationView(api: api, at: d, go: go) }
                }
                // The website's blue (`--brand`), as on Android.
                .tint(Color(red: 0x1D / 255, green: 0x4F / 255, blue: 0x6E / 255))
                .alert(
                    Text(core.unopened ?? ""),
                    isPresented: Binding(get: { core.unopened != nil }, set: { if !$0 { core.unopened = nil } }),
                    actions: {}
                )
            }
        }
        .onAppear {
            if case .opening = core.state { core.open() }
            BackgroundSync.schedule()
        }
    }

    private var start: Destination {
        if let region = UserDefaults.standard.string(forKey: "region") { return .home(regionId: region) }
        return .regions
    }

    private func go(_ d: Destination) {
        switch d {
        case .web(let url): Core.open(uri: url)
        case .home(let region):
            UserDefaults.standard.set(region, forKey: "region")
            path.append(d)
        default: path.append(d)
        }
    }
}
