// Turning failures into words for the screen. The core's errors already carry a Dutch message
// that says what to do; anything else gets the core's calm general one.
package nl.palliwijzer.shell

import uniffi.palliwijzer.CoreException
import uniffi.palliwijzer.shellText

object Messages {
    fun of(error: Throwable): String = when (error) {
        is CoreException -> error.message?.takeIf { it.isNotBlank() } ?: shellText().generalError
        else -> shellText().generalError
    }
}
