// Periodic sync with WorkManager, only with a network. The core decides whether a run is due,
// checks and applies, and keeps the outcome for the sync screen; the shell only schedules.
package nl.palliwijzer.app

import android.content.Context
import androidx.work.Constraints
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.NetworkType
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.Worker
import androidx.work.WorkerParameters
import java.util.concurrent.TimeUnit
import uniffi.palliwijzer.syncSchedule

class SyncWorker(context: Context, params: WorkerParameters) : Worker(context, params) {
    override fun doWork(): Result {
        val core = runCatching { Core.get(applicationContext) }.getOrElse { return Result.success() }
        if (!core.syncDue(null)) return Result.success()
        core.sync() // offline and refused are outcomes the core records; not retried in a loop
        return Result.success()
    }

    companion object {
        fun schedule(context: Context) {
            val every = syncSchedule().intervalHours.toLong()
            val request = PeriodicWorkRequestBuilder<SyncWorker>(every, TimeUnit.HOURS)
                .setConstraints(Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build())
                .build()
            WorkManager.getInstance(context).enqueueUniquePeriodicWork("palliwijzer-sync", ExistingPeriodicWorkPolicy.KEEP, request)
        }
    }
}
