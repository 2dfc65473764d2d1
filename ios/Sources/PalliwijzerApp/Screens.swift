// SwiftUI screens, one per core view model. Every word, order and mark comes from the core.
import Palliwijzer
import SwiftUI

struct Badges: View {
    let badges: [Badge]
    var body: some View {
        ForEach(badges, id: \.text) { b in
            Text(b.text).font(.caption.bold()).padding(4)
                .background(b.tone == .voorbeeld ? Color.red : Color.yellow).foregroundColor(b.tone == .voorbeeld ? .white : .black)
        }
    }
}

struct ContactCard: View {
    let row: ContactRow
    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Text(row.name).font(.headline)
            Badges(badges: row.badges)
            Text(row.callFor)
            ForEach(row.actions, id: \.uri) { a in
                Button(a.label) { Core.perform(a) }.buttonStyle(.borderedProminent).frame(minHeight: 48)
            }
            if let h = row.openingHours { Text("Bereikbaar: \(h)").font(.footnote) }
            if let n = row.note { Text(n).font(.footnote) }
            Text(row.sourceLine).font(.footnote).foregroundColor(.secondary)
        }
    }
}

/// Runs a core call; shows its Dutch message when it fails.
struct Loaded<T, Content: View>: View {
    let load: () throws -> T
    @ViewBuilder let content: (T) -> Content
    var body: some View {
        switch Result(catching: load) {
        case .success(let value): content(value)
        case .failure(let error): Text(error.localizedDescription).padding()
        }
    }
}

public struct RegionsView: View {
    @State private var query = ""
    public init() {}
    public var body: some View {
        Loaded(load: { try Core.shared.api.regions() }) { choice in
            List {
                TextField(choice.prompt, text: $query)
                if !query.isEmpty, let found = try? Core.shared.api.findRegion(query: query) {
                    Text(found.message)
                    ForEach(found.matches, id: \.id) { r in NavigationLink(r.name) { HomeView(region: r.id) } }
                } else {
                    ForEach(choice.regions, id: \.id) { r in NavigationLink(r.name) { HomeView(region: r.id) } }
                }
            }.navigationTitle(choice.title)
        }
    }
}

struct HomeView: View {
    let region: String
    var body: some View {
        List {
            NavigationLink("Wie bel ik nu?") { NowView(region: region) }
            NavigationLink("Hospice met plek") { HospicesView(region: region) }
            NavigationLink("Voor de patiënt") { DocumentsView() }
            NavigationLink("Zorgpad") { ZorgpadView(region: region) }
            NavigationLink("Beslisboom") { BeslisboomView(region: region, node: nil) }
            NavigationLink("Hulpmiddelen") { HulpmiddelenView(region: region) }
            NavigationLink("Zoeken") { SearchView(region: region) }
            NavigationLink("Gegevens en bijwerken") { SyncView() }
        }
        .onAppear { UserDefaults.standard.set(region, forKey: "region") }
    }
}

struct NowView: View {
    let region: String
    var body: some View {
        Loaded(load: { try Core.shared.api.wieBelIkNu(regionId: region, atUnixSeconds: nil) }) { v in
            List {
                Text("\(v.moment). \(v.period)")
                ForEach(v.rows, id: \.contact.id) { r in
                    VStack(alignment: .leading) { Text(r.statusLabel).font(.caption.bold()); ContactCard(row: r.contact) }
                }
            }.navigationTitle(v.title)
        }
    }
}

struct HospicesView: View {
    let region: String
    var body: some View {
        Loaded(load: { try Core.shared.api.availability(regionId: region, feedUrl: Config.feedURL) }) { v in
            List {
                Text(v.freshness)
                ForEach(v.rows, id: \.id) { r in
                    VStack(alignment: .leading) {
                        Text(r.name).font(.headline)
                        Text("\(r.statusLabel) · \(r.bedsLabel)")
                        Text(r.ageLabel).font(.footnote)
                        if let o = r.outdatedLabel { Text(o).foregroundColor(.orange) }
                        if let n = r.note { Text(n) }
                    }
                }
            }.navigationTitle(v.title)
        }
    }
}

struct ZorgpadView: View {
    let region: String
    var body: some View {
        Loaded(load: { try Core.shared.api.zorgpad(regionId: region) }) { v in
            List {
                if let n = v.notice { Text(n) }
                ForEach(v.phases, id: \.id) { p in NavigationLink("\(p.order). \(p.title)") { PhaseView(region: region, id: p.id, role: .huisarts) } }
            }.navigationTitle(v.title)
        }
    }
}

struct PhaseView: View {
    let region: String
    let id: String
    @State var role: Role
    var body: some View {
        Loaded(load: { try Core.shared.api.phase(regionId: region, phaseId: id, role: role) }) { v in
            List {
                Text(v.position); Badges(badges: v.badges); Text(v.summary)
                Picker("Rol", selection: $role) { ForEach(v.roles, id: \.label) { o in Text(o.label).tag(o.role) } }.pickerStyle(.segmented)
                Section(v.actionsHeading) { ForEach(v.actions, id: \.self) { Text($0) } }
                Section("Wie") { Text(v.wie) }
                Section("Hoe") { Text(v.hoe) }
                ForEach(v.background, id: \.heading) { s in Section(s.heading) { Text(s.text) } }
                Text(v.sourceLine).font(.footnote)
            }.navigationTitle(v.title)
        }
    }
}

struct BeslisboomView: View {
    let region: String
    let node: String?
    var body: some View {
        Loaded(load: { try Core.shared.api.beslisboom(regionId: region, nodeId: node) }) { v in
            List {
                Text(v.heading).font(.title3.bold())
                if let h = v.help { Text(h) }
                ForEach(v.answers, id: \.next) { a in NavigationLink(a.label) { BeslisboomView(region: region, node: a.next) } }
                if let end = v.end {
                    Text(end.advice)
                    ForEach(end.contacts, id: \.id) { ContactCard(row: $0) }
                    if let label = end.facilitiesLabel { NavigationLink(label) { HospicesView(region: region) } }
                }
            }.navigationTitle(v.treeTitle)
        }
    }
}

struct HulpmiddelenView: View {
    let region: String
    var body: some View {
        Loaded(load: { try Core.shared.api.hulpmiddelen(regionId: region, phaseId: nil, audience: nil) }) { v in
            List {
                ForEach(v.groups, id: \.title) { g in
                    Section(g.title) {
                        ForEach(g.items, id: \.id) { h in
                            if let u = h.url, let url = URL(string: u) { Link(h.title, destination: url) } else { Text(h.title) }
                        }
                    }
                }
            }.navigationTitle(v.title)
        }
    }
}

struct DocumentsView: View {
    var body: some View {
        Loaded(load: { try Core.shared.api.documents() }) { v in
            List(v.documents, id: \.id) { d in NavigationLink("\(d.title) (\(d.paper))") { DocumentView(id: d.id) } }.navigationTitle(v.title)
        }
    }
}

struct DocumentView: View {
    let id: String
    var body: some View {
        Loaded(load: { try Core.shared.api.document(documentId: id) }) { d in
            ScrollView {
                Badges(badges: d.badges)
                Text((try? AttributedString(markdown: d.summary)) ?? AttributedString(d.summary))
                HTMLText(html: d.html)
                Text(d.sourceLine).font(.footnote)
            }
            .navigationTitle(d.title)
            .toolbar {
                ShareLink(item: URL(string: "\(Config.siteURL)/documenten/\(d.id)")!, subject: Text(d.title), message: Text(d.shareText))
            }
        }
    }
}

/// The core's sanitized HTML, shown as attributed text.
struct HTMLText: View {
    let html: String
    var body: some View {
        let data = Data(html.utf8)
        let text = (try? NSAttributedString(data: data, options: [.documentType: NSAttributedString.DocumentType.html, .characterEncoding: String.Encoding.utf8.rawValue], documentAttributes: nil))
        Text(AttributedString(text ?? NSAttributedString(string: html)))
    }
}

struct SearchView: View {
    let region: String
    @State private var query = ""
    var body: some View {
        List {
            TextField("Zoeken", text: $query)
            if !query.isEmpty, let v = try? Core.shared.api.search(query: query, regionId: region) {
                Text(v.message)
                ForEach(v.groups, id: \.title) { g in
                    Section(g.title) { ForEach(g.results, id: \.rank) { r in VStack(alignment: .leading) { Text(r.title); Text(r.snippet).font(.footnote) } } }
                }
            }
        }.navigationTitle("Zoeken")
    }
}

struct SyncView: View {
    var body: some View {
        Loaded(load: { try Core.shared.api.syncStatus() }) { s in
            List {
                Text(s.line)
                if let p = s.problem ?? UserDefaults.standard.string(forKey: "lastProblem") { Text(p).foregroundColor(.red) }
                Button("Nu bijwerken") { Core.shared.syncNow() }
            }.navigationTitle("Gegevens")
        }
    }
}
