//! The files kernel (attachments verified by sha256) and typed links between
//! records: what the layout plan, the leads' evidence locker and the dossiers
//! will stand on.

use ipdesk_core::{sample, sha256_hex, Entity, EntityRef, Error, PledgeData, Store, TrademarkData};
use rusqlite::Connection;

fn store_with_patents(dir: &std::path::Path, n: usize) -> Store {
    let mut s = Store::open(&dir.join("files.db")).unwrap();
    s.add_patents(sample::ledger(n, 3, "2026-01-01".parse().unwrap()))
        .unwrap();
    s
}

fn trademark(s: &mut Store, reg_no: &str) -> EntityRef {
    let t = s
        .add_record(TrademarkData {
            reg_no: reg_no.into(),
            mark: "衡阳".into(),
            classes: vec![9],
            ..TrademarkData::default()
        })
        .unwrap();
    Entity::Trademark.at(t.id)
}

fn attachment_rows(s: &Store) -> i64 {
    let conn = Connection::open(s.path().unwrap()).unwrap();
    conn.query_row("SELECT count(*) FROM attachment", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_attached_file_is_stored_once_by_content_and_read_back_verified() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with_patents(dir.path(), 2);
    let bytes = b"%PDF-1.7 certificate".to_vec();
    let cert = s
        .attach_bytes(
            Entity::Patent.at(1),
            "证书/专利证书.pdf",
            &bytes,
            "专利证书",
        )
        .unwrap();
    let a = &cert.attachment;
    assert_eq!(a.sha256, sha256_hex(&bytes), "hashed on intake");
    assert_eq!(a.sha256.len(), 64, "sha256 in lower-case hex: {}", a.sha256);
    assert_eq!(a.file_name, "专利证书.pdf", "the folder is not kept");
    assert_eq!(a.media_type, "application/pdf");
    assert_eq!(a.size, bytes.len() as i64);
    assert!(!a.added_by.is_empty(), "who added it is recorded");
    assert_eq!(cert.label, "专利证书");
    assert_eq!(s.read_attachment(a.id).unwrap(), bytes);

    // The same bytes attached to a second patent: one file, two links.
    let again = s
        .attach_bytes(Entity::Patent.at(2), "copy.pdf", &bytes, "")
        .unwrap();
    assert_eq!(again.attachment.id, a.id, "content-addressed");
    assert_eq!(attachment_rows(&s), 1);
    assert_eq!(
        s.links_of_attachment(a.id).unwrap(),
        vec![Entity::Patent.at(1), Entity::Patent.at(2)]
    );

    let out = dir.path().join("out.pdf");
    s.save_attachment(a.id, &out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), bytes, "saved as stored");
}

#[test]
fn a_file_altered_in_the_database_is_refused_on_read_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with_patents(dir.path(), 1);
    let a = s
        .attach_bytes(
            Entity::Patent.at(1),
            "公证书.pdf",
            b"notarised evidence",
            "",
        )
        .unwrap()
        .attachment;
    assert!(s.verify_attachments().unwrap().is_empty(), "all intact");
    // Someone edits the bytes behind the app's back.
    Connection::open(s.path().unwrap())
        .unwrap()
        .execute(
            "UPDATE attachment SET data = ?1 WHERE id = ?2",
            rusqlite::params![b"forged evidence".to_vec(), a.id],
        )
        .unwrap();
    let err = s.read_attachment(a.id).unwrap_err();
    match &err {
        Error::Tampered {
            file_name,
            expected,
            found,
        } => {
            assert_eq!(file_name, "公证书.pdf");
            assert_eq!(expected, &a.sha256);
            assert_eq!(found, &sha256_hex(b"forged evidence"));
        }
        other => panic!("expected a typed integrity error, got {other:?}"),
    }
    assert!(err.to_string().contains("公证书.pdf"), "{err}");
    let bad = s.verify_attachments().unwrap();
    assert_eq!(bad.len(), 1, "the check over every file finds it");
    assert!(
        s.save_attachment(a.id, &dir.path().join("x.pdf")).is_err(),
        "an altered file is not handed out"
    );
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn a_file_is_deleted_only_when_nothing_links_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with_patents(dir.path(), 1);
    let tm = trademark(&mut s, "12345678");
    let shared = s
        .attach_bytes(tm, "注册证.pdf", b"registration", "商标注册证")
        .unwrap()
        .attachment;
    s.link_attachment(shared.id, Entity::Patent.at(1), "")
        .unwrap();
    let own = s
        .attach_bytes(tm, "续展.pdf", b"renewal", "")
        .unwrap()
        .attachment;
    assert_eq!(attachment_rows(&s), 2);

    s.detach(own.id, tm).unwrap();
    assert_eq!(
        attachment_rows(&s),
        1,
        "unlinked from its only record: gone"
    );
    assert!(matches!(s.attachment(own.id), Err(Error::NotFound { .. })));

    s.delete_record::<TrademarkData>(tm.id).unwrap();
    assert_eq!(
        attachment_rows(&s),
        1,
        "the patent still links the shared file"
    );
    assert_eq!(
        s.links_of_attachment(shared.id).unwrap(),
        vec![Entity::Patent.at(1)],
        "the deleted trademark's link went with it"
    );
    s.delete_patent(1).unwrap();
    assert_eq!(attachment_rows(&s), 0, "the last link gone, the file goes");
}

#[test]
fn bad_attachments_are_refused_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with_patents(dir.path(), 1);
    assert!(matches!(
        s.attach_bytes(Entity::Patent.at(99), "a.pdf", b"x", ""),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        s.attach_bytes(Entity::Patent.at(1), "a.pdf", b"", ""),
        Err(Error::Invalid { .. })
    ));
    assert!(matches!(
        s.attach_bytes(Entity::Patent.at(1), "  ", b"x", ""),
        Err(Error::Missing { .. })
    ));
    let missing = dir.path().join("nope.pdf");
    assert!(matches!(
        s.attach_file(Entity::Patent.at(1), &missing, ""),
        Err(Error::BadFile { .. })
    ));
    assert_eq!(attachment_rows(&s), 0);
}

#[test]
fn records_link_to_records_of_any_kind_and_deleting_one_drops_its_links() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store_with_patents(dir.path(), 2);
    let tm = trademark(&mut s, "87654321");
    let pledge = s
        .add_record(PledgeData {
            pledgor: "衡阳某科技有限公司".into(),
            pledgee: "某银行".into(),
            ..PledgeData::default()
        })
        .unwrap();
    let pl = Entity::Pledge.at(pledge.id);
    s.link_records(pl, Entity::Patent.at(1), "主合同附件")
        .unwrap();
    s.link_records(pl, tm, "").unwrap();
    s.link_records(Entity::Patent.at(2), tm, "").unwrap();

    let from: Vec<EntityRef> = s.links_from(pl).unwrap().iter().map(|l| l.to).collect();
    assert_eq!(from, vec![Entity::Patent.at(1), tm]);
    assert_eq!(s.links_from(pl).unwrap()[0].label, "主合同附件");
    assert_eq!(s.links_to(tm).unwrap().len(), 2);

    assert!(
        matches!(
            s.link_records(pl, Entity::Patent.at(42), ""),
            Err(Error::NotFound { .. })
        ),
        "no link to a record that does not exist"
    );
    assert!(s.link_records(tm, tm, "").is_err(), "no link to itself");

    s.delete_record::<TrademarkData>(tm.id).unwrap();
    assert_eq!(
        s.links_from(pl).unwrap().len(),
        1,
        "the link to the deleted trademark went"
    );
    assert!(s.links_from(Entity::Patent.at(2)).unwrap().is_empty());
    s.unlink_records(pl, Entity::Patent.at(1)).unwrap();
    assert!(s.links_from(pl).unwrap().is_empty());
}
