// The Compose journeys (android/ui-tests/src/nl/palliwijzer/ui/JourneysTest.kt) for iOS, on a
// Mac: the same core calls the SwiftUI screens make, against the real library and a store built
// from the bundled content (`palliwijzer content build content --out
// Tests/PalliwijzerAppTests/Resources/palliwijzer.sqlite` before `swift test`). Cannot be
// compiled on the project's Linux machines (no Swift toolchain, no Apple SDK).
import Palliwijzer
@testable import PalliwijzerApp
import XCTest

final class JourneysTests: XCTestCase {
    private func config(sync: String = "http://127.0.0.1:9/sync", site: String = "https://palliwijzer.example") -> AppConfig {
        AppConfig(siteUrl: site, feedUrl: "http://127.0.0.1:9/feed", syncUrl: sync,
                  rootKeyHex: String(repeating: "00", count: 32))
    }

    private func store() throws -> String {
        let bundled = try XCTUnwrap(Bundle.module.url(forResource: "palliwijzer", withExtension: "sqlite"))
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString + ".sqlite")
        try FileManager.default.copyItem(at: bundled, to: copy)
        return copy.path
    }

    func testPostcodeToRegionToNowToACallAtNight() throws {
        let api = try Palliwijzer.open(path: try store(), config: config())
        let found = try api.findRegion(query: "2031")
        XCTAssertEqual(found.matches.first?.id, "noord-holland-zuid")
        let home = try api.home(regionId: "noord-holland-zuid")
        XCTAssertEqual(home.primary.first?.target, .now(regionId: "noord-holland-zuid"))
        let christmasNight: Int64 = 1798164000
        let now = try api.wieBelIkNu(regionId: "noord-holland-zuid", atUnixSeconds: christmasNight)
        XCTAssertEqual(now.rows.first?.contact.id, "nhz-huisartsenpost")
        XCTAssertEqual(now.rows.first?.contact.actions.first?.uri, "tel:+31232242526")
    }

    func testHospicesWithoutAFeedStillOfferANumber() throws {
        let api = try Palliwijzer.open(path: try store(), config: config())
        let v = try api.hospices(regionId: "noord-holland-zuid")
        XCTAssertTrue(v.offline)
        for row in v.rows { XCTAssertTrue(row.actions.contains { $0.kind == .call }, row.name) }
    }

    func testTheBeslisboomEndsInANumber() throws {
        let api = try Palliwijzer.open(path: try store(), config: config())
        var step = try api.beslisboom(regionId: "noord-holland-zuid", nodeId: nil)
        while step.end == nil { step = try api.beslisboom(regionId: "noord-holland-zuid", nodeId: step.answers[0].next) }
        XCTAssertTrue(step.end!.contacts.contains { $0.phone != nil })
    }

    func testADocumentHasItsShareLinkAndPaper() throws {
        let api = try Palliwijzer.open(path: try store(), config: config())
        let d = try api.document(documentId: "levenswensenkaart")
        XCTAssertEqual(d.shareUrl, "https://palliwijzer.example/documenten/levenswensenkaart")
        XCTAssertEqual(d.paper, .a5)
        XCTAssertTrue(d.printHtml.contains("Naam van de praktijk"))
    }

    func testSearchForgivesATypo() throws {
        let api = try Palliwijzer.open(path: try store(), config: config())
        let v = try api.search(query: "hosipce", regionId: "noord-holland-zuid")
        XCTAssertTrue(v.groups.flatMap { $0.results }.contains { $0.title.lowercased().contains("hospice") })
    }

    func testAnOfflineSyncIsAnOutcomeKeptForTheSyncScreen() throws {
        let api = try Palliwijzer.open(path: try store(), config: config())
        let outcome = try api.sync()
        XCTAssertEqual(outcome.result, .offline)
        XCTAssertEqual(try api.syncStatus().problem, outcome.message)
    }

    func testAnEmptyReportIsRefusedInDutchAndOneMadeOfflineIsKeptOnTheDevice() throws {
        // Nothing listens at this site: a report cannot go now.
        let api = try Palliwijzer.open(path: try store(), config: config(site: "http://127.0.0.1:9"))
        XCTAssertThrowsError(try api.reportProblem(kind: .contact, itemId: "nhz-huisartsenpost", what: "  ", rightValue: "023 123 4567", reach: "")) { error in
            let text = message(of: error)
            XCTAssertTrue(text.contains("Schrijf kort wat er niet klopt"), text)
        }
        XCTAssertEqual(try api.sendReports().waiting, 0)
        let outcome = try api.reportProblem(kind: .contact, itemId: "nhz-huisartsenpost", what: "Het nummer klopt niet meer", rightValue: "", reach: "")
        XCTAssertEqual(outcome.sent, 0)
        XCTAssertEqual(outcome.waiting, 1)
        XCTAssertTrue(outcome.message.hasPrefix("Bewaard op dit toestel"), outcome.message)
        XCTAssertEqual(try api.sendReports().waiting, 1)
    }

    func testAMissingStoreGivesTheDutchMessageNotDebugText() {
        XCTAssertThrowsError(try Palliwijzer.open(path: "/nonexistent/x.sqlite", config: config())) { error in
            let text = message(of: error)
            XCTAssertTrue(text.contains("niet gevonden"), text)
            XCTAssertFalse(text.contains("CoreError"), text)
        }
    }
}
