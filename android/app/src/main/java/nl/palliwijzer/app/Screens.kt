// One composable per screen, each drawing one core view model. Errors show the core's Dutch
// message. No rule lives here: order, labels, marks and URIs come from the core.
package nl.palliwijzer.app

import android.print.PrintAttributes
import android.print.PrintManager
import android.webkit.WebView
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.AssistChip
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.unit.dp
import androidx.compose.ui.viewinterop.AndroidView
import nl.palliwijzer.shell.Effect
import nl.palliwijzer.shell.Effects
import nl.palliwijzer.shell.Messages
import uniffi.palliwijzer.Badge
import uniffi.palliwijzer.ContactRow
import uniffi.palliwijzer.Palliwijzer
import uniffi.palliwijzer.Role

/** Runs a core call and draws its result, or its message when it fails. */
@Composable
private fun <T> Load(key: Any, call: () -> T, draw: @Composable (T) -> Unit) {
    val result = remember(key) { runCatching(call) }
    result.fold(onSuccess = { draw(it) }, onFailure = { Text(Messages.of(it), Modifier.padding(16.dp)) })
}

@Composable
private fun Badges(badges: List<Badge>) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) { badges.forEach { AssistChip(onClick = {}, label = { Text(it.text) }) } }
}

@Composable
private fun ContactCard(row: ContactRow, perform: (Effect) -> Unit) {
    Card(Modifier.fillMaxWidth().padding(vertical = 6.dp)) {
        Column(Modifier.padding(12.dp)) {
            Text(row.name, style = MaterialTheme.typography.titleMedium)
            Badges(row.badges)
            Text(row.callFor)
            row.actions.forEach { a ->
                Button(onClick = { perform(Effects.of(a)) }, Modifier.heightIn(min = 48.dp)) { Text(a.label) }
            }
            row.openingHours?.let { Text("Bereikbaar: $it", style = MaterialTheme.typography.bodySmall) }
            row.note?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
            Text(row.sourceLine, style = MaterialTheme.typography.bodySmall)
        }
    }
}

@Composable
private fun Link(text: String, onClick: () -> Unit) {
    Text(text, Modifier.fillMaxWidth().heightIn(min = 48.dp).clickable(onClick = onClick).padding(12.dp), style = MaterialTheme.typography.titleMedium)
}

@Composable
fun Screen(core: Palliwijzer, route: Route, go: (Route) -> Unit, perform: (Effect) -> Unit) {
    when (route) {
        Route.Regions -> Regions(core, go)
        is Route.Home -> Home(core, route.region, go)
        is Route.Now -> Load(route, { core.wieBelIkNu(route.region, null) }) { v ->
            LazyColumn(Modifier.padding(16.dp)) {
                item { Text(v.title, style = MaterialTheme.typography.headlineSmall); Text("${v.moment}. ${v.period}") }
                items(v.rows) { r -> Text(r.statusLabel, style = MaterialTheme.typography.labelLarge); ContactCard(r.contact, perform) }
            }
        }
        is Route.Hospices -> Load(route, { core.availability(route.region, BuildConfig.FEED_URL) }) { v ->
            LazyColumn(Modifier.padding(16.dp)) {
                item { Text(v.title, style = MaterialTheme.typography.headlineSmall); Text(v.freshness) }
                items(v.rows) { r ->
                    Card(Modifier.fillMaxWidth().padding(vertical = 6.dp)) {
                        Column(Modifier.padding(12.dp)) {
                            Text(r.name, style = MaterialTheme.typography.titleMedium)
                            Text("${r.statusLabel} · ${r.bedsLabel}")
                            Text(r.ageLabel, style = MaterialTheme.typography.bodySmall)
                            r.outdatedLabel?.let { Text(it, color = MaterialTheme.colorScheme.error) }
                            r.note?.let { Text(it) }
                        }
                    }
                }
            }
        }
        is Route.Zorgpad -> Load(route, { core.zorgpad(route.region) }) { v ->
            LazyColumn(Modifier.padding(16.dp)) {
                item { Text(v.title, style = MaterialTheme.typography.headlineSmall); v.notice?.let { Text(it) } }
                items(v.phases) { p -> Link("${p.order}. ${p.title}") { go(Route.Phase(route.region, p.id, Role.HUISARTS)) } }
            }
        }
        is Route.Phase -> Load(route, { core.phase(route.region, route.id, route.role) }) { v ->
            LazyColumn(Modifier.padding(16.dp)) {
                item {
                    Text(v.position); Text(v.title, style = MaterialTheme.typography.headlineSmall); Badges(v.badges); Text(v.summary)
                    FlowRow { v.roles.forEach { o -> FilterChip(o.selected, { go(route.copy(role = o.role)) }, { Text(o.label) }) } }
                    Text(v.actionsHeading, style = MaterialTheme.typography.titleMedium)
                }
                items(v.actions) { a -> Text("• $a") }
                item {
                    Text("Wie", style = MaterialTheme.typography.titleMedium); Text(v.wie)
                    Text("Hoe", style = MaterialTheme.typography.titleMedium); Text(v.hoe)
                    v.background.forEach { Text(it.heading, style = MaterialTheme.typography.titleMedium); Text(it.text) }
                    v.hulpmiddelen.forEach { h -> h.url?.let { u -> Link(h.title) { perform(Effect.Open(u)) } } }
                    Text(v.sourceLine, style = MaterialTheme.typography.bodySmall)
                }
            }
        }
        is Route.Beslisboom -> Load(route, { core.beslisboom(route.region, route.node) }) { v ->
            LazyColumn(Modifier.padding(16.dp)) {
                item { Text(v.treeTitle); Text(v.heading, style = MaterialTheme.typography.headlineSmall); v.help?.let { Text(it) } }
                items(v.answers) { a -> OutlinedButton({ go(Route.Beslisboom(route.region, a.next)) }, Modifier.fillMaxWidth().heightIn(min = 48.dp)) { Text(a.label) } }
                v.end?.let { end ->
                    item { Text(end.advice) }
                    items(end.contacts) { c -> ContactCard(c, perform) }
                    end.facilitiesLabel?.let { label -> item { Link(label) { go(Route.Hospices(route.region)) } } }
                }
                v.back?.let { b -> item { Link("← ${v.backLabel}") { go(Route.Beslisboom(route.region, b)) } } }
            }
        }
        is Route.Hulpmiddelen -> Load(route, { core.hulpmiddelen(route.region, null, null) }) { v ->
            LazyColumn(Modifier.padding(16.dp)) {
                item { Text(v.title, style = MaterialTheme.typography.headlineSmall); Text(v.countLine) }
                v.groups.forEach { g ->
                    item { Text(g.title, style = MaterialTheme.typography.titleMedium) }
                    items(g.items) { h -> Link(h.title) { h.url?.let { perform(Effect.Open(it)) } } }
                }
            }
        }
        Route.Documents -> Load(route, { core.documents() }) { v ->
            LazyColumn(Modifier.padding(16.dp)) {
                item { Text(v.title, style = MaterialTheme.typography.headlineSmall) }
                items(v.documents) { d -> Link("${d.title} (${d.kindLabel}, ${d.paper})") { go(Route.Document(d.id)) } }
            }
        }
        is Route.Document -> Load(route, { core.document(route.id) }) { d ->
            val context = LocalContext.current
            Column(Modifier.padding(16.dp)) {
                Text(d.title, style = MaterialTheme.typography.headlineSmall)
                Badges(d.badges)
                FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    Button({ perform(Effects.share(d, BuildConfig.SITE_URL)) }) { Text("Delen") }
                    Button({
                        val web = WebView(context)
                        web.loadDataWithBaseURL(null, d.html, "text/html", "utf-8", null)
                        val pm = context.getSystemService(PrintManager::class.java)
                        val size = if (d.paper == "A5") PrintAttributes.MediaSize.ISO_A5 else PrintAttributes.MediaSize.ISO_A4
                        pm.print(d.title, web.createPrintDocumentAdapter(d.title), PrintAttributes.Builder().setMediaSize(size).build())
                    }) { Text("Afdrukken") }
                }
                AndroidView(factory = { WebView(it).apply { settings.javaScriptEnabled = false } }, update = { it.loadDataWithBaseURL(null, d.html, "text/html", "utf-8", null) })
                Text(d.sourceLine, style = MaterialTheme.typography.bodySmall)
            }
        }
        is Route.Search -> {
            var query by remember { mutableStateOf("") }
            Column(Modifier.padding(16.dp)) {
                OutlinedTextField(query, { query = it }, label = { Text("Zoeken") }, modifier = Modifier.fillMaxWidth())
                if (query.isNotBlank()) Load(query, { core.search(query, route.region) }) { v ->
                    LazyColumn {
                        item { Text(v.message) }
                        v.groups.forEach { g ->
                            item { Text(g.title, style = MaterialTheme.typography.titleMedium) }
                            items(g.results) { r -> Text("${r.title}\n${r.snippet}", Modifier.padding(vertical = 6.dp)) }
                        }
                    }
                }
            }
        }
        Route.Sync -> Load(route, { core.syncStatus() }) { s ->
            val context = LocalContext.current
            val problem = context.getSharedPreferences("sync", android.content.Context.MODE_PRIVATE).getString("last_problem", null)
            Column(Modifier.padding(16.dp)) {
                Text("Gegevens", style = MaterialTheme.typography.headlineSmall)
                Text(s.line)
                (s.problem ?: problem)?.let { Text(it, color = MaterialTheme.colorScheme.error) }
            }
        }
    }
}

@Composable
private fun Regions(core: Palliwijzer, go: (Route) -> Unit) {
    var query by remember { mutableStateOf("") }
    Load(query, { core.regions() to query.takeIf { it.isNotBlank() }?.let { core.findRegion(it) } }) { (choice, found) ->
        LazyColumn(Modifier.padding(16.dp)) {
            item {
                Text(choice.title, style = MaterialTheme.typography.headlineSmall)
                OutlinedTextField(query, { query = it }, label = { Text(choice.prompt) }, modifier = Modifier.fillMaxWidth())
                found?.let { Text(it.message) }
            }
            items(found?.matches ?: choice.regions) { r -> Link("${r.name}\n${r.municipalities}") { go(Route.Home(r.id)) } }
        }
    }
}

@Composable
private fun Home(core: Palliwijzer, region: String, go: (Route) -> Unit) {
    Load(region, { core.regions().regions.first { it.id == region } }) { r ->
        Column(Modifier.padding(16.dp)) {
            Text(r.name, style = MaterialTheme.typography.headlineSmall)
            r.notice?.let { Text(it) }
            Link("Wie bel ik nu?") { go(Route.Now(region)) }
            Link("Hospice met plek") { go(Route.Hospices(region)) }
            Link("Voor de patiënt") { go(Route.Documents) }
            Link("Zorgpad") { go(Route.Zorgpad(region)) }
            Link("Beslisboom") { go(Route.Beslisboom(region, null)) }
            Link("Hulpmiddelen") { go(Route.Hulpmiddelen(region)) }
            Link("Zoeken") { go(Route.Search(region)) }
            Link("Gegevens en bijwerken") { go(Route.Sync) }
            Link("Andere regio") { go(Route.Regions) }
        }
    }
}
