// The app's screens in Compose, without a single android.* import: the same code runs in the
// Android app and, on the desktop JVM, in the UI tests against the real native library. Every
// word, order, mark and destination comes from the core; this file lays them out, calls the
// core off the main thread and hands effects to the platform.
package nl.palliwijzer.ui

import androidx.compose.foundation.background
import androidx.compose.foundation.clickable
import androidx.compose.foundation.horizontalScroll
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.LazyListScope
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.FilterChip
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateListOf
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.produceState
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.layout.onGloballyPositioned
import androidx.compose.ui.layout.positionInParent
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.LinkAnnotation
import androidx.compose.ui.text.TextLinkStyles
import androidx.compose.ui.text.font.FontStyle
import androidx.compose.ui.text.style.TextDecoration
import androidx.compose.ui.text.withLink
import androidx.compose.ui.text.SpanStyle
import androidx.compose.ui.text.buildAnnotatedString
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.withStyle
import androidx.compose.ui.unit.dp
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import nl.palliwijzer.shell.Effect
import nl.palliwijzer.shell.Effects
import nl.palliwijzer.shell.Messages
import uniffi.palliwijzer.ActionKind
import uniffi.palliwijzer.Badge
import uniffi.palliwijzer.BadgeTone
import uniffi.palliwijzer.BlockKind
import uniffi.palliwijzer.ContactAction
import uniffi.palliwijzer.ContactRow
import uniffi.palliwijzer.Destination
import uniffi.palliwijzer.FilterOption
import uniffi.palliwijzer.ItemKind
import uniffi.palliwijzer.MenuItem
import uniffi.palliwijzer.NowRow
import uniffi.palliwijzer.NowStatus
import uniffi.palliwijzer.Palliwijzer
import uniffi.palliwijzer.RegionOption
import uniffi.palliwijzer.RegionSearchView
import uniffi.palliwijzer.Role
import uniffi.palliwijzer.SearchResult
import uniffi.palliwijzer.SyncOutcome
import uniffi.palliwijzer.SyncResult
import uniffi.palliwijzer.TextBlock
import uniffi.palliwijzer.UiText
import uniffi.palliwijzer.reportForm
import uniffi.palliwijzer.shellText

/** Where the user is: a stack of the core's destinations. The platform wires its back key to [back]. */
class Navigator(start: Destination) {
    val stack = mutableStateListOf(start)
    val current: Destination get() = stack.last()

    fun go(to: Destination) {
        stack.add(to)
    }

    /** The same screen seen another way (a role chip): no new step for Back to undo. */
    fun swap(to: Destination) {
        stack[stack.lastIndex] = to
    }

    /** False when there is nothing to go back to (the platform then leaves the app). */
    fun back(): Boolean {
        if (stack.size <= 1) return false
        stack.removeAt(stack.lastIndex)
        return true
    }
}

/**
 * What the platform does for the screens: effects, remembering the region, and the moment
 * "wie bel ik nu" is worked out for (seconds since 1970; null: the core reads the device
 * clock). Tests pin the moment, so a night journey is a night journey at any hour.
 */
class Platform(
    val perform: (Effect) -> Unit,
    val regionChosen: (String) -> Unit,
    val moment: () -> Long? = { null },
)

private val Text0 = Color(0xFF1B1B1B)
private val Voorbeeld = Color(0xFF8A1C00)
private val Open = Color(0xFF1E6B35)
/** The website's blue (`--brand` in its stylesheet): bar, buttons, links and chosen chips. */
private val Brand = Color(0xFF1D4F6E)
private val BrandSoft = Color(0xFFCFE0EC)
/** The website's `--warn-bg` and `--warn-ink`. */
private val WarnGround = Color(0xFFFFF1C2)
private val WarnInk = Color(0xFF5C3D00)

/**
 * An outlined button in the brand colour with a 2 dp border, as the website's `.knop`: the
 * Material default (grey text on a grey line) reads as switched off.
 */
@Composable
private fun BrandOutlinedButton(onClick: () -> Unit, modifier: Modifier = Modifier, content: @Composable androidx.compose.foundation.layout.RowScope.() -> Unit) {
    OutlinedButton(
        onClick,
        modifier,
        colors = ButtonDefaults.outlinedButtonColors(contentColor = Brand),
        border = androidx.compose.foundation.BorderStroke(2.dp, Brand),
        content = content,
    )
}

/**
 * What is missing or incomplete, said on a soft yellow ground as the website's `.melding`:
 * a notice to act on, not an error (red stays for what went wrong).
 */
@Composable
private fun Notice(text: String) {
    Surface(color = WarnGround, shape = androidx.compose.foundation.shape.RoundedCornerShape(8.dp), modifier = Modifier.fillMaxWidth().padding(vertical = 6.dp)) {
        Text(text, color = WarnInk, modifier = Modifier.padding(12.dp))
    }
}

/** Material 3 in the website's colours, so a GP who knows one knows the other at a glance. */
@Composable
fun PalliwijzerTheme(content: @Composable () -> Unit) {
    MaterialTheme(
        colorScheme = lightColorScheme(
            primary = Brand,
            onPrimary = Color.White,
            primaryContainer = BrandSoft,
            onPrimaryContainer = Brand,
            secondary = Brand,
            onSecondary = Color.White,
            secondaryContainer = BrandSoft,
            onSecondaryContainer = Brand,
        ),
        content = content,
    )
}

/**
 * Runs a core call on a background thread and draws its result; meanwhile a visible loading
 * state, and on failure the core's Dutch message. A stalled network never blocks the screen.
 */
@Composable
fun <T> Load(key: Any, call: () -> T, keep: Boolean = false, draw: @Composable (T) -> Unit) {
    val text = remember { shellText() }
    val result by produceState<Result<T>?>(null, key) {
        // `keep`: the last answer stays drawn until the next is there (search as you type).
        if (!keep) value = null
        value = withContext(Dispatchers.IO) { runCatching(call) }
    }
    when (val r = result) {
        null -> Loading()
        else -> r.fold(onSuccess = { draw(it) }, onFailure = { Problem(text.errorTitle, Messages.of(it)) })
    }
}

/** The visible loading state while the core answers. */
@Composable
fun Loading() {
    val text = remember { shellText() }
    Row(Modifier.padding(16.dp).testTag("laden")) {
        CircularProgressIndicator(Modifier.width(24.dp).heightIn(max = 24.dp))
        Spacer(Modifier.width(12.dp))
        Text(text.loading)
    }
}

@Composable
private fun Problem(title: String, message: String, content: @Composable ColumnScope.() -> Unit = {}) {
    Column(Modifier.padding(16.dp).testTag("probleem")) {
        Text(title, style = MaterialTheme.typography.titleLarge)
        Text(message, Modifier.padding(vertical = 8.dp))
        content()
    }
}

/** A body the core cut into blocks: headings, paragraphs, numbered or bulleted items, quotes. */
private fun LazyListScope.blocks(blocks: List<TextBlock>, perform: (Effect) -> Unit) {
    items(blocks) { b -> Block(b, perform) }
}

@Composable
private fun Block(b: TextBlock, perform: (Effect) -> Unit) {
    val text = buildAnnotatedString {
        b.spans.forEach { s ->
            val style = SpanStyle(
                fontWeight = if (s.strong) FontWeight.Bold else null,
                fontStyle = if (s.emphasis) FontStyle.Italic else null,
            )
            val link = s.link
            if (link == null) {
                withStyle(style) { append(s.text) }
            } else {
                val looks = TextLinkStyles(SpanStyle(textDecoration = TextDecoration.Underline, color = MaterialTheme.colorScheme.primary))
                withLink(LinkAnnotation.Clickable(link, looks) { perform(Effect.Open(link)) }) { withStyle(style) { append(s.text) } }
            }
        }
    }
    val indent = (b.depth.toInt() * 16).dp
    when (b.kind) {
        BlockKind.HEADING -> Text(
            text,
            Modifier.padding(top = 16.dp, bottom = 4.dp).semantics { heading() },
            style = MaterialTheme.typography.titleLarge,
        )
        BlockKind.SUBHEADING -> Text(
            text,
            Modifier.padding(top = 12.dp, bottom = 2.dp).semantics { heading() },
            style = MaterialTheme.typography.titleMedium,
        )
        BlockKind.PARAGRAPH -> Text(text, Modifier.padding(start = indent, top = 4.dp, bottom = 4.dp))
        BlockKind.LIST_ITEM -> Row(Modifier.padding(start = indent, top = 2.dp, bottom = 2.dp)) {
            Text(b.marker.orEmpty(), Modifier.width(28.dp))
            Text(text)
        }
        BlockKind.QUOTE -> Text(
            text,
            Modifier.padding(start = indent + 8.dp, top = 4.dp, bottom = 4.dp)
                .background(MaterialTheme.colorScheme.surfaceVariant).padding(8.dp),
            fontStyle = FontStyle.Italic,
        )
    }
}

/** One row of filter chips as the core offers them; `choose` gets the chosen option's value. */
@Composable
private fun Filters(label: String, options: List<FilterOption>, tag: String, choose: (String) -> Unit) {
    Text(label, style = MaterialTheme.typography.titleSmall, modifier = Modifier.padding(top = 8.dp))
    // One line that scrolls sideways, so the results stay in view below it; it opens scrolled to
    // the chosen option, so the choice is always seen.
    val scroll = rememberScrollState()
    var chosenAt by remember { mutableStateOf<Int?>(null) }
    LaunchedEffect(chosenAt) { chosenAt?.let { scroll.scrollTo(it) } }
    Row(Modifier.testTag(tag).horizontalScroll(scroll), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        options.forEach { o ->
            val mark = if (o.selected) Modifier.onGloballyPositioned { chosenAt = it.positionInParent().x.toInt() } else Modifier
            FilterChip(o.selected, { choose(o.value) }, { Text(o.label) }, mark)
        }
    }
}

@Composable
private fun Heading(text: String) {
    // Marked as a heading: TalkBack users jump from heading to heading.
    Text(text, style = MaterialTheme.typography.headlineSmall, modifier = Modifier.padding(bottom = 8.dp).semantics { heading() })
}

@Composable
private fun Small(text: String, color: Color = Color.Unspecified) {
    Text(text, style = MaterialTheme.typography.bodySmall, color = color)
}

@Composable
private fun Badges(badges: List<Badge>) {
    if (badges.isEmpty()) return
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        badges.forEach { b ->
            val color = if (b.tone == BadgeTone.VOORBEELD) Voorbeeld else MaterialTheme.colorScheme.error
            Text(
                b.text,
                Modifier.background(color).padding(horizontal = 6.dp, vertical = 2.dp),
                color = Color.White,
                fontWeight = FontWeight.Bold,
                style = MaterialTheme.typography.labelMedium,
            )
        }
    }
}

@Composable
private fun Link(text: String, hint: String? = null, onClick: () -> Unit) {
    Column(Modifier.fillMaxWidth().heightIn(min = 48.dp).clickable(onClick = onClick).padding(vertical = 10.dp)) {
        Text(text, style = MaterialTheme.typography.titleMedium, color = MaterialTheme.colorScheme.primary)
        hint?.let { Small(it) }
    }
}

@Composable
private fun Menu(items: List<MenuItem>, go: (Destination) -> Unit) {
    items.forEach { m -> Link(m.label, m.hint) { go(m.target) } }
}

/** Call, mail and website buttons, side by side and wrapping, each performing its effect. */
@Composable
private fun Actions(actions: List<ContactAction>, perform: (Effect) -> Unit) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        // Calling is what the card is for: filled. Website and e-mail outlined, as on the website.
        actions.forEach { a ->
            val onClick = { perform(Effects.of(a)) }
            if (a.kind == ActionKind.CALL) {
                Button(onClick, Modifier.heightIn(min = 48.dp)) { Text(a.label) }
            } else {
                BrandOutlinedButton(onClick, Modifier.heightIn(min = 48.dp)) { Text(a.label) }
            }
        }
    }
}

@Composable
private fun ContactCard(row: ContactRow, perform: (Effect) -> Unit, status: String? = null, open: Boolean = false) {
    Card(Modifier.fillMaxWidth().padding(vertical = 6.dp), colors = CardDefaults.cardColors(containerColor = Color.White)) {
        Column(Modifier.padding(12.dp)) {
            status?.let { Text(it, color = if (open) Open else Text0, fontWeight = FontWeight.Bold) }
            Text(row.name, style = MaterialTheme.typography.titleMedium)
            Badges(row.badges)
            Text(row.callFor, style = MaterialTheme.typography.bodyMedium)
            Actions(row.actions, perform)
            row.hoursLine?.let { Small(it) }
            row.note?.let { Small(it) }
            Small(row.sourceLine)
        }
    }
}

/** A list screen with the title first. */
@Composable
private fun Page(title: String, body: LazyListScope.() -> Unit) {
    LazyColumn(Modifier.fillMaxSize().padding(horizontal = 16.dp).testTag("pagina")) {
        item { Heading(title) }
        body()
    }
}

/** The whole app over an open core. */
@Composable
fun App(core: Palliwijzer, nav: Navigator, platform: Platform) {
    val text = remember { shellText() }
    val go: (Destination) -> Unit = { d ->
        when (d) {
            is Destination.Web -> platform.perform(Effect.Open(d.url))
            else -> {
                if (d is Destination.Home) platform.regionChosen(d.regionId)
                nav.go(d)
            }
        }
    }
    Surface(Modifier.fillMaxSize(), color = Color(0xFFF7F7F4)) {
        Column(Modifier.fillMaxSize()) {
            Row(Modifier.fillMaxWidth().background(Brand).padding(horizontal = 8.dp, vertical = 4.dp)) {
                if (nav.stack.size > 1) {
                    TextButton(onClick = { nav.back() }, Modifier.heightIn(min = 48.dp)) { Text(text.back, color = Color.White) }
                }
                Text(text.appName, color = Color.White, modifier = Modifier.padding(12.dp), fontWeight = FontWeight.Bold)
            }
            Screen(core, nav.current, go, nav::swap, platform, text)
        }
    }
}

@Composable
private fun Screen(core: Palliwijzer, at: Destination, go: (Destination) -> Unit, swap: (Destination) -> Unit, platform: Platform, text: UiText) {
    val perform = platform.perform
    when (at) {
        Destination.Regions -> Regions(core, go, perform)
        is Destination.Home -> Load(at, { core.home(at.regionId) }) { h ->
            Page(h.title) {
                h.notice?.let { n -> item { Notice(n) } }
                item { Menu(h.primary, go) }
                item { HorizontalDivider(); Text(h.moreHeading, style = MaterialTheme.typography.titleMedium) }
                item { Menu(h.more, go) }
                item { HorizontalDivider(); Link(h.changeRegion.label, h.changeRegion.hint) { go(h.changeRegion.target) } }
            }
        }
        is Destination.Now -> Load(at, { core.wieBelIkNu(at.regionId, platform.moment()) }) { v ->
            Page(v.title) {
                item { Text(v.period); Small(v.computedLine) }
                items(v.rows) { r -> NowCard(r, perform) }
                if (v.otherRows.isNotEmpty()) {
                    item { Text(v.otherHeading, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 16.dp)) }
                    items(v.otherRows) { r -> NowCard(r, perform) }
                }
            }
        }
        is Destination.WieBelIk -> Load(at, { core.wieBelIk(at.regionId) }) { v ->
            Page(v.title) {
                item { Text(v.intro); v.notice?.let { Notice(it) } }
                v.groups.forEach { g ->
                    item { Text(g.title, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 12.dp)) }
                    items(g.rows) { r -> ContactCard(r, perform) }
                }
            }
        }
        is Destination.Contact -> Load(at, { core.contact(at.contactId) }) { r ->
            Page(r.name) {
                item { ContactCard(r, perform) }
                item { ReportProblem(core, ItemKind.CONTACT, r.id, perform) }
            }
        }
        is Destination.Hospices -> Load(at, { core.hospices(at.regionId) }) { v ->
            Page(v.title) {
                if (v.freshness.isNotEmpty()) item { Text(v.freshness, fontWeight = FontWeight.Bold); Small(v.intro) }
                v.emptyMessage?.let { m -> item { Notice(m) } }
                if (v.emptyActions.isNotEmpty()) item { Actions(v.emptyActions, perform) }
                items(v.rows, key = { it.id }) { r ->
                    Card(Modifier.fillMaxWidth().padding(vertical = 6.dp), colors = CardDefaults.cardColors(containerColor = Color.White)) {
                        Column(Modifier.padding(12.dp).testTag("hospice-${r.id}")) {
                            Text(r.name, style = MaterialTheme.typography.titleMedium)
                            Badges(r.badges)
                            Text("${r.statusLabel} · ${r.bedsLabel}", fontWeight = FontWeight.Bold, color = if (r.available) Open else Text0)
                            r.ageLabel?.let { Small(it) }
                            r.outdatedLabel?.let { Notice(it) }
                            r.noteLine?.let { Text(it) }
                            Small("${r.kindPlace} · ${r.capacity}")
                            Actions(r.actions, perform)
                            r.routeLine?.let { Small(it) }
                            Small(r.sourceLine)
                            ReportProblem(core, ItemKind.FACILITY, r.id, perform)
                        }
                    }
                }
            }
        }
        is Destination.Zorgpad -> Load(at, { core.zorgpad(at.regionId) }) { v ->
            Page(v.title) {
                item { Text(v.intro); v.notice?.let { Notice(it) } }
                items(v.phases) { p -> Link(p.label, p.summary) { go(Destination.Phase(v.regionId, p.id, uniffi.palliwijzer.Role.HUISARTS)) } }
                if (v.topics.isNotEmpty()) {
                    item { Text(v.topicsHeading, style = MaterialTheme.typography.titleMedium) }
                    items(v.topics) { t -> Link(t.title, t.summary) { go(Destination.Topic(v.regionId, t.id)) } }
                }
            }
        }
        is Destination.Phase -> Load(at, { core.phase(at.regionId, at.phaseId, at.role) }) { v ->
            Page(v.title) {
                item {
                    Small(v.position); Badges(v.badges); Text(v.summary)
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        v.roles.forEach { o -> FilterChip(o.selected, { swap(at.copy(role = o.role)) }, { Text(o.label) }) }
                    }
                    Text(v.actionsHeading, style = MaterialTheme.typography.titleMedium)
                }
                items(v.actions) { a -> Text("• $a", Modifier.padding(vertical = 2.dp)) }
                item {
                    Text(v.wieHeading, style = MaterialTheme.typography.titleMedium); Text(v.wie)
                    Text(v.hoeHeading, style = MaterialTheme.typography.titleMedium); Text(v.hoe)
                    v.background.forEach { Text(it.heading, style = MaterialTheme.typography.titleMedium); Text(it.text) }
                }
                blocks(v.body, perform)
                item {
                    if (v.hulpmiddelen.isNotEmpty()) Text(v.hulpmiddelenHeading, style = MaterialTheme.typography.titleMedium)
                    v.hulpmiddelen.forEach { h -> Link(h.title, h.description) { h.destination?.let(go) } }
                    if (v.topics.isNotEmpty()) Text(v.topicsHeading, style = MaterialTheme.typography.titleMedium)
                    v.topics.forEach { t -> Link(t.title, t.summary) { go(Destination.Topic(v.regionId, t.id)) } }
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        v.previous?.let { p -> BrandOutlinedButton({ go(at.copy(phaseId = p.id)) }, Modifier.heightIn(min = 48.dp)) { Text("← ${p.title}") } }
                        v.next?.let { n -> BrandOutlinedButton({ go(at.copy(phaseId = n.id)) }, Modifier.heightIn(min = 48.dp)) { Text("${n.title} →") } }
                    }
                    Small(v.sourceLine)
                }
            }
        }
        is Destination.Topic -> Load(at, { core.topic(at.topicId) }) { t ->
            Page(t.title) {
                item { Badges(t.badges); Text(t.summary) }
                if (t.checklist.isNotEmpty()) {
                    item { Text(t.checklistHeading, style = MaterialTheme.typography.titleMedium) }
                    items(t.checklist) { c -> Text("☐ $c", Modifier.padding(vertical = 2.dp)) }
                }
                blocks(t.body, perform)
                if (t.phases.isNotEmpty()) {
                    item { Text(t.phasesHeading, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 16.dp)) }
                    items(t.phases) { p -> Link(p.label, p.summary) { go(Destination.Phase(at.regionId, p.id, Role.HUISARTS)) } }
                }
                item { Small(t.sourceLine) }
            }
        }
        is Destination.Beslisboom -> Load(at, { core.beslisboom(at.regionId, at.nodeId) }) { v ->
            Page(v.heading) {
                item { Small(v.treeTitle); v.help?.let { Text(it) } }
                items(v.answers) { a ->
                    BrandOutlinedButton({ go(Destination.Beslisboom(v.regionId, a.next)) }, Modifier.fillMaxWidth().heightIn(min = 48.dp).padding(vertical = 4.dp)) { Text(a.label) }
                }
                v.end?.let { end ->
                    item { Text(end.advice) }
                    end.fallbackLine?.let { f -> item { Text(f, fontWeight = FontWeight.Bold) } }
                    items(end.contacts) { c -> ContactCard(c, perform) }
                    end.facilitiesLabel?.let { label -> item { Link(label) { go(Destination.Hospices(v.regionId)) } } }
                }
                v.back?.let { b -> item { Link(v.backLabel) { go(Destination.Beslisboom(v.regionId, b.takeIf { it != v.start })) } } }
                item { Small(v.sourceLine) }
            }
        }
        is Destination.Hulpmiddelen -> {
            // The chosen filters (values the core gave; empty means all): screen state only.
            var audience by rememberSaveable(at) { mutableStateOf("") }
            var phase by rememberSaveable(at) { mutableStateOf("") }
            // A filter redraws the list in place: the last one stays until the next is there.
            Load(listOf(at, audience, phase), { core.hulpmiddelen(at.regionId, phase, audience) }, keep = true) { v ->
                Page(v.title) {
                    item {
                        Filters(text.audienceFilter, v.audienceFilter, "filter-voor") { audience = it }
                        Filters(text.phaseFilter, v.phaseFilter, "filter-fase") { phase = it }
                        Text(v.countLine, Modifier.padding(top = 8.dp))
                    }
                    // Nothing left: the core offers each filter dropped in turn.
                    items(v.widen) { w ->
                        BrandOutlinedButton({ phase = w.phase; audience = w.audience }, Modifier.heightIn(min = 48.dp).padding(vertical = 4.dp)) { Text(w.label) }
                    }
                    v.groups.forEach { g ->
                        item { Text(g.title, style = MaterialTheme.typography.titleMedium) }
                        items(g.items) { h -> Link(h.title, "${h.description}\n${h.audienceLine}") { h.destination?.let(go) } }
                    }
                }
            }
        }
        Destination.Documents -> Load(at, { core.documents() }) { v ->
            Page(v.title) {
                items(v.documents) { d -> Link(d.title, d.detailLine) { go(Destination.Document(d.id)) } }
            }
        }
        is Destination.Document -> Load(at, { core.document(at.documentId) }) { d ->
            Page(d.title) {
                item {
                    Badges(d.badges)
                    Small(d.detailLine)
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        Effects.share(d)?.let { share -> Button({ perform(share) }, Modifier.heightIn(min = 48.dp)) { Text(text.share) } }
                        Button({ perform(Effects.print(d)) }, Modifier.heightIn(min = 48.dp)) { Text(text.print) }
                    }
                }
                blocks(d.blocks, perform)
                item { Small(d.sourceLine) }
                item { ReportProblem(core, ItemKind.DOCUMENT, d.id, perform) }
            }
        }
        Destination.Glossary, is Destination.Term -> Load(at, { core.glossary() }) { g ->
            val first = (at as? Destination.Term)?.termId
            Page(g.title) {
                items(g.entries.sortedBy { if (it.id == first) 0 else 1 }) { e ->
                    Column(Modifier.padding(vertical = 6.dp)) {
                        Text(e.term, fontWeight = FontWeight.Bold); Text(e.meaning); Small(e.explanation); e.synonymsLine?.let { Small(it) }
                    }
                }
            }
        }
        is Destination.Search -> Search(core, at.regionId, go, perform, text)
        Destination.Sync -> Sync(core, text)
        is Destination.Web -> Problem(text.errorTitle, at.url)
    }
}

@Composable
private fun NowCard(r: NowRow, perform: (Effect) -> Unit) =
    ContactCard(r.contact, perform, r.statusLabel, r.status == NowStatus.OPEN)

@Composable
private fun Regions(core: Palliwijzer, go: (Destination) -> Unit, perform: (Effect) -> Unit) {
    var query by remember { mutableStateOf("") }
    Load(Unit, { core.regions() }) { choice ->
        // The field stays while each keystroke's answer is worked out (the keyboard stays open),
        // and the list shows the last answer until the next one is there: no flicker.
        val found by produceState<Result<RegionSearchView>?>(null, query) {
            value = query.takeIf { it.isNotBlank() }?.let { q -> withContext(Dispatchers.IO) { runCatching { core.findRegion(q) } } }
        }
        val answer = found?.getOrNull()
        val shown: List<RegionOption> = answer?.let { it.matches + it.chooseFrom } ?: choice.regions
        Page(choice.title) {
            item {
                OutlinedTextField(query, { query = it }, label = { Text(choice.prompt) }, singleLine = true, modifier = Modifier.fillMaxWidth().testTag("regio-zoeken"))
                answer?.let { Text(it.message, Modifier.padding(vertical = 8.dp)) }
                answer?.fallback?.let { ContactCard(it, perform) }
                found?.exceptionOrNull()?.let { Text(Messages.of(it), color = MaterialTheme.colorScheme.error, modifier = Modifier.padding(vertical = 8.dp)) }
            }
            items(shown) { r -> Link(r.name, r.municipalities) { go(Destination.Home(r.id)) } }
        }
    }
}

@Composable
private fun Search(core: Palliwijzer, region: String, go: (Destination) -> Unit, perform: (Effect) -> Unit, text: UiText) {
    var query by remember { mutableStateOf("") }
    Column(Modifier.padding(horizontal = 16.dp)) {
        Heading(text.searchTitle)
        OutlinedTextField(query, { query = it }, label = { Text(text.searchLabel) }, singleLine = true, modifier = Modifier.fillMaxWidth().testTag("zoeken"))
        if (query.isNotBlank()) Load(query, { core.search(query, region) }, keep = true) { v ->
            LazyColumn {
                item { Text(v.message, Modifier.padding(vertical = 8.dp)) }
                v.fallback?.let { f -> item { ContactCard(f, perform) } }
                v.groups.forEach { g ->
                    item { Text(g.title, style = MaterialTheme.typography.titleMedium) }
                    items(g.results) { r -> SearchHit(r, go) }
                }
                if (v.mentions.isNotEmpty()) {
                    item { Text(v.mentionsHeading, style = MaterialTheme.typography.titleLarge, modifier = Modifier.padding(top = 16.dp)) }
                    v.mentions.forEach { g ->
                        item { Text(g.title, style = MaterialTheme.typography.titleSmall) }
                        items(g.results) { r -> SearchHit(r, go) }
                    }
                }
            }
        }
    }
}

/** One search result: its title and the snippet with the match in bold; a tap opens it. */
@Composable
private fun SearchHit(r: SearchResult, go: (Destination) -> Unit) {
    Column(Modifier.fillMaxWidth().heightIn(min = 48.dp).clickable { go(r.destination) }.padding(vertical = 10.dp)) {
        Text(r.title, style = MaterialTheme.typography.titleMedium, color = MaterialTheme.colorScheme.primary)
        Text(
            buildAnnotatedString {
                r.snippetParts.forEach { p ->
                    if (p.marked) withStyle(SpanStyle(fontWeight = FontWeight.Bold)) { append(p.text) } else append(p.text)
                }
            },
            style = MaterialTheme.typography.bodySmall,
        )
    }
}

@Composable
private fun Sync(core: Palliwijzer, text: UiText) {
    var round by remember { mutableStateOf(0) }
    var busy by remember { mutableStateOf(false) }
    var outcome by remember { mutableStateOf<SyncOutcome?>(null) }
    // The store itself could not be read or written: the core's Dutch message, never silence.
    var failure by remember { mutableStateOf<String?>(null) }
    val scope = rememberCoroutineScope()
    Load(round, { core.syncStatus() }, keep = true) { s ->
        Column(Modifier.padding(16.dp)) {
            Heading(s.title)
            Text(s.line)
            s.lastAttemptLine?.let { Small(it) }
            outcome?.let { o -> Text(o.message, color = if (o.result == SyncResult.APPLIED || o.result == SyncResult.UNCHANGED) Open else MaterialTheme.colorScheme.error, modifier = Modifier.testTag("sync-uitkomst")) }
            failure?.let { Text(it, color = MaterialTheme.colorScheme.error, modifier = Modifier.testTag("sync-fout")) }
            if (outcome == null && failure == null) s.problem?.let { Text(it, color = MaterialTheme.colorScheme.error) }
            Button(
                onClick = {
                    busy = true
                    scope.launch {
                        val result = withContext(Dispatchers.IO) { runCatching { core.sync() } }
                        outcome = result.getOrNull()
                        failure = result.exceptionOrNull()?.let { Messages.of(it) }
                        busy = false
                        round++
                    }
                },
                enabled = !busy,
                modifier = Modifier.heightIn(min = 48.dp).padding(top = 12.dp),
            ) { Text(if (busy) text.syncing else text.syncNow) }
        }
    }
}

/** At most [max] characters (as the core counts them: code points) of [value]. */
private fun limited(value: String, max: UInt): String {
    val n = max.toInt()
    return if (value.codePointCount(0, value.length) <= n) value else value.substring(0, value.offsetByCodePoints(0, n))
}

/**
 * The report about a contact, facility or document: a button that opens the form, the core's
 * words and limits, and its answer. Refused input keeps everything typed, with the core's reason.
 */
@Composable
private fun ReportProblem(core: Palliwijzer, kind: ItemKind, itemId: String, perform: (Effect) -> Unit) {
    val form = remember { reportForm() }
    var open by rememberSaveable(itemId) { mutableStateOf(false) }
    var what by rememberSaveable(itemId) { mutableStateOf("") }
    var right by rememberSaveable(itemId) { mutableStateOf("") }
    var reach by rememberSaveable(itemId) { mutableStateOf("") }
    var problem by rememberSaveable(itemId) { mutableStateOf<String?>(null) }
    var answer by rememberSaveable(itemId) { mutableStateOf<String?>(null) }
    var busy by remember { mutableStateOf(false) }
    val scope = rememberCoroutineScope()
    Column(Modifier.fillMaxWidth().padding(top = 4.dp).testTag("melding")) {
        answer?.let { Text(it, fontWeight = FontWeight.Bold, modifier = Modifier.padding(vertical = 4.dp).testTag("melding-uitkomst")) }
        if (!open) {
            TextButton({ open = true; answer = null }, Modifier.heightIn(min = 48.dp)) { Text(form.title) }
        } else {
            Text(form.title, style = MaterialTheme.typography.titleMedium)
            Text(form.intro, Modifier.padding(vertical = 4.dp))
            OutlinedTextField(what, { what = limited(it, form.whatMaxChars) }, label = { Text(form.whatLabel) }, minLines = 3, modifier = Modifier.fillMaxWidth().testTag("melding-wat"))
            OutlinedTextField(right, { right = limited(it, form.rightMaxChars) }, label = { Text(form.rightLabel) }, singleLine = true, modifier = Modifier.fillMaxWidth().testTag("melding-juist"))
            OutlinedTextField(reach, { reach = limited(it, form.reachMaxChars) }, label = { Text(form.reachLabel) }, singleLine = true, modifier = Modifier.fillMaxWidth().testTag("melding-bereik"))
            problem?.let { Text(it, color = MaterialTheme.colorScheme.error, modifier = Modifier.padding(vertical = 4.dp).testTag("melding-fout")) }
            Small(form.privacy)
            Button(
                onClick = {
                    busy = true
                    problem = null
                    val typed = Triple(what, right, reach)
                    scope.launch {
                        val result = withContext(Dispatchers.IO) {
                            runCatching { core.reportProblem(kind, itemId, typed.first, typed.second, typed.third) }
                        }
                        busy = false
                        result.fold(
                            onSuccess = { o ->
                                answer = o.message
                                if (o.waiting > 0u) perform(Effect.SendWhenOnline)
                                what = ""; right = ""; reach = ""
                                open = false
                            },
                            onFailure = { e -> problem = Messages.of(e) },
                        )
                    }
                },
                enabled = !busy,
                modifier = Modifier.heightIn(min = 48.dp).padding(top = 8.dp).testTag("melding-versturen"),
            ) { Text(form.send) }
        }
    }
}

/** The screen when no store can be opened: the core's message and a way forward. */
@Composable
fun StoreProblem(message: String, restore: () -> Unit) {
    val text = remember { shellText() }
    Surface(Modifier.fillMaxSize(), color = Color(0xFFF7F7F4)) {
        Problem(text.storeProblemTitle, message) {
            Button(restore, Modifier.heightIn(min = 48.dp)) { Text(text.restoreBundled) }
        }
    }
}
