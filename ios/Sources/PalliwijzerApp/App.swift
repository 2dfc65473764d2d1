// The app entry: navigation from the remembered region, and background sync with
// BGAppRefreshTask (the system runs it when there is a network).
import BackgroundTasks
import SwiftUI

public enum BackgroundSync {
    public static let identifier = "nl.palliwijzer.sync"

    public static func register() {
        BGTaskScheduler.shared.register(forTaskWithIdentifier: identifier, using: nil) { task in
            schedule()
            Core.shared.syncNow()
            task.setTaskCompleted(success: true)
        }
    }

    /// Every six hours at the earliest, the interval the Android shell uses too.
    public static func schedule() {
        let request = BGAppRefreshTaskRequest(identifier: identifier)
        request.earliestBeginDate = Date(timeIntervalSinceNow: 6 * 3600)
        try? BGTaskScheduler.shared.submit(request)
    }
}

public struct RootView: View {
    public init() {}
    public var body: some View {
        NavigationStack {
            if let region = UserDefaults.standard.string(forKey: "region") {
                HomeView(region: region)
            } else {
                RegionsView()
            }
        }
        .onAppear { BackgroundSync.schedule() }
    }
}
