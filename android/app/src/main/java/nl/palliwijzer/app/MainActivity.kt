// The Android glue: opens the core off the main thread, draws the shared Compose screens
// (nl.palliwijzer.ui) and performs their effects with intents and the print service.
package nl.palliwijzer.app

import android.content.ActivityNotFoundException
import android.content.Intent
import android.net.Uri
import android.os.Bundle
import android.print.PrintAttributes
import android.print.PrintManager
import android.webkit.WebView
import android.webkit.WebViewClient
import android.widget.Toast
import androidx.activity.ComponentActivity
import androidx.activity.compose.BackHandler
import androidx.activity.compose.setContent
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.produceState
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import nl.palliwijzer.shell.Effect
import nl.palliwijzer.shell.Messages
import nl.palliwijzer.ui.App
import nl.palliwijzer.ui.Loading
import nl.palliwijzer.ui.Navigator
import nl.palliwijzer.ui.PalliwijzerTheme
import nl.palliwijzer.ui.Platform
import nl.palliwijzer.ui.StoreProblem
import uniffi.palliwijzer.Destination
import uniffi.palliwijzer.Paper
import uniffi.palliwijzer.Palliwijzer
import uniffi.palliwijzer.shellText

class MainActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        SyncWorker.schedule(this)
        val prefs = getSharedPreferences("ui", MODE_PRIVATE)
        val start = prefs.getString("region", null)?.let { Destination.Home(it) } ?: Destination.Regions
        val platform = Platform(
            perform = ::perform,
            regionChosen = { prefs.edit().putString("region", it).apply() },
        )
        setContent {
            PalliwijzerTheme {
                val nav = remember { Navigator(start) }
                var attempt by remember { mutableStateOf(0) }
                val opened by produceState<Result<Palliwijzer>?>(null, attempt) {
                    value = withContext(Dispatchers.IO) {
                        runCatching { if (attempt == 0) Core.get(this@MainActivity) else Core.restore(this@MainActivity) }
                    }
                }
                BackHandler(enabled = nav.stack.size > 1) { nav.back() }
                when (val o = opened) {
                    null -> Loading()
                    else -> o.fold(
                        onSuccess = { core -> App(core, nav, platform) },
                        onFailure = { e -> StoreProblem(Messages.of(e)) { attempt++ } },
                    )
                }
            }
        }
    }

    /** The page being printed: held until its print job exists, or the WebView may be collected. */
    private var printing: WebView? = null

    /** Starts another app; a device without one (a tablet that cannot call) says so instead of crashing. */
    private fun start(intent: Intent) {
        try {
            startActivity(intent)
        } catch (e: ActivityNotFoundException) {
            Toast.makeText(this, shellText().noApp, Toast.LENGTH_LONG).show()
        }
    }

    /** Platform effects: dial, mail, open, share, print. */
    private fun perform(effect: Effect) {
        when (effect) {
            is Effect.Dial -> start(Intent(Intent.ACTION_DIAL, Uri.parse(effect.uri)))
            is Effect.Mail -> start(Intent(Intent.ACTION_SENDTO, Uri.parse(effect.uri)))
            is Effect.Open -> start(Intent(Intent.ACTION_VIEW, Uri.parse(effect.uri)))
            is Effect.Share -> start(
                Intent.createChooser(
                    Intent(Intent.ACTION_SEND).setType("text/plain")
                        .putExtra(Intent.EXTRA_SUBJECT, effect.title)
                        .putExtra(Intent.EXTRA_TEXT, "${effect.text}\n${effect.url}"),
                    effect.title,
                ),
            )
            Effect.SendWhenOnline -> SyncWorker.sendWhenOnline(this)
            is Effect.Print -> {
                val size = when (effect.paper) {
                    Paper.A4 -> PrintAttributes.MediaSize.ISO_A4
                    Paper.A5 -> PrintAttributes.MediaSize.ISO_A5
                }
                val web = WebView(this)
                printing = web
                // The adapter prints what the WebView holds when it is made: only once the page
                // has loaded, or the sheet comes out blank.
                web.webViewClient = object : WebViewClient() {
                    override fun onPageFinished(view: WebView, url: String?) {
                        getSystemService(PrintManager::class.java).print(
                            effect.title,
                            view.createPrintDocumentAdapter(effect.title),
                            PrintAttributes.Builder().setMediaSize(size).build(),
                        )
                        printing = null
                    }
                }
                web.loadDataWithBaseURL(null, effect.html, "text/html", "utf-8", null)
            }
        }
    }
}
