// The one core instance of the app: the bundled snapshot copied on first launch (or over a copy
// an older app version made), then opened with this build's configuration.
package nl.palliwijzer.app

import android.content.Context
import java.io.File
import nl.palliwijzer.shell.Snapshot
import uniffi.palliwijzer.AppConfig
import uniffi.palliwijzer.Palliwijzer

object Core {
    @Volatile private var instance: Palliwijzer? = null

    private val config = AppConfig(
        siteUrl = BuildConfig.SITE_URL,
        feedUrl = BuildConfig.FEED_URL,
        syncUrl = BuildConfig.SYNC_URL,
        rootKeyHex = BuildConfig.ROOT_KEY,
    )

    private fun file(context: Context) = File(context.filesDir, "palliwijzer.sqlite")

    private fun bundled(context: Context) = { context.assets.open("palliwijzer.sqlite") }

    /** Opens the store; throws the core's error (with its Dutch message) when it cannot. */
    fun get(context: Context): Palliwijzer = instance ?: synchronized(this) {
        instance ?: Snapshot.open(file(context), bundled(context)) { Palliwijzer.open(it, config) }.also { instance = it }
    }

    /** The way forward from a damaged copy: the bundled snapshot back in place, then open. */
    fun restore(context: Context): Palliwijzer = synchronized(this) {
        instance?.close()
        instance = null
        Snapshot.restore(file(context), bundled(context))
        get(context)
    }
}
