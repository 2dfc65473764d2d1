// The Android shell: draws the core's view models with Compose and performs effects. Every
// word on screen comes from the core; this file only lays it out and navigates.
package nl.palliwijzer.app

import android.content.Intent
import android.net.Uri
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.BackHandler
import androidx.activity.compose.setContent
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.mutableStateListOf
import androidx.compose.runtime.remember
import nl.palliwijzer.shell.Effect

/** Where the user is. The back stack is a list of these. */
sealed interface Route {
    data object Regions : Route
    data class Home(val region: String) : Route
    data class Now(val region: String) : Route
    data class Hospices(val region: String) : Route
    data class Zorgpad(val region: String) : Route
    data class Phase(val region: String, val id: String, val role: uniffi.palliwijzer.Role) : Route
    data class Beslisboom(val region: String, val node: String?) : Route
    data class Hulpmiddelen(val region: String) : Route
    data object Documents : Route
    data class Document(val id: String) : Route
    data class Search(val region: String) : Route
    data object Sync : Route
}

class MainActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        SyncWorker.schedule(this)
        val core = Core.get(this)
        val start = getSharedPreferences("ui", MODE_PRIVATE).getString("region", null)
        setContent {
            MaterialTheme {
                val stack = remember { mutableStateListOf<Route>(if (start != null) Route.Home(start) else Route.Regions) }
                val go: (Route) -> Unit = { r ->
                    if (r is Route.Home) getSharedPreferences("ui", MODE_PRIVATE).edit().putString("region", r.region).apply()
                    stack.add(r)
                }
                BackHandler(enabled = stack.size > 1) { stack.removeAt(stack.lastIndex) }
                Screen(core, stack.last(), go, ::perform)
            }
        }
    }

    /** Platform effects: dial, mail, open, share. */
    private fun perform(effect: Effect) {
        val intent = when (effect) {
            is Effect.Dial -> Intent(Intent.ACTION_DIAL, Uri.parse(effect.uri))
            is Effect.Mail -> Intent(Intent.ACTION_SENDTO, Uri.parse(effect.uri))
            is Effect.Open -> Intent(Intent.ACTION_VIEW, Uri.parse(effect.uri))
            is Effect.Share -> Intent.createChooser(
                Intent(Intent.ACTION_SEND).setType("text/plain")
                    .putExtra(Intent.EXTRA_SUBJECT, effect.title)
                    .putExtra(Intent.EXTRA_TEXT, "${effect.text}\n${effect.url}"),
                effect.title,
            )
        }
        startActivity(intent)
    }
}
