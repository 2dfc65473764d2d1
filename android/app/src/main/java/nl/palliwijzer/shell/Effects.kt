// What a screen asks the platform to do. The core already decided the words, the URIs and
// the paper size; this maps them onto effects and holds no rule of its own.
package nl.palliwijzer.shell

import uniffi.palliwijzer.ActionKind
import uniffi.palliwijzer.ContactAction
import uniffi.palliwijzer.DocumentView
import uniffi.palliwijzer.Paper

sealed interface Effect {
    /** Start a phone call (`tel:` URI from the core). */
    data class Dial(val uri: String) : Effect

    /** Open the mail app (`mailto:` URI from the core). */
    data class Mail(val uri: String) : Effect

    /** Open a web page in the browser. */
    data class Open(val uri: String) : Effect

    /** Share a document: its title, the core's share text and the core's web address. */
    data class Share(val title: String, val text: String, val url: String) : Effect

    /** Print a document on the paper the core chose for it. */
    data class Print(val title: String, val html: String, val paper: Paper) : Effect

    /** Reports wait on this device: send them as soon as there is a connection. */
    data object SendWhenOnline : Effect
}

object Effects {
    fun of(action: ContactAction): Effect = when (action.kind) {
        ActionKind.CALL -> Effect.Dial(action.uri)
        ActionKind.EMAIL -> Effect.Mail(action.uri)
        ActionKind.WEBSITE -> Effect.Open(action.uri)
    }

    /** The first call action of a row, if the core gave one: what a big "Bel" button does. */
    fun dial(actions: List<ContactAction>): Effect.Dial? =
        actions.firstOrNull { it.kind == ActionKind.CALL }?.let { Effect.Dial(it.uri) }

    /** Sharing needs the address the core made from the configured site. */
    fun share(document: DocumentView): Effect.Share? =
        document.shareUrl?.let { Effect.Share(document.title, document.shareText, it) }

    fun print(document: DocumentView): Effect.Print = Effect.Print(document.title, document.html, document.paper)
}
