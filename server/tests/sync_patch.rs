//! The patch in the signed manifest: an app one version behind applies the changed records
//! and fetches nothing else; any other app uses the tree; both end with exactly the content
//! a full sync gives.

use palliwijzer::publish;
use palliwijzer_bench::sync_lab::{content, FaultServer};
use palliwijzer_core::model::Content;
use palliwijzer_core::store::Store;
use palliwijzer_core::sync::client::{sync, Options, Outcome};
use palliwijzer_core::sync::format::{items, Item};
use std::path::Path;

struct Lab {
    tmp: tempfile::TempDir,
    key: ed25519_dalek::SigningKey,
    keys_json: String,
    root: ed25519_dalek::VerifyingKey,
    server: FaultServer,
}

fn lab() -> Lab {
    let tmp = tempfile::tempdir().expect("tmp");
    let t = tmp.path();
    publish::generate_keys(&t.join("keys"), chrono::Utc::now()).expect("keys");
    let key = publish::read_key(&t.join("keys/publish.key")).expect("key");
    let root = publish::read_key(&t.join("keys/root.key")).expect("root").verifying_key();
    let keys_json = std::fs::read_to_string(t.join("keys/keys.json")).expect("keys.json");
    std::fs::create_dir_all(t.join("pub")).expect("pub");
    let server = FaultServer::start(&t.join("pub"));
    Lab { tmp, key, keys_json, root, server }
}

impl Lab {
    /// Publishes into the one folder the server serves, as a publisher does version after version.
    fn publish(&self, c: &Content, hash: &str, version: u64) {
        let later = chrono::Utc::now() + chrono::Duration::days(30);
        publish::publish(c, hash, &self.key, &self.keys_json, &self.tmp.path().join("pub"), later, Some(version))
            .expect("publish");
    }

    fn store(&self, name: &str) -> Store {
        Store::create_empty(&self.tmp.path().join(name)).expect("store")
    }

    fn sync(&self, store: &Store) -> Outcome {
        sync(store, &self.server.url, &self.root, chrono::Utc::now(), &Options::default()).expect("sync")
    }
}

fn sorted(c: &Content) -> Vec<Item> {
    let mut all = items(c);
    all.sort_by_key(Item::key);
    all
}

fn same_content(store: &Store, expected: &Content) {
    let got = store.load_content().expect("content");
    assert!(sorted(&got) == sorted(expected), "the store holds exactly the published content");
}

fn changed(c: &Content, id: &str, text: &str) -> Content {
    let mut c = c.clone();
    c.contacts.iter_mut().find(|x| x.id == id).expect("contact").call_for.push_str(text);
    c
}

#[test]
fn one_version_behind_takes_the_patch_and_fetches_nothing_else() {
    let lab = lab();
    let (c1, h1) = content();
    lab.publish(&c1, &h1, 10);
    let store = lab.store("app.sqlite");
    let first = lab.sync(&store);
    assert!(first.changed);

    let c2 = changed(&c1, "nhz-huisartsenpost", " (versie 2)");
    lab.publish(&c2, "v2", 20);
    let second = lab.sync(&store);
    assert!(second.changed && second.version == 20);
    assert_eq!(second.objects_fetched, 1, "the manifest only");
    // This contact is one of the longest (its source note alone is about 1 KB).
    assert!(second.bytes <= 2048, "one changed contact cost {} bytes (target: 2 KB)", second.bytes);
    same_content(&store, &c2);

    // A removed contact and a new one travel the same way.
    let mut c3 = c2.clone();
    c3.contacts.retain(|x| x.id != "nhz-regionaal-mdo");
    let mut extra = c3.contacts[0].clone();
    extra.id = "nhz-nieuw".into();
    c3.contacts.push(extra);
    c3.sort_for_store();
    lab.publish(&c3, "v3", 30);
    let third = lab.sync(&store);
    assert_eq!(third.objects_fetched, 1);
    same_content(&store, &c3);
    // Nothing changed: no patch is applied twice.
    assert!(!lab.sync(&store).changed);
    same_content(&store, &c3);
}

#[test]
fn an_app_further_behind_or_holding_other_content_uses_the_tree_and_ends_the_same() {
    let lab = lab();
    let (c1, h1) = content();
    lab.publish(&c1, &h1, 10);
    let behind = lab.store("behind.sqlite");
    lab.sync(&behind);
    let c2 = changed(&c1, "nhz-huisartsenpost", " (2)");
    lab.publish(&c2, "v2", 20);
    let patched = lab.store("patched.sqlite");
    lab.sync(&patched); // a first sync: the whole tree at v2
    let c3 = changed(&c2, "nhz-netwerk", " (3)");
    lab.publish(&c3, "v3", 30);

    // Two versions behind: the patch starts at v2, so the tree.
    let o = lab.sync(&behind);
    assert!(o.objects_fetched > 1, "the tree: {o:?}");
    same_content(&behind, &c3);
    // One behind: the patch.
    assert_eq!(lab.sync(&patched).objects_fetched, 1);
    same_content(&patched, &c3);

    // After a patch its kept objects are older than its content; two versions later the
    // tree brings it exactly to the new content anyway.
    let c4 = changed(&c3, "nhz-huisartsenpost", " (4)");
    lab.publish(&c4, "v4", 40);
    let c5 = changed(&c4, "nhz-netwerk", " (5)");
    lab.publish(&c5, "v5", 50);
    assert!(lab.sync(&patched).objects_fetched > 1);
    same_content(&patched, &c5);
}

#[test]
fn a_big_change_travels_as_objects_only_and_the_manifest_stays_small() {
    let lab = lab();
    let (c1, h1) = content();
    lab.publish(&c1, &h1, 10);
    let store = lab.store("app.sqlite");
    lab.sync(&store);
    let mut big = c1.clone();
    for c in &mut big.contacts {
        c.call_for.push_str(&" Een lange aanvulling.".repeat(60));
    }
    lab.publish(&big, "big", 20);
    for file in ["manifest.zst", "manifest2.zst"] {
        let manifest = std::fs::metadata(lab.tmp.path().join("pub").join(file)).expect("manifest").len();
        assert!(manifest < 4096, "no patch for a big change: {file} has {manifest} bytes");
    }
    let o = lab.sync(&store);
    assert!(o.objects_fetched > 1);
    same_content(&store, &big);
    assert!(Path::new(&lab.tmp.path().join("pub")).is_dir());
}
