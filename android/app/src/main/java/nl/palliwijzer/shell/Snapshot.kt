// The content database shipped inside the app: copied once to the app's files so the app
// works on first launch without a network; sync updates the copy afterwards.
package nl.palliwijzer.shell

import java.io.File
import java.io.InputStream
import uniffi.palliwijzer.CoreException

object Snapshot {
    /**
     * Returns [target], copying the bundled snapshot there first when it is missing. The copy
     * is written next to it and renamed: a crash during the copy leaves no half file.
     */
    fun ensure(target: File, bundled: () -> InputStream): File {
        if (target.isFile && target.length() > 0) return target
        return restore(target, bundled)
    }

    /**
     * Opens the copy at [target] with [open]. When the core says the copy was made by an older
     * app version (it cannot read that content) or is no store at all (damaged), the bundled
     * snapshot replaces it and is opened instead; sync brings it up to date afterwards.
     */
    fun <T> open(target: File, bundled: () -> InputStream, open: (String) -> T): T {
        ensure(target, bundled)
        return try {
            open(target.path)
        } catch (e: CoreException.StoreOutdated) {
            open(restore(target, bundled).path)
        } catch (e: CoreException.NotAStore) {
            open(restore(target, bundled).path)
        }
    }

    /** Puts the bundled snapshot in place of [target] (the way forward from a damaged copy). */
    fun restore(target: File, bundled: () -> InputStream): File {
        target.parentFile?.mkdirs()
        val partial = File(target.parentFile, target.name + ".kopie")
        bundled().use { input -> partial.outputStream().use { input.copyTo(it) } }
        for (side in listOf("-wal", "-shm")) File(target.path + side).delete()
        if (!partial.renameTo(target)) {
            partial.delete()
            throw java.io.IOException("rename ${partial.path} -> ${target.path} failed")
        }
        return target
    }
}
