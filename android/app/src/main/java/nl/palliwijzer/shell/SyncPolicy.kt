// When the shell asks the core to sync. WorkManager (Android) and BGAppRefreshTask (iOS) run
// it only with a network; this decides whether a run is due.
package nl.palliwijzer.shell

import uniffi.palliwijzer.SyncStatus

object SyncPolicy {
    /** How often a periodic sync runs, in hours. */
    const val INTERVAL_HOURS: Long = 6

    /** After a failed attempt, wait this long before trying again on app start. */
    const val RETRY_MINUTES: Long = 15

    /**
     * Due when the app still shows the bundled content, or when the last attempt is older
     * than the interval; after a failure, retry sooner.
     */
    fun due(status: SyncStatus, lastAttemptEpochSeconds: Long?, lastAttemptFailed: Boolean, nowEpochSeconds: Long): Boolean {
        val last = lastAttemptEpochSeconds ?: return true
        val waited = nowEpochSeconds - last
        if (waited < 0) return true // the clock went back: do not wait for it
        if (lastAttemptFailed) return waited >= RETRY_MINUTES * 60
        if (status.bundled) return true
        return waited >= INTERVAL_HOURS * 3600
    }
}
