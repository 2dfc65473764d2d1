// The content database shipped inside the app: copied once to the app's files so the app
// works on first launch without a network; sync updates the copy afterwards.
package nl.palliwijzer.shell

import java.io.File
import java.io.InputStream

object Snapshot {
    /**
     * Returns [target], copying the bundled snapshot there first when it is missing. The copy
     * is written next to it and renamed: a crash during the copy leaves no half file.
     */
    fun ensure(target: File, bundled: () -> InputStream): File {
        if (target.isFile && target.length() > 0) return target
        target.parentFile?.mkdirs()
        val partial = File(target.parentFile, target.name + ".kopie")
        bundled().use { input -> partial.outputStream().use { input.copyTo(it) } }
        if (!partial.renameTo(target)) {
            partial.delete()
            error("Kan de meegeleverde gegevens niet klaarzetten in ${target.path}")
        }
        return target
    }
}
