// JVM tests of the generated Kotlin bindings against the real native library and a store
// built from the real content: what an Android shell will receive, checked before any UI.
package palliwijzer

import java.io.File
import java.net.HttpURLConnection
import java.net.InetAddress
import java.net.ServerSocket
import java.net.URL
import java.net.URLEncoder
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertThrows
import org.junit.Assert.assertTrue
import org.junit.Test
import uniffi.palliwijzer.ActionKind
import uniffi.palliwijzer.AppConfig
import uniffi.palliwijzer.BlockKind
import uniffi.palliwijzer.Paper
import uniffi.palliwijzer.SyncOutcome
import uniffi.palliwijzer.SyncResult
import uniffi.palliwijzer.syncSchedule
import uniffi.palliwijzer.CoreException
import uniffi.palliwijzer.ItemKind
import uniffi.palliwijzer.NowStatus
import uniffi.palliwijzer.Palliwijzer
import uniffi.palliwijzer.Role

class PalliwijzerTest {
    private val store: String = System.getProperty("palliwijzer.store") ?: error("run with -Dpalliwijzer.store=FILE")

    /** Nothing listens on port 9: feed and sync are offline unless a test says otherwise. */
    private fun config(sync: String = "http://127.0.0.1:9/sync", site: String = "https://palliwijzer.example") = AppConfig(
        siteUrl = site,
        feedUrl = "http://127.0.0.1:9/feed",
        syncUrl = sync,
        rootKeyHex = "00".repeat(32),
    )

    private fun copy(): String {
        val f = File.createTempFile("palliwijzer", ".sqlite")
        File(store).copyTo(f, overwrite = true)
        return f.path
    }

    @Test
    fun theZorgpadPhaseForTheHuisartsArrivesReadyToDraw() {
        Palliwijzer.open(store, config()).use { p ->
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
        Palliwijzer.open(store, config()).use { p ->
            val view = p.wieBelIk("noord-holland-zuid")
            val line = view.groups.first().rows.first { it.id == "consultatie-palliatieve-zorg" }
            val call = line.actions.first { it.kind == ActionKind.CALL }
            assertEquals("tel:+31886051444", call.uri)
            assertEquals("Bel 088 605 1444", call.label)
            // Checked only in a stored copy of the page: the line says so, and no live check.
            assertTrue(line.sourceLine, line.sourceLine.contains("nagekeken in een opgeslagen kopie op"))
            assertFalse(line.sourceLine, line.sourceLine.contains("gecontroleerd op"))
        }
    }

    @Test
    fun aPostcodeFindsItsRegion() {
        Palliwijzer.open(store, config()).use { p ->
            val found = p.findRegion("2031 AB")
            assertEquals("noord-holland-zuid", found.matches.single().id)
            val bad = p.findRegion("20x1")
            assertTrue(bad.matches.isEmpty())
            assertTrue(bad.message, bad.message.contains("geen postcode"))
        }
    }

    @Test
    fun theBeslisboomStartsWithTheCentralCaregiverQuestion() {
        Palliwijzer.open(store, config()).use { p ->
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
            Palliwijzer.open("/nonexistent/palliwijzer.sqlite", config())
        }
        assertTrue(missing.message ?: "", (missing.message ?: "").contains("niet gevonden"))
        Palliwijzer.open(store, config()).use { p ->
            val e = assertThrows(CoreException.NotFound::class.java) { p.document("bestaat-niet") }
            assertTrue(e.message ?: "", (e.message ?: "").contains("bestaat niet"))
        }
    }

    @Test
    fun searchForgivesATypoAndNowPutsTheLinesOfTheNightFirst() {
        Palliwijzer.open(store, config()).use { p ->
            val found = p.search("hosipce", "noord-holland-zuid")
            val best = found.groups.flatMap { it.results }.minByOrNull { it.rank }
            assertTrue(found.message, best?.title?.lowercase()?.contains("hospice") == true)
            // Christmas night, 03:00 in Amsterdam.
            val now = p.wieBelIkNu("noord-holland-zuid", 1798164000L)
            assertTrue(now.outOfHours)
            assertEquals(NowStatus.OPEN, now.rows.first().status)
            assertEquals("nhz-huisartsenpost", now.rows.first().contact.id)
            assertEquals("consultatie-palliatieve-zorg", now.rows[1].contact.id)
            // The same night in Gooi en Vechtstreek: the post on duty is on top although its
            // number is not in the content, and says so; the number to call comes next.
            val gooi = p.wieBelIkNu("gooi-en-vechtstreek", 1798164000L)
            assertEquals("gv-huisartsenpost", gooi.rows.first().contact.id)
            assertEquals(null, gooi.rows.first().contact.phone)
            assertTrue(gooi.rows.first().statusLabel, gooi.rows.first().statusLabel.endsWith("nummer niet bekend in Palliwijzer"))
            assertEquals("consultatie-palliatieve-zorg", gooi.rows[1].contact.id)
        }
    }

    @Test
    fun aBundledStoreSaysSoAndAnOfflineSyncIsAnOutcomeThatKeepsTheContent() {
        Palliwijzer.open(copy(), config()).use { p ->
            val before = p.contentHash()
            assertTrue(p.syncStatus().bundled)
            assertTrue(p.syncDue(null))
            // Nothing listens on this port: offline, said politely, content unchanged.
            val outcome = p.sync()
            assertEquals(SyncResult.OFFLINE, outcome.result)
            assertTrue(outcome.message, outcome.message.contains("De vorige inhoud blijft in gebruik"))
            assertEquals(outcome.message, p.syncStatus().problem)
            assertEquals(before, p.contentHash())
            // After a failure the next attempt waits the retry time, then is due again.
            val now = System.currentTimeMillis() / 1000
            assertFalse(p.syncDue(now + 60))
            assertTrue(p.syncDue(now + syncSchedule().retryMinutes.toLong() * 60 + 1))
        }
    }

    @Test
    fun aViewAnswersWithin50MsWhileASyncIsStalledOnASlowServer() {
        ServerSocket(0, 1, InetAddress.getLoopbackAddress()).use { server ->
            val accepted = CountDownLatch(1)
            val release = CountDownLatch(1)
            val stall = thread {
                server.accept().use { _ ->
                    accepted.countDown()
                    release.await(30, TimeUnit.SECONDS) // says nothing: a stalled server
                }
            }
            Palliwijzer.open(copy(), config(sync = "http://127.0.0.1:${server.localPort}/sync")).use { p ->
                p.wieBelIkNu("noord-holland-zuid", null) // warm
                var outcome: SyncOutcome? = null
                val sync = thread { outcome = p.sync() }
                assertTrue("the sync reached the server", accepted.await(10, TimeUnit.SECONDS))
                val millis = (1..20).map {
                    val t0 = System.nanoTime()
                    p.wieBelIkNu("noord-holland-zuid", null)
                    p.hospices("noord-holland-zuid")
                    (System.nanoTime() - t0) / 1_000_000.0
                }.sorted()
                println("view calls during a stalled sync: median %.2f ms, max %.2f ms".format(millis[10], millis.last()))
                assertTrue("slowest view call ${millis.last()} ms", millis.last() < 50.0)
                assertTrue("the sync is still waiting", sync.isAlive)
                release.countDown()
                sync.join(30_000)
                assertEquals(SyncResult.OFFLINE, outcome?.result)
            }
            stall.join()
        }
    }

    @Test
    fun hulpmiddelenAreFilteredByTheValuesTheViewOffersAndABadOneIsSaidInDutch() {
        Palliwijzer.open(store, config()).use { p ->
            val all = p.hulpmiddelen("noord-holland-zuid", null, null)
            val value = all.audienceFilter.first { it.label == "Patiënt en naasten" }.value
            val chosen = p.hulpmiddelen("noord-holland-zuid", "", value)
            assertTrue(chosen.audienceFilter.first { it.value == value }.selected)
            assertTrue(chosen.groups.sumOf { it.items.size } < all.groups.sumOf { it.items.size })
            val e = assertThrows(CoreException.NotFound::class.java) { p.hulpmiddelen("noord-holland-zuid", null, "iedereen-behalve") }
            assertTrue(e.message.orEmpty(), e.message.orEmpty().contains("Deze doelgroep bestaat niet"))
        }
    }

    @Test
    fun documentsArriveAsSanitizedHtmlAndAsBlocksToDraw() {
        Palliwijzer.open(store, config()).use { p ->
            val doc = p.document("levenswensenkaart")
            assertEquals(Paper.A5, doc.paper)
            assertEquals("https://palliwijzer.example/documenten/levenswensenkaart", doc.shareUrl)
            assertTrue(doc.html.isNotBlank())
            assertTrue(!doc.html.contains("<script"))
            // The eight questions, numbered, under their heading.
            val heading = doc.blocks.indexOfFirst { b -> b.kind == BlockKind.HEADING && b.spans.joinToString("") { it.text } == "Vragen om over na te denken" }
            assertTrue(heading >= 0)
            val questions = doc.blocks.drop(heading + 1).takeWhile { it.kind == BlockKind.LIST_ITEM }
            assertEquals((1..8).map { "$it." }, questions.map { it.marker })
        }
    }

    /** A loopback port nobody listens on (yet). */
    private fun freePort(): Int = ServerSocket(0, 1, InetAddress.getLoopbackAddress()).use { it.localPort }

    private fun bin(): String = System.getProperty("palliwijzer.bin") ?: error("run with -Dpalliwijzer.bin=FILE")

    private fun contentDir(): String = System.getProperty("palliwijzer.content") ?: error("run with -Dpalliwijzer.content=DIR")

    /** Runs the server's command line to the end, feeding [input]; returns what it printed. */
    private fun cli(input: String, vararg args: String): String {
        val p = ProcessBuilder(bin(), *args).redirectErrorStream(true).start()
        p.outputStream.bufferedWriter().use { it.write(input) }
        val out = p.inputStream.bufferedReader().readText()
        assertTrue("timed out: ${args.toList()}", p.waitFor(60, TimeUnit.SECONDS))
        assertEquals(out, 0, p.exitValue())
        return out
    }

    /** Starts `palliwijzer serve` and waits until it says it runs; its output is drained. */
    private fun serve(port: Int, state: File): Process {
        val p = ProcessBuilder(bin(), "serve", "--port", "$port", "--state", state.path, "--content", contentDir())
            .redirectErrorStream(true).start()
        val ready = CountDownLatch(1)
        val seen = StringBuffer()
        thread(isDaemon = true) {
            p.inputStream.bufferedReader().forEachLine { line ->
                if (seen.length < 10_000) seen.append(line).append('\n')
                if (line.contains("draait op")) ready.countDown()
            }
        }
        if (!ready.await(120, TimeUnit.SECONDS)) {
            p.destroyForcibly()
            error("the server did not start:\n$seen")
        }
        return p
    }

    private class Answer(val status: Int, val cookies: Map<String, String>, val body: String)

    /** One HTTP request by hand: no redirects followed, cookies read from Set-Cookie. */
    private fun http(url: String, cookie: String? = null, form: Map<String, String>? = null): Answer {
        val c = URL(url).openConnection() as HttpURLConnection
        c.instanceFollowRedirects = false
        c.connectTimeout = 10_000
        c.readTimeout = 30_000
        cookie?.let { c.setRequestProperty("Cookie", it) }
        if (form != null) {
            c.requestMethod = "POST"
            c.doOutput = true
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded")
            val body = form.entries.joinToString("&") { (k, v) -> "$k=${URLEncoder.encode(v, "UTF-8")}" }
            c.outputStream.use { it.write(body.toByteArray()) }
        }
        val status = c.responseCode
        val cookies = c.headerFields.filterKeys { it != null && it.equals("set-cookie", ignoreCase = true) }
            .values.flatten().associate { h -> h.substringBefore(';').let { it.substringBefore('=') to it.substringAfter('=') } }
        val body = (if (status >= 400) c.errorStream else c.inputStream)?.bufferedReader()?.readText() ?: ""
        c.disconnect()
        return Answer(status, cookies, body)
    }

    /** Logs into the redactie as [user] and returns the overview page. */
    private fun redactie(site: String, user: String, password: String): String {
        val login = http("$site/redactie")
        assertEquals(200, login.status)
        val csrf = Regex("""name="csrf" value="([^"]+)"""").find(login.body)?.groupValues?.get(1)
            ?: error("no csrf field on the login page")
        val loginCookie = login.cookies["pw_login"] ?: error("no pw_login cookie: ${login.cookies}")
        val posted = http("$site/redactie/inloggen", "pw_login=$loginCookie", mapOf("csrf" to csrf, "gebruiker" to user, "wachtwoord" to password))
        assertEquals(posted.body, 303, posted.status)
        val session = posted.cookies["pw_sessie"] ?: error("no pw_sessie cookie: ${posted.cookies}")
        val page = http("$site/redactie", "pw_sessie=$session")
        assertEquals(200, page.status)
        return page.body
    }

    @Test
    fun aReportSentOfflineArrivesOnceAfterTheConnectionReturnsAndAppearsInTheRedactie() {
        val port = freePort()
        val site = "http://127.0.0.1:$port"
        val what = "Het nummer klopt niet meer"
        Palliwijzer.open(copy(), config(site = site)).use { p ->
            // Offline: kept on this device, and said so.
            val first = p.reportProblem(ItemKind.CONTACT, "nhz-huisartsenpost", what, "", "")
            assertEquals(0u, first.sent)
            assertEquals(1u, first.waiting)
            assertTrue(first.message, first.message.contains("Bewaard"))
            val retry = p.sendReports()
            assertEquals(0u, retry.sent)
            assertEquals(1u, retry.waiting)

            // The connection returns: the site runs, with one editor of the region.
            val state = File.createTempFile("palliwijzer-state", ".sqlite").also { it.delete() }
            val password = "meldingen-lezen-2024"
            cli(
                "$password\n", "editor", "add-account", "--region", "noord-holland-zuid", "--user", "redacteur",
                "--state", state.path, "--content", contentDir(),
            )
            val server = serve(port, state)
            try {
                val sent = p.sendReports()
                assertEquals(sent.message, 1u, sent.sent)
                assertEquals(0u, sent.waiting)
                val again = p.sendReports()
                assertEquals(again.message, 0u, again.sent)
                assertEquals(0u, again.waiting)

                val page = redactie(site, "redacteur", password)
                assertTrue("the redactie lists one report", page.contains("Meldingen van gebruikers (1)"))
                assertEquals("the report's text, once", 1, Regex(Regex.escape(what)).findAll(page).count())
            } finally {
                server.destroy()
                if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly().waitFor()
            }
        }
    }

    @Test
    fun anEmptyReportIsRefusedInDutchAndNothingIsQueued() {
        // Nothing listens at the site: whatever were queued would still be waiting afterwards.
        Palliwijzer.open(copy(), config(site = "http://127.0.0.1:${freePort()}")).use { p ->
            val e = assertThrows(CoreException.InvalidInput::class.java) {
                p.reportProblem(ItemKind.CONTACT, "nhz-huisartsenpost", "   ", "Wel een juist nummer", "")
            }
            assertTrue(e.message ?: "", (e.message ?: "").contains("Schrijf kort wat er niet klopt"))
            val after = p.sendReports()
            assertEquals(0u, after.waiting)
            assertEquals(0u, after.sent)
        }
    }
}
