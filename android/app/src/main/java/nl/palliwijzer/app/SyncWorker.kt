// Periodic sync with WorkManager, only with a network. The core checks and applies; the
// shell only schedules and records when it last tried.
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
import nl.palliwijzer.shell.SyncPolicy

class SyncWorker(context: Context, params: WorkerParameters) : Worker(context, params) {
    override fun doWork(): Result {
        val prefs = applicationContext.getSharedPreferences("sync", Context.MODE_PRIVATE)
        val core = Core.get(applicationContext)
        val now = System.currentTimeMillis() / 1000
        val last = prefs.getLong("last_attempt", -1).takeIf { it >= 0 }
        if (!SyncPolicy.due(core.syncStatus(), last, prefs.getBoolean("last_failed", false), now)) return Result.success()
        val ok = runCatching { core.sync(BuildConfig.SYNC_URL, BuildConfig.ROOT_KEY) }
        prefs.edit()
            .putLong("last_attempt", now)
            .putBoolean("last_failed", ok.isFailure)
            .putString("last_problem", ok.exceptionOrNull()?.let { nl.palliwijzer.shell.Messages.of(it) })
            .apply()
        return Result.success() // a refusal is reported on screen, not retried in a loop
    }

    companion object {
        fun schedule(context: Context) {
            val request = PeriodicWorkRequestBuilder<SyncWorker>(SyncPolicy.INTERVAL_HOURS, TimeUnit.HOURS)
                .setConstraints(Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build())
                .build()
            WorkManager.getInstance(context).enqueueUniquePeriodicWork("palliwijzer-sync", ExistingPeriodicWorkPolicy.KEEP, request)
        }
    }
}
