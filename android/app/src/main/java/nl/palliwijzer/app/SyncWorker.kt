// Periodic sync with WorkManager, only with a network. Every run first sends the reports users
// made offline; the core decides whether a sync is due, checks and applies, and keeps the
// outcome for the sync screen; the shell only schedules.
package nl.palliwijzer.app

import android.content.Context
import androidx.work.Constraints
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.ExistingWorkPolicy
import androidx.work.NetworkType
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.Worker
import androidx.work.WorkerParameters
import java.util.concurrent.TimeUnit
import uniffi.palliwijzer.syncSchedule

class SyncWorker(context: Context, params: WorkerParameters) : Worker(context, params) {
    override fun doWork(): Result {
        val core = runCatching { Core.get(applicationContext) }.getOrElse { return Result.success() }
        // WorkManager runs this only with a network: the reports waiting on this device go first.
        runCatching { core.sendReports() } // what cannot go now stays queued for the next run
        // Offline and refused are outcomes the core records for the sync screen; a store that
        // cannot be written is the core's error, which the sync screen shows when tried there.
        // Neither is retried in a loop.
        runCatching { if (core.syncDue(null)) core.sync() }
        return Result.success()
    }

    companion object {
        /** One run as soon as there is a network: reports made offline go then, not hours later. */
        fun sendWhenOnline(context: Context) {
            val request = OneTimeWorkRequestBuilder<SyncWorker>()
                .setConstraints(Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build())
                .build()
            WorkManager.getInstance(context).enqueueUniqueWork("palliwijzer-meldingen", ExistingWorkPolicy.KEEP, request)
        }

        fun schedule(context: Context) {
            val every = syncSchedule().intervalHours.toLong()
            val request = PeriodicWorkRequestBuilder<SyncWorker>(every, TimeUnit.HOURS)
                .setConstraints(Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build())
                .build()
            WorkManager.getInstance(context).enqueueUniquePeriodicWork("palliwijzer-sync", ExistingPeriodicWorkPolicy.KEEP, request)
        }
    }
}
