// What a screen asks the platform to do. The core already decided the words and the URIs;
// this maps them onto platform effects and holds no rule of its own.
package nl.palliwijzer.shell

import uniffi.palliwijzer.ActionKind
import uniffi.palliwijzer.ContactAction
import uniffi.palliwijzer.DocumentView

sealed interface Effect {
    /** Start a phone call (`tel:` URI from the core). */
    data class Dial(val uri: String) : Effect

    /** Open the mail app (`mailto:` URI from the core). */
    data class Mail(val uri: String) : Effect

    /** Open a web page in the browser. */
    data class Open(val uri: String) : Effect

    /** Share a document: its title, the core's share text and its web address. */
    data class Share(val title: String, val text: String, val url: String) : Effect
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

    fun share(document: DocumentView, siteBase: String): Effect.Share =
        Effect.Share(document.title, document.shareText, "${siteBase.trimEnd('/')}/documenten/${document.id}")
}
