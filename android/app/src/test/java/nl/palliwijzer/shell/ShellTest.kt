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
import uniffi.palliwijzer.AppConfig
import uniffi.palliwijzer.Paper
import uniffi.palliwijzer.shellText

class ShellTest {
    private val store: String = System.getProperty("palliwijzer.store") ?: error("run with -Dpalliwijzer.store=FILE")
    private val config = AppConfig("https://palliwijzer.example/", "http://127.0.0.1:9/feed", "http://127.0.0.1:9/sync", "00".repeat(32))

    @Test
    fun theNationalLineBecomesADialEffectWithTheCoresTelUri() {
        Palliwijzer.open(store, config).use { p ->
            val row = p.wieBelIk("noord-holland-zuid").groups.first().rows.first { it.id == "consultatie-palliatieve-zorg" }
            assertEquals(Effect.Dial("tel:+31886051444"), Effects.dial(row.actions))
            val website = row.actions.first { it.uri.startsWith("https://") }
            assertEquals(Effect.Open(website.uri), Effects.of(website))
        }
    }

    @Test
    fun aRowWithoutANumberGivesNoDialEffect() {
        Palliwijzer.open(store, config).use { p ->
            val own = p.contact("eigen-zorgverleners")
            assertNull(Effects.dial(own.actions))
        }
    }

    @Test
    fun sharingADocumentUsesTheAddressTheCoreMadeAndPrintingItsPaper() {
        Palliwijzer.open(store, config).use { p ->
            val document = p.document("levenswensenkaart")
            val share = Effects.share(document)!!
            assertEquals("https://palliwijzer.example/documenten/levenswensenkaart", share.url)
            assertEquals("Levenswensenkaart", share.title)
            assertEquals(Paper.A5, Effects.print(document).paper)
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
        Palliwijzer.open(target.path, config).use { assertTrue(it.syncStatus().bundled) }
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
            Palliwijzer.open(target.path, config).close()
            error("the core should refuse the older copy")
        } catch (e: CoreException.StoreOutdated) {
            assertTrue(Messages.of(e).contains("meegeleverde gegevens opnieuw"))
        }
        var copied = 0
        Snapshot.open(target, { copied++; File(store).inputStream() }) { Palliwijzer.open(it, config) }.use { p ->
            assertEquals(1, copied)
            assertTrue(p.wieBelIk("noord-holland-zuid").groups.isNotEmpty())
        }
        dir.deleteRecursively()
    }

    @Test
    fun aCopyThatIsNoStoreIsLeftUntouchedByTheCoreAndReplacedByTheBundledSnapshot() {
        val dir = kotlin.io.path.createTempDirectory("palliwijzer").toFile()
        val target = File(dir, "palliwijzer.sqlite")
        // Another program's database: an SQLite file without Palliwijzer's schema version.
        val foreign = File(store).readBytes()
        foreign[60] = 0; foreign[61] = 0; foreign[62] = 0; foreign[63] = 0
        target.writeBytes(foreign)
        try {
            Palliwijzer.open(target.path, config).close()
            error("the core should refuse a file that is no store")
        } catch (e: CoreException.NotAStore) {
            assertTrue(Messages.of(e).contains("geen gegevensbestand van Palliwijzer"))
        }
        assertTrue("the core wrote nothing into it", target.readBytes().contentEquals(foreign))
        var copied = 0
        Snapshot.open(target, { copied++; File(store).inputStream() }) { Palliwijzer.open(it, config) }.use { p ->
            assertEquals(1, copied)
            assertTrue(p.wieBelIk("noord-holland-zuid").groups.isNotEmpty())
        }
        dir.deleteRecursively()
    }

    @Test
    fun coreErrorsKeepTheirDutchMessageAndOthersGetACalmOne() {
        val e = try {
            Palliwijzer.open("/nonexistent/x.sqlite", config)
            null
        } catch (x: CoreException) {
            x
        }
        assertTrue(Messages.of(e!!).contains("niet gevonden"))
        val calm = Messages.of(IllegalStateException("stack trace details"))
        assertEquals(shellText().generalError, calm)
        assertFalse(calm.contains("stack trace"))
    }
}
