// The users' journeys through the real Compose screens (nl.palliwijzer.ui, the same code the
// Android app draws) on the desktop JVM, against the real native library and stores built from
// the real content (and, for VOORBEELD marks, the demo fixture). Each screen is captured at
// phone size (360x800 dp) under target/screenshots/android/.
package nl.palliwijzer.ui

import androidx.compose.material3.Text
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.toAwtImage
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.semantics.getOrNull
import androidx.compose.ui.test.ComposeUiTest
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SemanticsMatcher
import androidx.compose.ui.test.SemanticsNodeInteraction
import androidx.compose.ui.test.assertIsFocused
import androidx.compose.ui.test.captureToImage
import androidx.compose.ui.test.hasTestTag
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.isHeading
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.onRoot
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollToNode
import androidx.compose.ui.test.performTextClearance
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.test.v2.runSkikoComposeUiTest
import androidx.compose.ui.unit.Density
import com.sun.net.httpserver.HttpServer
import java.io.File
import java.net.InetSocketAddress
import java.time.Instant
import java.time.temporal.ChronoUnit
import javax.imageio.ImageIO
import nl.palliwijzer.shell.Effect
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import uniffi.palliwijzer.AppConfig
import uniffi.palliwijzer.CoreException
import uniffi.palliwijzer.Destination
import uniffi.palliwijzer.Role
import uniffi.palliwijzer.Paper
import uniffi.palliwijzer.Palliwijzer
import uniffi.palliwijzer.reportForm
import uniffi.palliwijzer.shellText

@OptIn(ExperimentalTestApi::class)
class JourneysTest {
    private val realStore = System.getProperty("palliwijzer.store") ?: error("run with -Dpalliwijzer.store=FILE")
    private val demoStore = System.getProperty("palliwijzer.demo") ?: error("run with -Dpalliwijzer.demo=FILE")
    private val shots = File(System.getProperty("palliwijzer.shots") ?: "target/screenshots/android").also { it.mkdirs() }

    private fun config(
        feed: String = "http://127.0.0.1:9/feed",
        sync: String = "http://127.0.0.1:9/sync",
        site: String = "https://palliwijzer.example",
    ) = AppConfig(siteUrl = site, feedUrl = feed, syncUrl = sync, rootKeyHex = "00".repeat(32))

    /** A copy of a store, so a test that writes (sync, feed) leaves the others alone. */
    private fun copy(store: String): String {
        val f = File.createTempFile("palliwijzer", ".sqlite")
        File(store).copyTo(f, overwrite = true)
        return f.path
    }

    /** A loopback HTTP server answering `path` with `body`, 200. */
    private fun serve(path: String, type: String, body: String): HttpServer =
        HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0).apply {
            createContext(path) { ex ->
                val bytes = body.toByteArray()
                ex.responseHeaders.add("Content-Type", type)
                ex.sendResponseHeaders(200, bytes.size.toLong())
                ex.responseBody.use { it.write(bytes) }
            }
            start()
        }

    private val effects = mutableListOf<Effect>()
    private val regions = mutableListOf<String>()

    /** Monday 30 November 2026, 23:00 in the Netherlands: the GP's house visit at night. */
    private val mondayNight = Instant.parse("2026-11-30T22:00:00Z").epochSecond

    private fun platform(moment: Long? = mondayNight) = Platform(
        perform = { effects.add(it) },
        regionChosen = { regions.add(it) },
        moment = { moment },
    )

    private fun phone(block: ComposeUiTest.() -> Unit) =
        runSkikoComposeUiTest(size = Size(720f, 1600f), density = Density(2f)) { block() }

    private fun ComposeUiTest.shot(name: String) {
        waitForIdle()
        ImageIO.write(onRoot().captureToImage().toAwtImage(), "png", File(shots, "$name.png"))
    }

    /** Waits until the core's answer is drawn (calls run off the main thread). */
    private fun ComposeUiTest.waitForText(text: String, substring: Boolean = true) {
        waitUntil(timeoutMillis = 10_000) { onAllNodesWithText(text, substring = substring).fetchSemanticsNodes().isNotEmpty() }
    }

    /** Scrolls the page to a node with this text and returns it. */
    private fun ComposeUiTest.find(text: String): SemanticsNodeInteraction {
        waitUntil(timeoutMillis = 10_000) { onAllNodes(hasTestTag("pagina")).fetchSemanticsNodes().isNotEmpty() }
        onNodeWithTag("pagina").performScrollToNode(hasText(text, substring = true))
        return onAllNodesWithText(text, substring = true).onFirst()
    }

    private fun androidx.compose.ui.test.SemanticsNodeInteractionCollection.onFirst() = this[0]

    /** Scrolls the page to the node with this tag and returns it. */
    private fun ComposeUiTest.tagged(tag: String): SemanticsNodeInteraction {
        waitUntil(timeoutMillis = 10_000) { onAllNodes(hasTestTag(tag)).fetchSemanticsNodes().isNotEmpty() }
        onNodeWithTag("pagina").performScrollToNode(hasTestTag(tag))
        return onNodeWithTag(tag)
    }

    /** What a text field holds now. */
    private fun SemanticsNodeInteraction.typed(): String =
        fetchSemanticsNode().config[SemanticsProperties.EditableText].text

    /** A tapped result opened `d`: a web page through the platform, any other in the app. */
    private fun ComposeUiTest.assertOpened(d: Destination, nav: Navigator) {
        waitForIdle()
        when (d) {
            is Destination.Web -> assertEquals(Effect.Open(d.url), effects.last())
            else -> assertEquals(d, nav.current)
        }
    }

    @Test
    fun theGpFindsTheRegionByPostcodeAndCallsTheHuisartsenpostAtNight() {
        Palliwijzer.open(realStore, config()).use { core ->
            val nav = Navigator(Destination.Regions)
            phone {
                setContent { PalliwijzerTheme { App(core, nav, platform()) } }
                waitForText("Kies uw regio")
                shot("01-regio-kiezen")
                onNodeWithTag("regio-zoeken").performTextInput("2031")
                waitForText("Postcode 2031 ligt in")
                shot("02-postcode-2031")
                onNodeWithText("Noord-Holland Zuid").performClick()
                waitForText("Wie bel ik nu?")
                assertEquals(listOf("noord-holland-zuid"), regions)
                shot("03-regio-start")
                onNodeWithText("Wie bel ik nu?").performClick()
                waitForText("Volgorde berekend voor")
                // The moment is said once, in that line: no second "maandag 30 november 2026, 23:00".
                val moment = Regex("""\d{4}, \d\d:\d\d""")
                val said = onAllNodes(SemanticsMatcher("says the moment") { node ->
                    node.config.getOrNull(SemanticsProperties.Text).orEmpty().any { moment.containsMatchIn(it.text) }
                }).fetchSemanticsNodes()
                assertEquals(0, said.size)
                waitForText("maandag 30 november 2026 om 23:00")
                shot("04-wie-bel-ik-nu")
                // At night the post is on top, open until 08:00: its number is the first to call.
                waitForText("Nu bereikbaar, tot morgen om 08:00")
                val calls = onAllNodesWithText("Bel ", substring = true).fetchSemanticsNodes()
                    .map { n -> n.config.getOrNull(SemanticsProperties.Text).orEmpty().joinToString { it.text } }
                assertEquals("Bel 023 224 2526", calls.first())
                find("Spoedpost")
                val call = find("Bel 023 224 2526")
                call.performClick()
                assertEquals(Effect.Dial("tel:+31232242526"), effects.last())
                // The consultation line is there too, day and night.
                find("Bel 088 605 1444").performClick()
                assertEquals(Effect.Dial("tel:+31886051444"), effects.last())
            }
        }
    }

    @Test
    fun thePostcodeOfEindhovenFindsZuidoostBrabantAndOneOutsideGetsTheNationalLine() {
        Palliwijzer.open(realStore, config()).use { core ->
            phone {
                setContent { PalliwijzerTheme { App(core, Navigator(Destination.Regions), platform()) } }
                waitForText("Kies uw regio")
                // Typed a key at a time, as on a phone: the field stays, with the focus (and so
                // the keyboard), while each answer is worked out.
                for (key in "5611") {
                    onNodeWithTag("regio-zoeken").performTextInput(key.toString())
                    onNodeWithTag("regio-zoeken").assertIsFocused()
                }
                assertEquals("5611", onNodeWithTag("regio-zoeken").typed())
                waitForText("Zuidoost-Brabant")
                shot("05-postcode-5611")
                onNodeWithTag("regio-zoeken").performTextClearance()
                onNodeWithTag("regio-zoeken").performTextInput("9999")
                waitForText("valt (nog) niet")
                shot("06-postcode-buiten-regio")
                // Not a dead end: the national line can be called from here.
                find("Bel 088 605 1444").performClick()
                assertEquals(Effect.Dial("tel:+31886051444"), effects.last())
                // The town, not the municipality: Bussum lies in Gooise Meren.
                onNodeWithTag("regio-zoeken").performTextClearance()
                onNodeWithTag("regio-zoeken").performTextInput("Bussum")
                waitForText("Bussum ligt in de gemeente Gooise Meren, regio Gooi en Vechtstreek.")
                onAllNodesWithText("Gooi en Vechtstreek", substring = false)[0].performClick()
                assertEquals(listOf("gooi-en-vechtstreek"), regions)
            }
        }
    }

    @Test
    fun theNurseSeesWhichHospiceHasABedHowOldThatIsAndCallsIt() {
        val updated = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
        val stale = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
        val feed = """{"server_tijd":"${Instant.now().truncatedTo(ChronoUnit.SECONDS)}","regio":null,"voorzieningen":[
            {"id":"voorbeeld-hospice-met-nummer","naam":"Voorbeeldhospice De Linde","soort":"Hospice","plaats":"Voorbeeldstad",
             "regio":"voorbeeldregio","capaciteit":7,"status":"plek-vrij","vrije_bedden":2,"notitie":"Opname binnen een dag",
             "bijgewerkt_op":"$updated","voorbeeld":true},
            {"id":"voorbeeld-bijna-thuis-huis","naam":"Voorbeeld bijna-thuis-huis Het Anker","soort":"Bijna-thuis-huis",
             "plaats":"Voorbeeldstad","regio":"voorbeeldregio","capaciteit":3,"status":"plek-vrij","vrije_bedden":1,
             "bijgewerkt_op":"$stale","voorbeeld":true}]}"""
        val server = serve("/feed", "application/json", feed)
        try {
            val url = "http://127.0.0.1:${server.address.port}/feed"
            Palliwijzer.open(copy(demoStore), config(feed = url)).use { core ->
                phone {
                    setContent { PalliwijzerTheme { App(core, Navigator(Destination.Hospices("voorbeeldregio")), platform()) } }
                    waitForText("Plek vrij")
                    shot("07-hospice-met-plek")
                    find("VOORBEELD")
                    find("Plek vrij · 2 van 7 bedden vrij")
                    find("2 uur geleden bijgewerkt")
                    find("Notitie van de coördinator: Opname binnen een dag")
                    find("Bel 020 123 4567 (VOORBEELD)").performClick()
                    assertEquals(Effect.Dial("tel:+31201234567"), effects.last())
                    // A free bed reported three days ago is not offered as a free bed: it says so.
                    find("Het Anker")
                    find("Mogelijk verouderd: langer dan 24 uur niet bijgewerkt")
                    // The place without its own number offers the consultation line, said as such.
                    find("(consultatie palliatieve zorg)").performClick()
                    assertEquals(Effect.Dial("tel:+31886051444"), effects.last())
                    shot("08-hospice-zonder-nummer")
                }
            }
        } finally {
            server.stop(0)
        }
    }

    @Test
    fun withoutAFeedTheHospiceListSaysSoAndStillOffersANumber() {
        Palliwijzer.open(copy(realStore), config()).use { core ->
            phone {
                setContent { PalliwijzerTheme { App(core, Navigator(Destination.Hospices("noord-holland-zuid")), platform()) } }
                waitForText("Geen actuele plekken")
                shot("09-hospices-offline")
                find("Beschikbaarheid onbekend")
                find("(consultatie palliatieve zorg)")
            }
        }
    }

    @Test
    fun aRegionWithNoHospiceInTheContentOffersTheConsultationLineToCall() {
        Palliwijzer.open(copy(realStore), config()).use { core ->
            phone {
                setContent { PalliwijzerTheme { App(core, Navigator(Destination.Hospices("zuidoost-brabant")), platform()) } }
                waitForText("nog geen hospices")
                // No figures to be fresh or stale: nothing about their age or a connection.
                assertEquals(0, onAllNodesWithText("Geen actuele plekken", substring = true).fetchSemanticsNodes().size)
                assertEquals(0, onAllNodesWithText("elke regel", substring = true).fetchSemanticsNodes().size)
                find("Bel 088 605 1444 (consultatie palliatieve zorg)").performClick()
                assertEquals(Effect.Dial("tel:+31886051444"), effects.last())
                shot("09b-hospices-geen-bron")
            }
        }
    }

    @Test
    fun theBeslisboomEndsInANumberToCall() {
        Palliwijzer.open(realStore, config()).use { core ->
            phone {
                setContent { PalliwijzerTheme { App(core, Navigator(Destination.Beslisboom("noord-holland-zuid", null)), platform()) } }
                waitForText("Is er een centrale zorgverlener?")
                shot("10-beslisboom-vraag")
                // Always the first answer, until an end.
                var node = core.beslisboom("noord-holland-zuid", null)
                while (node.end == null) {
                    val answer = node.answers.first()
                    find(answer.label).performClick()
                    node = core.beslisboom("noord-holland-zuid", answer.next)
                    waitForText(node.heading)
                }
                shot("11-beslisboom-einde")
                val call = find("Bel 0")
                call.performClick()
                assertTrue("${effects.last()}", (effects.last() as Effect.Dial).uri.startsWith("tel:+31"))
            }
        }
    }

    @Test
    fun thePracticeNurseSharesAndPrintsTheLevenswensenkaart() {
        Palliwijzer.open(realStore, config()).use { core ->
            phone {
                setContent { PalliwijzerTheme { App(core, Navigator(Destination.Documents), platform()) } }
                waitForText("Levenswensenkaart")
                // The list says whom each document is for: the POH picks what goes to the patient.
                find("Levenswensenkaart · A5 · voor Patiënt en naasten")
                shot("12-documenten")
                find("Levenswensenkaart").performClick()
                waitForText(shellText().print)
                shot("13-levenswensenkaart")
                // The card itself, drawn natively: its heading, and the questions with their numbers.
                find("Vragen om over na te denken")
                find("Wat maakt uw leven nu de moeite waard?")
                onNodeWithText("1.").assertExists()
                find("Neem de kaart mee naar het gesprek.")
                shot("13b-levenswensenkaart-vragen")
                onNodeWithTag("pagina").performScrollToNode(hasText(shellText().print))
                onNodeWithText(shellText().share).performClick()
                val share = effects.last() as Effect.Share
                assertEquals("https://palliwijzer.example/documenten/levenswensenkaart", share.url)
                onNodeWithText(shellText().print).performClick()
                val print = effects.last() as Effect.Print
                assertEquals(Paper.A5, print.paper)
                assertTrue(print.html.isNotBlank())
            }
        }
    }

    @Test
    fun aZorgpadPhaseAndATopicShowTheirWholeTextAsTheWebsiteDoes() {
        Palliwijzer.open(realStore, config()).use { core ->
            phone {
                val nav = Navigator(Destination.Phase("noord-holland-zuid", "signaleren", Role.HUISARTS))
                setContent { PalliwijzerTheme { App(core, nav, platform()) } }
                waitForText("Signaleren")
                // The page title and the body's own headings are headings for TalkBack.
                onNode(isHeading() and hasText("Signaleren")).assertExists()
                // The text below the fields, which only the website used to show.
                find("Hulp bij signaleren")
                onNode(isHeading() and hasText("Hulp bij signaleren")).assertExists()
                find("surprise question")
                shot("20-fase-signaleren")
                // A role chip shows the same phase for another role, in place: Back still leaves
                // the phase instead of stepping through the roles.
                val depth = nav.stack.size
                onNodeWithTag("pagina").performScrollToNode(hasText("Wijkverpleegkundige"))
                onAllNodesWithText("Wijkverpleegkundige", substring = false)[0].performClick()
                waitForText("Wat doet de wijkverpleegkundige?")
                assertEquals(Destination.Phase("noord-holland-zuid", "signaleren", Role.WIJKVERPLEEGKUNDIGE), nav.current)
                assertEquals(depth, nav.stack.size)
                onAllNodesWithText("Huisarts", substring = false)[0].performClick()
                waitForText("Wat doet de huisarts?")
                assertEquals(depth, nav.stack.size)
                // "In de app leest u hoe ...": the hulpmiddel without a web page opens its topic.
                onNodeWithTag("pagina").performScrollToNode(hasText("Surprise question"))
                onAllNodesWithText("Surprise question")[0].performClick()
                waitForIdle()
                assertEquals(Destination.Topic("noord-holland-zuid", "onderwerp-surprise-question"), nav.current)
                find("Als het antwoord nee is")
                shot("20b-onderwerp-surprise-question")
                runOnIdle { nav.go(Destination.Topic("noord-holland-zuid", "onderwerp-patz")) }
                waitForText("PaTz")
                find("In de regio")
                find("Kijk op www.patz.nu.")
                shot("21-onderwerp-patz")
            }
        }
    }

    @Test
    fun thePohNarrowsTheHulpmiddelenToThoseForPatients() {
        Palliwijzer.open(realStore, config()).use { core ->
            phone {
                setContent { PalliwijzerTheme { App(core, Navigator(Destination.Hulpmiddelen("noord-holland-zuid")), platform()) } }
                val all = core.hulpmiddelen("noord-holland-zuid", null, null)
                waitForText(all.countLine, substring = false)
                val forPatients = core.hulpmiddelen("noord-holland-zuid", null, "patient")
                assertTrue(forPatients.countLine != all.countLine)
                // The chips scroll sideways, one line under their label.
                onNodeWithTag("filter-voor").performScrollToNode(hasText("Patiënt en naasten"))
                onNodeWithText("Patiënt en naasten").performClick()
                waitForText(forPatients.countLine, substring = false)
                shot("22-hulpmiddelen-voor-patient")
                // Every row left is one the core lists for patients; a phase narrows it further.
                forPatients.groups.flatMap { it.items }.forEach { h -> assertTrue(h.audience.contains("Patiënt en naasten")) }
                val phase = forPatients.phaseFilter.first { it.value.isNotEmpty() }
                onNodeWithTag("filter-fase").performScrollToNode(hasText(phase.label))
                onAllNodesWithText(phase.label).onFirst().performClick()
                val narrowed = core.hulpmiddelen("noord-holland-zuid", phase.value, "patient")
                waitForText(narrowed.countLine, substring = false)
                // Nothing for patients in this phase: said so, with a wider choice to tap.
                assertTrue(narrowed.countLine, narrowed.countLine.startsWith("Geen hulpmiddelen voor Patiënt en naasten"))
                val wider = narrowed.widen.first()
                onNodeWithTag("pagina").performScrollToNode(hasText(wider.label))
                shot("22b-hulpmiddelen-niets-voor-patient")
                onNodeWithText(wider.label).performClick()
                waitForText(forPatients.countLine, substring = false)
            }
        }
    }

    @Test
    fun theGpSearchesAMedicineAndFindsTheGuidelineBeforeWhatOnlyMentionsIt() {
        Palliwijzer.open(realStore, config()).use { core ->
            val nav = Navigator(Destination.Search("noord-holland-zuid"))
            phone {
                setContent { PalliwijzerTheme { App(core, nav, platform()) } }
                onNodeWithTag("zoeken").performTextInput("morf")
                waitForText("resultaten voor 'morf'")
                onNodeWithTag("zoeken").performTextInput("ine")
                waitForText("resultaten voor 'morfine'")
                val view = core.search("morfine", "noord-holland-zuid")
                assertTrue(view.mentions.isNotEmpty())
                val guideline = view.groups.flatMap { it.results }.first { it.title.startsWith("Richtlijn Pijn") }
                // Drawn above the heading over what only mentions morfine.
                val top = { t: String -> onAllNodesWithText(t)[0].fetchSemanticsNode().boundsInRoot.top }
                waitForText(view.mentionsHeading)
                assertTrue(top(guideline.title) < top(view.mentionsHeading))
                shot("14b-zoeken-morfine")
                onAllNodesWithText(guideline.title)[0].performClick()
                assertOpened(guideline.destination, nav)
            }
        }
    }

    @Test
    fun searchForgivesATypoAndOpensTheResult() {
        Palliwijzer.open(realStore, config()).use { core ->
            val nav = Navigator(Destination.Search("noord-holland-zuid"))
            phone {
                setContent { PalliwijzerTheme { App(core, nav, platform()) } }
                onNodeWithTag("zoeken").performTextInput("hosipce")
                waitForText("resultaten voor")
                shot("14-zoeken-typfout")
                val best = core.search("hosipce", "noord-holland-zuid").groups.flatMap { it.results }.minBy { it.rank }
                assertTrue(best.title, best.title.lowercase().contains("hospice"))
                onAllNodesWithText(best.title)[0].performClick()
                assertOpened(best.destination, nav)
            }
        }
    }

    @Test
    fun aRefusedUpdateIsShownOnTheSyncScreenAndTheContentStays() {
        val server = serve("/sync/keys.json", "application/json", "dit is geen sleutellijst")
        try {
            val url = "http://127.0.0.1:${server.address.port}/sync"
            val store = copy(realStore)
            Palliwijzer.open(store, config(sync = url)).use { core ->
                val before = core.contentHash()
                phone {
                    setContent { PalliwijzerTheme { App(core, Navigator(Destination.Sync), platform()) } }
                    waitForText(shellText().syncNow)
                    onNodeWithText(shellText().syncNow).performClick()
                    waitForText("Update geweigerd")
                    // The shipped copy says how old it is, in the core's words.
                    onNodeWithText(core.syncStatus().line).assertExists()
                    assertTrue(core.syncStatus().line.startsWith("Meegeleverde inhoud (nieuwste controle: "))
                    shot("15-sync-geweigerd")
                    // The file itself damaged under the app: the core's Dutch message on the
                    // screen, not silence (the open screen keeps reading its own connection).
                    val junk = File("$store.kapot").apply { writeText("geen database") }
                    java.nio.file.Files.move(junk.toPath(), File(store).toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING)
                    onNodeWithText(shellText().syncNow).performClick()
                    waitUntil(timeoutMillis = 10_000) { onAllNodes(hasTestTag("sync-fout")).fetchSemanticsNodes().isNotEmpty() }
                    val said = onNodeWithTag("sync-fout").fetchSemanticsNode().config[SemanticsProperties.Text].joinToString { it.text }
                    assertTrue(said, said.isNotBlank() && !said.contains("Exception"))
                    shot("15b-sync-fout")
                }
                assertEquals(before, core.contentHash())
                assertTrue(core.syncStatus().problem ?: "", (core.syncStatus().problem ?: "").startsWith("Update geweigerd"))
            }
        } finally {
            server.stop(0)
        }
    }

    @Test
    fun aMissingStoreGetsADutchErrorScreenWithAWayForward() {
        val message = try {
            Palliwijzer.open("/nonexistent/palliwijzer.sqlite", config())
            error("the core should refuse a missing store")
        } catch (e: CoreException) {
            nl.palliwijzer.shell.Messages.of(e)
        }
        var restored = 0
        phone {
            setContent { PalliwijzerTheme { StoreProblem(message) { restored++ } } }
            waitForText(shellText().storeProblemTitle)
            onNodeWithText("niet gevonden", substring = true).assertExists()
            shot("16-gegevens-ontbreken")
            onNodeWithText(shellText().restoreBundled).performClick()
        }
        assertEquals(1, restored)
    }

    @Test
    fun aGpReportsAWrongNumberOfflineAndItIsKeptOnTheDevice() {
        val form = reportForm()
        // Nothing listens at this site: the report cannot go now.
        Palliwijzer.open(copy(realStore), config(site = "http://127.0.0.1:9")).use { core ->
            val name = core.contact("nhz-huisartsenpost").name
            phone {
                setContent { PalliwijzerTheme { App(core, Navigator(Destination.Contact("noord-holland-zuid", "nhz-huisartsenpost")), platform()) } }
                waitForText(name)
                find(form.title).performClick()
                waitForText(form.whatLabel)
                tagged("melding-versturen")
                shot("17-melding-formulier")
                onNodeWithText(form.privacy).assertExists()
                // The field takes no more than the core allows.
                tagged("melding-bereik").performTextInput("x".repeat(form.reachMaxChars.toInt() + 25))
                assertEquals(form.reachMaxChars.toInt(), tagged("melding-bereik").typed().length)
                tagged("melding-bereik").performTextClearance()
                // Sending without saying what is wrong: the core's reason, and what was typed stays.
                tagged("melding-juist").performTextInput("023 123 4567")
                tagged("melding-versturen").performClick()
                waitForText("Schrijf kort wat er niet klopt")
                tagged("melding-fout").assertExists()
                tagged("melding-versturen")
                shot("18-melding-leeg")
                assertEquals("023 123 4567", tagged("melding-juist").typed())
                tagged("melding-wat").performTextInput("Het nummer klopt niet meer")
                tagged("melding-versturen").performClick()
                waitForText("Bewaard op dit toestel")
                tagged("melding-uitkomst")
                // The platform is asked to send it as soon as there is a connection.
                assertEquals(Effect.SendWhenOnline, effects.last())
                shot("19-melding-bewaard")
                // The form closed; it can be opened again for another report.
                assertTrue(onAllNodes(hasTestTag("melding-wat")).fetchSemanticsNodes().isEmpty())
                find(form.title)
            }
            // It really waits on this device, once, for a connection.
            assertEquals(1u, core.sendReports().waiting)
        }
    }
}
