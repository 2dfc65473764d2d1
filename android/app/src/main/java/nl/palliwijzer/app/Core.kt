// The one core instance of the app: the bundled snapshot copied on first launch (or over a copy
// an older app version made), then opened.
package nl.palliwijzer.app

import android.content.Context
import java.io.File
import nl.palliwijzer.shell.Snapshot
import uniffi.palliwijzer.Palliwijzer

object Core {
    @Volatile private var instance: Palliwijzer? = null

    fun get(context: Context): Palliwijzer = instance ?: synchronized(this) {
        instance ?: run {
            val file = File(context.filesDir, "palliwijzer.sqlite")
            Snapshot.open(file, { context.assets.open("palliwijzer.sqlite") }) { Palliwijzer.open(it) }
                .also { instance = it }
        }
    }
}
