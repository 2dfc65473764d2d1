// SwiftUI screens: the same core destinations and view models the Android Compose screens
// draw (android/app/src/main/java/nl/palliwijzer/ui/App.kt), one view per destination. Every
// word, order, mark and link comes from the core; core calls run off the main thread.
import Palliwijzer
import SwiftUI

/// Runs a core call off the main thread; a visible loading state meanwhile, and the core's
/// Dutch message when it fails.
struct Loaded<T, Content: View>: View {
    let key: AnyHashable
    let load: () throws -> T
    /// The last answer stays drawn until the next is there (search as you type).
    var keep = false
    @ViewBuilder let content: (T) -> Content
    @State private var result: Result<T, Error>?
    private let text = shellText()

    var body: some View {
        Group {
            switch result {
            case .none: ProgressView(text.loading).padding()
            case .success(let value): content(value)
            case .failure(let error):
                VStack(alignment: .leading, spacing: 8) {
                    Text(text.errorTitle).font(.title3.bold())
                    Text(message(of: error))
                }.padding()
            }
        }
        .task(id: key) {
            if !keep { result = nil }
            let call = load
            result = await Task.detached { Result(catching: call) }.value
        }
    }
}

struct Badges: View {
    let badges: [Badge]
    var body: some View {
        ForEach(badges, id: \.text) { b in
            Text(b.text).font(.caption.bold()).padding(4)
                .background(b.tone == .voorbeeld ? Color.red : Color.yellow)
                .foregroundColor(b.tone == .voorbeeld ? .white : .black)
        }
    }
}

struct Actions: View {
    let actions: [ContactAction]
    var body: some View {
        ForEach(actions, id: \.uri) { a in
            // Calling is what the card is for: prominent. Website and e-mail bordered, as on the website.
            if a.kind == .call {
                Button(a.label) { Core.open(uri: a.uri) }.buttonStyle(.borderedProminent).frame(minHeight: 48)
            } else {
                Button(a.label) { Core.open(uri: a.uri) }.buttonStyle(.bordered).frame(minHeight: 48)
            }
        }
    }
}

/// What the core says is missing or needs care, on the website's soft yellow (`--warn-bg`,
/// `--warn-ink`): orange text on white is too faint to read in daylight.
struct Notice: View {
    let text: String
    var body: some View {
        Text(text)
            .foregroundColor(Color(red: 0x5C / 255, green: 0x3D / 255, blue: 0))
            .padding(12)
            .frame(maxWidth: .infinity, alignment: .leading)
            .background(Color(red: 1, green: 0xF1 / 255, blue: 0xC2 / 255))
            .cornerRadius(8)
    }
}

struct ContactCard: View {
    let row: ContactRow
    var status: String? = nil
    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            if let s = status { Text(s).font(.subheadline.bold()) }
            Text(row.name).font(.headline)
            Badges(badges: row.badges)
            Text(row.callFor)
            Actions(actions: row.actions)
            if let h = row.hoursLine { Text(h).font(.footnote) }
            if let n = row.note { Text(n).font(.footnote) }
            Text(row.sourceLine).font(.footnote).foregroundColor(.secondary)
        }
    }
}

struct MenuList: View {
    let items: [MenuItem]
    let go: (Destination) -> Void
    var body: some View {
        ForEach(items, id: \.label) { m in
            Button { go(m.target) } label: {
                VStack(alignment: .leading) { Text(m.label).font(.headline); Text(m.hint).font(.footnote) }
            }.frame(minHeight: 48)
        }
    }
}

/// One screen per destination, the same set as on Android.
struct DestinationView: View {
    let api: Palliwijzer
    let at: Destination
    let go: (Destination) -> Void
    private let text = shellText()

    var body: some View {
        switch at {
        case .regions:
            RegionsView(api: api, go: go)
        case .home(let region):
            Loaded(key: at, load: { try api.home(regionId: region) }) { h in
                List {
                    if let n = h.notice { Notice(text: n) }
                    MenuList(items: h.primary, go: go)
                    Section(h.moreHeading) { MenuList(items: h.more, go: go) }
                    MenuList(items: [h.changeRegion], go: go)
                }.navigationTitle(h.title)
            }
        case .now(let region):
            Loaded(key: at, load: { try api.wieBelIkNu(regionId: region, atUnixSeconds: nil) }) { v in
                List {
                    Text(v.period)
                    Text(v.computedLine).font(.footnote)
                    ForEach(v.rows, id: \.contact.id) { r in ContactCard(row: r.contact, status: r.statusLabel) }
                    if !v.otherRows.isEmpty {
                        Section(v.otherHeading) {
                            ForEach(v.otherRows, id: \.contact.id) { r in ContactCard(row: r.contact, status: r.statusLabel) }
                        }
                    }
                }.navigationTitle(v.title)
            }
        case .wieBelIk(let region):
            Loaded(key: at, load: { try api.wieBelIk(regionId: region) }) { v in
                List {
                    Text(v.intro)
                    if let n = v.notice { Notice(text: n) }
                    ForEach(v.groups, id: \.title) { g in Section(g.title) { ForEach(g.rows, id: \.id) { ContactCard(row: $0) } } }
                }.navigationTitle(v.title)
            }
        case .contact(_, let id):
            Loaded(key: at, load: { try api.contact(contactId: id) }) { r in
                List {
                    ContactCard(row: r)
                    ReportProblemView(api: api, kind: .contact, itemId: r.id)
                }.navigationTitle(r.name)
            }
        case .hospices(let region):
            Loaded(key: at, load: { try api.hospices(regionId: region) }) { v in
                List {
                    if !v.freshness.isEmpty {
                        Text(v.freshness).bold()
                        Text(v.intro).font(.footnote)
                    }
                    if let m = v.emptyMessage { Notice(text: m) }
                    Actions(actions: v.emptyActions)
                    ForEach(v.rows, id: \.id) { r in
                        VStack(alignment: .leading, spacing: 6) {
                            Text(r.name).font(.headline)
                            Badges(badges: r.badges)
                            Text("\(r.statusLabel) · \(r.bedsLabel)").bold()
                            if let a = r.ageLabel { Text(a).font(.footnote) }
                            if let o = r.outdatedLabel { Notice(text: o) }
                            if let n = r.noteLine { Text(n) }
                            Text("\(r.kindPlace) · \(r.capacity)").font(.footnote)
                            Actions(actions: r.actions)
                            if let route = r.routeLine { Text(route).font(.footnote) }
                            Text(r.sourceLine).font(.footnote).foregroundColor(.secondary)
                        }
                        ReportProblemView(api: api, kind: .facility, itemId: r.id)
                    }
                }.navigationTitle(v.title)
            }
        case .zorgpad(let region):
            Loaded(key: at, load: { try api.zorgpad(regionId: region) }) { v in
                List {
                    Text(v.intro)
                    if let n = v.notice { Notice(text: n) }
                    ForEach(v.phases, id: \.id) { p in
                        Button(p.label) { go(.phase(regionId: region, phaseId: p.id, role: .huisarts)) }
                    }
                    if !v.topics.isEmpty {
                        Section(v.topicsHeading) {
                            ForEach(v.topics, id: \.id) { t in Button(t.title) { go(.topic(regionId: region, topicId: t.id)) } }
                        }
                    }
                }.navigationTitle(v.title)
            }
        case .phase(let region, let id, let role):
            PhaseView(api: api, region: region, phaseId: id, role: role, go: go)
        case .topic(let region, let id):
            Loaded(key: at, load: { try api.topic(topicId: id) }) { t in
                List {
                    Badges(badges: t.badges); Text(t.summary)
                    if !t.checklist.isEmpty { Section(t.checklistHeading) { ForEach(t.checklist, id: \.self) { Text($0) } } }
                    Blocks(blocks: t.body)
                    if !t.phases.isEmpty {
                        Section(t.phasesHeading) {
                            ForEach(t.phases, id: \.id) { p in Button(p.label) { go(.phase(regionId: region, phaseId: p.id, role: .huisarts)) } }
                        }
                    }
                    Text(t.sourceLine).font(.footnote)
                }.navigationTitle(t.title)
            }
        case .beslisboom(let region, let node):
            Loaded(key: at, load: { try api.beslisboom(regionId: region, nodeId: node) }) { v in
                List {
                    Text(v.heading).font(.title3.bold())
                    if let h = v.help { Text(h) }
                    ForEach(v.answers, id: \.next) { a in Button(a.label) { go(.beslisboom(regionId: region, nodeId: a.next)) }.frame(minHeight: 48) }
                    if let end = v.end {
                        Text(end.advice)
                        if let f = end.fallbackLine { Text(f).bold() }
                        ForEach(end.contacts, id: \.id) { ContactCard(row: $0) }
                        if let label = end.facilitiesLabel { Button(label) { go(.hospices(regionId: region)) } }
                    }
                    Text(v.sourceLine).font(.footnote)
                }.navigationTitle(v.treeTitle)
            }
        case .hulpmiddelen(let region):
            HulpmiddelenScreen(api: api, region: region, go: go)
        case .documents:
            Loaded(key: at, load: { try api.documents() }) { v in
                List(v.documents, id: \.id) { d in
                    Button { go(.document(documentId: d.id)) } label: {
                        VStack(alignment: .leading) { Text(d.title).font(.headline); Text(d.detailLine).font(.footnote) }
                    }
                }.navigationTitle(v.title)
            }
        case .document(let id):
            Loaded(key: at, load: { try api.document(documentId: id) }) { d in
                ScrollView {
                    VStack(alignment: .leading, spacing: 8) {
                        Badges(badges: d.badges)
                        Text(d.detailLine).font(.footnote)
                        Blocks(blocks: d.blocks)
                        Text(d.sourceLine).font(.footnote)
                        ReportProblemView(api: api, kind: .document, itemId: d.id)
                    }.padding()
                }
                .navigationTitle(d.title)
                .toolbar {
                    if let u = d.shareUrl, let url = URL(string: u) {
                        ShareLink(text.share, item: url, subject: Text(d.title), message: Text(d.shareText))
                    }
                    Button(text.print) { Core.print(d) }
                }
            }
        case .glossary, .term:
            Loaded(key: at, load: { try api.glossary() }) { g in
                List(g.entries, id: \.id) { e in
                    VStack(alignment: .leading) {
                        Text(e.term).bold(); Text(e.meaning); Text(e.explanation).font(.footnote)
                        if let s = e.synonymsLine { Text(s).font(.footnote) }
                    }
                }.navigationTitle(g.title)
            }
        case .search(let region):
            SearchView(api: api, region: region, go: go)
        case .sync:
            SyncView(api: api)
        case .web(let url):
            Text(url).onAppear { Core.open(uri: url) }
        }
    }
}

/// A zorgpad phase. The role chips show the same phase for another role in place (screen
/// state): Back leaves the phase instead of stepping through the roles.
struct PhaseView: View {
    let api: Palliwijzer
    let region: String
    let phaseId: String
    @State var role: Role
    let go: (Destination) -> Void

    var body: some View {
        Loaded(key: [phaseId, "\(role)"], load: { try api.phase(regionId: region, phaseId: phaseId, role: role) }, keep: true) { v in
            List {
                Text(v.position); Badges(badges: v.badges); Text(v.summary)
                // Buttons side by side in one row: borderless, or a tap would fire them all.
                HStack {
                    ForEach(v.roles, id: \.label) { o in
                        Button(o.label) { role = o.role }.buttonStyle(.borderless).disabled(o.selected)
                    }
                }
                Section(v.actionsHeading) { ForEach(v.actions, id: \.self) { Text($0) } }
                Section(v.wieHeading) { Text(v.wie) }
                Section(v.hoeHeading) { Text(v.hoe) }
                ForEach(v.background, id: \.heading) { s in Section(s.heading) { Text(s.text) } }
                if !v.body.isEmpty { Blocks(blocks: v.body) }
                if !v.hulpmiddelen.isEmpty {
                    Section(v.hulpmiddelenHeading) {
                        ForEach(v.hulpmiddelen, id: \.id) { h in Button(h.title) { if let d = h.destination { go(d) } } }
                    }
                }
                if !v.topics.isEmpty {
                    Section(v.topicsHeading) {
                        ForEach(v.topics, id: \.id) { t in Button(t.title) { go(.topic(regionId: region, topicId: t.id)) } }
                    }
                }
                HStack {
                    if let p = v.previous {
                        Button("← \(p.title)") { go(.phase(regionId: region, phaseId: p.id, role: role)) }.buttonStyle(.borderless)
                    }
                    Spacer()
                    if let n = v.next {
                        Button("\(n.title) →") { go(.phase(regionId: region, phaseId: n.id, role: role)) }.buttonStyle(.borderless)
                    }
                }
                Text(v.sourceLine).font(.footnote)
            }.navigationTitle(v.title)
        }
    }
}

struct RegionsView: View {
    let api: Palliwijzer
    let go: (Destination) -> Void
    @State private var query = ""
    /// The answer for the last query typed; kept until the next one is there (no flicker).
    @State private var found: Result<RegionSearchView, Error>?
    var body: some View {
        Loaded(key: "regions", load: { try api.regions() }) { choice in
            List {
                // Outside the per-keystroke work: the field keeps its focus, and the keyboard stays.
                TextField(choice.prompt, text: $query)
                switch found {
                case .success(let f)?:
                    Text(f.message)
                    if let line = f.fallback { ContactCard(row: line) }
                case .failure(let error)?:
                    Text(message(of: error)).foregroundColor(.red)
                case nil:
                    EmptyView()
                }
                ForEach(shown(choice), id: \.id) { r in
                    Button { go(.home(regionId: r.id)) } label: {
                        VStack(alignment: .leading) { Text(r.name).font(.headline); Text(r.municipalities).font(.footnote) }
                    }
                }
            }.navigationTitle(choice.title)
        }
        .task(id: query) {
            guard !query.isEmpty else { found = nil; return }
            let (q, api) = (query, api)
            found = await Task.detached { Result { try api.findRegion(query: q) } }.value
        }
    }

    private func shown(_ choice: RegionChoiceView) -> [RegionOption] {
        if case .success(let f)? = found { return f.matches + f.chooseFrom }
        return choice.regions
    }
}

/// One search result: its title and the snippet with the match in bold; a tap opens it.
struct SearchHit: View {
    let result: SearchResult
    let go: (Destination) -> Void
    var body: some View {
        Button { go(result.destination) } label: {
            VStack(alignment: .leading) {
                Text(result.title)
                result.snippetParts.reduce(Text("")) { t, p in t + (p.marked ? Text(p.text).bold() : Text(p.text)) }.font(.footnote)
            }
        }
    }
}

struct SearchView: View {
    let api: Palliwijzer
    let region: String
    let go: (Destination) -> Void
    @State private var query = ""
    private let text = shellText()
    var body: some View {
        List {
            TextField(text.searchLabel, text: $query)
            if !query.isEmpty {
                Loaded(key: query, load: { try api.search(query: query, regionId: region) }, keep: true) { v in
                    Text(v.message)
                    if let line = v.fallback { ContactCard(row: line) }
                    ForEach(v.groups, id: \.title) { g in
                        Section(g.title) { ForEach(g.results, id: \.rank) { SearchHit(result: $0, go: go) } }
                    }
                    if !v.mentions.isEmpty {
                        Text(v.mentionsHeading).font(.headline)
                        ForEach(v.mentions, id: \.title) { g in
                            Section(g.title) { ForEach(g.results, id: \.rank) { SearchHit(result: $0, go: go) } }
                        }
                    }
                }
            }
        }.navigationTitle(text.searchTitle)
    }
}

struct SyncView: View {
    let api: Palliwijzer
    @State private var round = 0
    @State private var busy = false
    @State private var outcome: SyncOutcome?
    /// The store itself could not be read or written: the core's Dutch message, never silence.
    @State private var failure: String?
    private let text = shellText()
    var body: some View {
        Loaded(key: round, load: { try api.syncStatus() }, keep: true) { s in
            List {
                Text(s.line)
                if let a = s.lastAttemptLine { Text(a).font(.footnote) }
                if let f = failure { Text(f).foregroundColor(.red) }
                else if let o = outcome { Text(o.message).foregroundColor(o.result == .applied || o.result == .unchanged ? .green : .red) }
                else if let p = s.problem { Text(p).foregroundColor(.red) }
                Button(busy ? text.syncing : text.syncNow) {
                    busy = true
                    Task {
                        let result = await Task.detached { Result { try api.sync() } }.value
                        switch result {
                        case .success(let o): outcome = o; failure = nil
                        case .failure(let error): outcome = nil; failure = message(of: error)
                        }
                        busy = false
                        round += 1
                    }
                }.disabled(busy)
            }.navigationTitle(s.title)
        }
    }
}

/// The report about a contact, facility or document: a button that opens the form, the core's
/// words and limits, and its answer. Refused input keeps everything typed, with the core's reason.
struct ReportProblemView: View {
    let api: Palliwijzer
    let kind: ItemKind
    let itemId: String
    @State private var open = false
    @State private var what = ""
    @State private var right = ""
    @State private var reach = ""
    @State private var problem: String?
    @State private var answer: String?
    @State private var busy = false
    private let form = reportForm()

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            if let a = answer { Text(a).bold() }
            if !open {
                Button(form.title) {
                    open = true
                    answer = nil
                }.buttonStyle(.borderless).frame(minHeight: 48)
            } else {
                Text(form.title).font(.headline)
                Text(form.intro)
                field(form.whatLabel, limited($what, form.whatMaxChars), multiline: true)
                field(form.rightLabel, limited($right, form.rightMaxChars))
                field(form.reachLabel, limited($reach, form.reachMaxChars))
                if let p = problem { Text(p).foregroundColor(.red) }
                Text(form.privacy).font(.footnote)
                Button(form.send) {
                    busy = true
                    problem = nil
                    let (w, r, b) = (what, right, reach)
                    let (api, kind, itemId) = (self.api, self.kind, self.itemId)
                    Task {
                        let result = await Task.detached {
                            Result(catching: { try api.reportProblem(kind: kind, itemId: itemId, what: w, rightValue: r, reach: b) })
                        }.value
                        busy = false
                        switch result {
                        case .success(let outcome):
                            answer = outcome.message
                            if outcome.waiting > 0 { BackgroundSync.sendSoon() }
                            what = ""
                            right = ""
                            reach = ""
                            open = false
                        case .failure(let error):
                            problem = message(of: error)
                        }
                    }
                }.buttonStyle(.borderedProminent).frame(minHeight: 48).disabled(busy)
            }
        }
    }

    /// A text field under its visible label (the core's words).
    private func field(_ label: String, _ text: Binding<String>, multiline: Bool = false) -> some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(label).font(.subheadline)
            if multiline {
                TextField("", text: text, axis: .vertical).lineLimit(3...8).textFieldStyle(.roundedBorder).accessibilityLabel(Text(label))
            } else {
                TextField("", text: text).textFieldStyle(.roundedBorder).accessibilityLabel(Text(label))
            }
        }
    }

    /// Keeps at most `max` characters, counted as the core counts them (Unicode scalars).
    private func limited(_ value: Binding<String>, _ max: UInt32) -> Binding<String> {
        Binding(
            get: { value.wrappedValue },
            set: { typed in
                let scalars = typed.unicodeScalars
                value.wrappedValue = scalars.count <= Int(max) ? typed : String(String.UnicodeScalarView(scalars.prefix(Int(max))))
            }
        )
    }
}

/// The way forward when no store can be opened: the core's message, and the bundled copy back.
struct StoreProblemView: View {
    let message: String
    let restore: () -> Void
    private let text = shellText()
    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            Text(text.storeProblemTitle).font(.title2.bold())
            Text(message)
            Button(text.restoreBundled, action: restore).buttonStyle(.borderedProminent)
        }.padding()
    }
}

/// The hulpmiddelen with the filters the core offers; the chosen values are screen state only.
struct HulpmiddelenScreen: View {
    let api: Palliwijzer
    let region: String
    let go: (Destination) -> Void
    private let text = shellText()
    @State private var audience = ""
    @State private var phase = ""

    var body: some View {
        Loaded(key: [region, audience, phase], load: { [audience, phase] in
            try api.hulpmiddelen(regionId: region, phaseId: phase, audience: audience)
        }, keep: true) { v in
            List {
                Picker(text.audienceFilter, selection: $audience) {
                    ForEach(v.audienceFilter, id: \.value) { o in Text(o.label).tag(o.value) }
                }
                Picker(text.phaseFilter, selection: $phase) {
                    ForEach(v.phaseFilter, id: \.value) { o in Text(o.label).tag(o.value) }
                }
                Text(v.countLine)
                // Nothing left: the core offers each filter dropped in turn.
                ForEach(v.widen, id: \.label) { w in
                    Button(w.label) { phase = w.phase; audience = w.audience }
                }
                ForEach(v.groups, id: \.title) { g in
                    Section(g.title) {
                        ForEach(g.items, id: \.id) { h in
                            Button { if let d = h.destination { go(d) } } label: {
                                VStack(alignment: .leading) { Text(h.title); Text(h.audienceLine).font(.footnote) }
                            }
                        }
                    }
                }
            }.navigationTitle(v.title)
        }
    }
}

/// A body the core cut into blocks (headings, paragraphs, numbered or bulleted items,
/// quotes), drawn as native text at the reader's own text size.
struct Blocks: View {
    let blocks: [TextBlock]
    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            ForEach(Array(blocks.enumerated()), id: \.offset) { _, b in BlockView(block: b) }
        }
    }
}

struct BlockView: View {
    let block: TextBlock
    var body: some View {
        let text = Text(Self.attributed(block.spans))
        let indent = CGFloat(block.depth) * 16
        switch block.kind {
        case .heading: text.font(.title3.bold()).padding(.top, 12).accessibilityAddTraits(.isHeader)
        case .subheading: text.font(.headline).padding(.top, 8).accessibilityAddTraits(.isHeader)
        case .paragraph: text.padding(.leading, indent)
        case .listItem:
            HStack(alignment: .firstTextBaseline, spacing: 8) {
                Text(block.marker ?? "").frame(minWidth: 20, alignment: .leading)
                text
            }.padding(.leading, indent)
        case .quote: text.italic().padding(8).background(Color.secondary.opacity(0.12)).padding(.leading, indent)
        }
    }

    /// The spans as one text: bold, italic, and links the system opens.
    static func attributed(_ spans: [TextSpan]) -> AttributedString {
        var out = AttributedString()
        for s in spans {
            var part = AttributedString(s.text)
            var intent: InlinePresentationIntent = []
            if s.strong { intent.insert(.stronglyEmphasized) }
            if s.emphasis { intent.insert(.emphasized) }
            if !intent.isEmpty { part.inlinePresentationIntent = intent }
            if let l = s.link, let url = URL(string: l) { part.link = url }
            out += part
        }
        return out
    }
}
