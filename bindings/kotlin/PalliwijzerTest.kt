// JVM tests of the generated Kotlin bindings against the real native library and a store
// built from the real content: what an Android shell will receive, checked before any UI.
package palliwijzer

import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertThrows
import org.junit.Assert.assertTrue
import org.junit.Test
import uniffi.palliwijzer.ActionKind
import uniffi.palliwijzer.CoreException
import uniffi.palliwijzer.NowStatus
import uniffi.palliwijzer.Palliwijzer
import uniffi.palliwijzer.Role

class PalliwijzerTest {
    private val store: String = System.getProperty("palliwijzer.store") ?: error("run with -Dpalliwijzer.store=FILE")

    @Test
    fun theZorgpadPhaseForTheHuisartsArrivesReadyToDraw() {
        Palliwijzer.open(store).use { p ->
            val phase = p.phase("noord-holland-zuid", "markeren", Role.HUISARTS)
            assertEquals("Fase 2 van 9", phase.position)
            assertEquals("Wat doet de huisarts?", phase.actionsHeading)
            assertTrue(phase.actions.isNotEmpty())
            assertEquals(Role.HUISARTS, phase.roles.single { it.selected }.role)
            assertEquals("signaleren", phase.previous?.id)
            val nurse = p.phase("noord-holland-zuid", "markeren", Role.WIJKVERPLEEGKUNDIGE)
            assertEquals("Wat doet de wijkverpleegkundige?", nurse.actionsHeading)
        }
    }

    @Test
    fun wieBelIkGivesTheNationalLineAsATelUri() {
        Palliwijzer.open(store).use { p ->
            val view = p.wieBelIk("noord-holland-zuid")
            val line = view.groups.first().rows.first { it.id == "consultatie-palliatieve-zorg" }
            val call = line.actions.first { it.kind == ActionKind.CALL }
            assertEquals("tel:+31886051444", call.uri)
            assertEquals("Bel 088 605 1444", call.label)
            assertTrue(line.sourceLine, line.sourceLine.contains("gecontroleerd op"))
        }
    }

    @Test
    fun aPostcodeFindsItsRegion() {
        Palliwijzer.open(store).use { p ->
            val found = p.findRegion("2031 AB")
            assertEquals("noord-holland-zuid", found.matches.single().id)
            val bad = p.findRegion("20x1")
            assertTrue(bad.matches.isEmpty())
            assertTrue(bad.message, bad.message.contains("geen postcode"))
        }
    }

    @Test
    fun theBeslisboomStartsWithTheCentralCaregiverQuestion() {
        Palliwijzer.open(store).use { p ->
            val start = p.beslisboom("noord-holland-zuid", null)
            assertEquals("Is er een centrale zorgverlener?", start.heading)
            assertNull(start.back)
            val next = p.beslisboom("noord-holland-zuid", start.answers.first().next)
            assertEquals(start.nodeId, next.back)
        }
    }

    @Test
    fun errorsArriveWithAMessageTheUserCanActOn() {
        val missing = assertThrows(CoreException.StoreMissing::class.java) {
            Palliwijzer.open("/nonexistent/palliwijzer.sqlite")
        }
        assertTrue(missing.message ?: "", (missing.message ?: "").contains("niet gevonden"))
        Palliwijzer.open(store).use { p ->
            val e = assertThrows(CoreException.NotFound::class.java) { p.document("bestaat-niet") }
            assertTrue(e.message ?: "", (e.message ?: "").contains("bestaat niet"))
        }
    }

    @Test
    fun searchForgivesATypoAndNowPutsTheLinesOfTheNightFirst() {
        Palliwijzer.open(store).use { p ->
            val found = p.search("hosipce", "noord-holland-zuid")
            val best = found.groups.flatMap { it.results }.minByOrNull { it.rank }
            assertTrue(found.message, best?.title?.lowercase()?.contains("hospice") == true)
            // Christmas night, 03:00 in Amsterdam.
            val now = p.wieBelIkNu("noord-holland-zuid", 1798164000L)
            assertTrue(now.outOfHours)
            assertEquals(NowStatus.OPEN, now.rows.first().status)
            assertEquals("consultatie-palliatieve-zorg", now.rows.first().contact.id)
        }
    }

    @Test
    fun aBundledStoreSaysSoAndARefusedSyncKeepsTheContent() {
        Palliwijzer.open(store).use { p ->
            val before = p.contentHash()
            assertTrue(p.syncStatus().bundled)
            // Nothing listens on this port: offline, refused politely, content unchanged.
            val e = assertThrows(CoreException.SyncRefused::class.java) {
                p.sync("http://127.0.0.1:9/sync", "00".repeat(32))
            }
            assertTrue(e.message ?: "", (e.message ?: "").contains("De vorige inhoud blijft in gebruik"))
            assertEquals(before, p.contentHash())
        }
    }

    @Test
    fun documentsArriveAsSanitizedHtml() {
        Palliwijzer.open(store).use { p ->
            val doc = p.document("levenswensenkaart")
            assertEquals("A5", doc.paper)
            assertTrue(doc.html.isNotBlank())
            assertTrue(!doc.html.contains("<script"))
        }
    }
}
