// JVM tests of the shell layer against the real native library and a store built from the
// real content: what the Android app does with what the core gives it.
package nl.palliwijzer.shell

import java.io.File
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import uniffi.palliwijzer.CoreException
import uniffi.palliwijzer.Palliwijzer
import uniffi.palliwijzer.SyncStatus

class ShellTest {
    private val store: String = System.getProperty("palliwijzer.store") ?: error("run with -Dpalliwijzer.store=FILE")

    @Test
    fun theNationalLineBecomesADialEffectWithTheCoresTelUri() {
        Palliwijzer.open(store).use { p ->
            val row = p.wieBelIk("noord-holland-zuid").groups.first().rows.first { it.id == "consultatie-palliatieve-zorg" }
            assertEquals(Effect.Dial("tel:+31886051444"), Effects.dial(row.actions))
            val website = row.actions.first { it.uri.startsWith("https://") }
            assertEquals(Effect.Open(website.uri), Effects.of(website))
        }
    }

    @Test
    fun aRowWithoutANumberGivesNoDialEffect() {
        Palliwijzer.open(store).use { p ->
            val own = p.contact("eigen-zorgverleners")
            assertNull(Effects.dial(own.actions))
        }
    }

    @Test
    fun sharingADocumentUsesItsStableWebAddress() {
        Palliwijzer.open(store).use { p ->
            val share = Effects.share(p.document("levenswensenkaart"), "https://palliwijzer.example/")
            assertEquals("https://palliwijzer.example/documenten/levenswensenkaart", share.url)
            assertEquals("Levenswensenkaart", share.title)
        }
    }

    @Test
    fun theBundledSnapshotIsCopiedOnceAndWhole() {
        val dir = kotlin.io.path.createTempDirectory("palliwijzer").toFile()
        val target = File(dir, "palliwijzer.sqlite")
        var opened = 0
        val bundled = { opened++; File(store).inputStream() }
        Snapshot.ensure(target, bundled)
        Snapshot.ensure(target, bundled)
        assertEquals(1, opened)
        assertEquals(File(store).length(), target.length())
        assertFalse(File(dir, "palliwijzer.sqlite.kopie").exists())
        Palliwijzer.open(target.path).use { assertTrue(it.syncStatus().bundled) }
        dir.deleteRecursively()
    }

    @Test
    fun aCopyMadeByAnOlderAppVersionIsReplacedByTheBundledSnapshot() {
        val dir = kotlin.io.path.createTempDirectory("palliwijzer").toFile()
        val target = File(dir, "palliwijzer.sqlite")
        // An older app's copy: the same file with schema version 4 in the SQLite header
        // (user_version, 4 bytes big-endian at offset 60).
        val old = File(store).readBytes()
        old[60] = 0; old[61] = 0; old[62] = 0; old[63] = 4
        target.writeBytes(old)
        try {
            Palliwijzer.open(target.path).close()
            error("the core should refuse the older copy")
        } catch (e: CoreException.StoreOutdated) {
            assertTrue(Messages.of(e).contains("meegeleverde gegevens opnieuw"))
        }
        var copied = 0
        Snapshot.open(target, { copied++; File(store).inputStream() }) { Palliwijzer.open(it) }.use { p ->
            assertEquals(1, copied)
            assertTrue(p.wieBelIk("noord-holland-zuid").groups.isNotEmpty())
        }
        dir.deleteRecursively()
    }

    @Test
    fun syncIsDueForBundledContentAfterTheIntervalAndSoonerAfterAFailure() {
        val bundled = SyncStatus("Meegeleverde inhoud", null, 0uL, true)
        val synced = SyncStatus("Bijgewerkt", null, 42uL, false)
        val now = 1_800_000_000L
        assertTrue(SyncPolicy.due(bundled, null, false, now))
        assertTrue(SyncPolicy.due(bundled, now - 60, false, now))
        assertFalse(SyncPolicy.due(synced, now - 3600, false, now))
        assertTrue(SyncPolicy.due(synced, now - 7 * 3600, false, now))
        assertFalse(SyncPolicy.due(synced, now - 60, true, now))
        assertTrue(SyncPolicy.due(synced, now - 20 * 60, true, now))
        assertTrue(SyncPolicy.due(synced, now + 3600, false, now))
    }

    @Test
    fun coreErrorsKeepTheirDutchMessageAndOthersGetACalmOne() {
        val e = try {
            Palliwijzer.open("/nonexistent/x.sqlite")
            null
        } catch (x: CoreException) {
            x
        }
        assertTrue(Messages.of(e!!).contains("niet gevonden"))
        assertEquals(Messages.GENERAL, Messages.of(IllegalStateException("stack trace details")))
    }
}
