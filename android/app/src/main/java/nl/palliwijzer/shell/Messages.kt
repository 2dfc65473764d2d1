// Turning failures into words for the screen. The core's errors already carry a Dutch message
// that says what to do; anything else gets a calm general one.
package nl.palliwijzer.shell

import uniffi.palliwijzer.CoreException

object Messages {
    const val GENERAL = "Er ging iets mis. Probeer het opnieuw; bel bij spoed de consultatie palliatieve zorg: 088 605 1444."

    fun of(error: Throwable): String = when (error) {
        is CoreException -> error.message?.takeIf { it.isNotBlank() } ?: GENERAL
        else -> GENERAL
    }
}
