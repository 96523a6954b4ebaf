//! The case cache's format: entries back as written, damage and other panels refused, blocks
//! kept in order, and bodies read back from a new file.

use super::*;

fn entry(id: &str) -> Entry {
    Entry {
        key: Key {
            size: 10,
            mtime_ns: 1,
            ctime_ns: 2,
            ino: 3,
            dev: 4,
        },
        case: Case {
            id: id.into(),
            kind: "tolerance".into(),
            title: "标题".into(),
            subject: Subject {
                name: "张三".into(),
                position: "科长".into(),
                unit: "某局".into(),
            },
            received: "2026-03-01".parse().unwrap(),
            body: Body::new("摘要".into(), vec!["一".into(), "二".into()]),
            claimed: vec!["s1".into()],
            proposal: Some(Proposal {
                outcome: "tolerate".into(),
                basis: "依据".into(),
            }),
            conflicts: vec![Conflict {
                member: "m1".into(),
                reason: "亲属".into(),
            }],
            review_of: Some("C-1".into()),
        },
        digest: "ab".repeat(32),
        id_at: (1, 5),
        review_at: (9, 12),
    }
}

fn keep<'a>(name: &'a [u8], e: &'a Entry) -> Keep<'a> {
    Keep {
        name,
        key: e.key,
        case: &e.case,
        digest: &e.digest,
        id_at: e.id_at,
        review_at: e.review_at,
    }
}

fn no_fallback(_: &Path, _: &str) -> BodyText {
    BodyText {
        summary: "fallback".into(),
        facts: Vec::new(),
        changed: false,
    }
}

/// A scratch folder of this test's own.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("docket-cache-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

/// The bytes of a cache file holding `entries`, written as docket writes it.
fn encoded(dir: &Path, fp: &[u8; 32], entries: &[Keep]) -> Vec<u8> {
    let f = dir.join("w");
    let mut w = Writer::create(&f, fp, dir, no_fallback).unwrap();
    for e in entries {
        w.push(None, e).unwrap();
    }
    w.finish().unwrap();
    fs::read(&f).unwrap()
}

fn read_bytes(dir: &Path, bytes: &[u8], fp: &[u8; 32]) -> Cache {
    let f = dir.join("c");
    fs::write(&f, bytes).unwrap();
    read(&f, fp, dir, no_fallback)
}

#[test]
fn entries_come_back_as_written() {
    let dir = scratch("back");
    let (a, b) = (entry("C-2"), entry("C-3"));
    let fp = [7u8; 32];
    let bytes = encoded(&dir, &fp, &[keep(b"a.yaml", &a), keep(b"b.yaml", &b)]);
    let cache = read_bytes(&dir, &bytes, &fp);
    assert_eq!(cache.len(), 2);
    // Comparing the cases reads their bodies back from the file.
    assert_eq!(
        cache.into_entries().collect::<Vec<_>>(),
        vec![(b"a.yaml".to_vec(), a), (b"b.yaml".to_vec(), b)]
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn another_panel_or_any_damage_gives_nothing() {
    let dir = scratch("damage");
    let a = entry("C-2");
    let fp = [7u8; 32];
    let bytes = encoded(&dir, &fp, &[keep(b"a.yaml", &a)]);
    let rows_end = bytes.len() - a.case.summary().len() - 30;
    assert!(read_bytes(&dir, &bytes, &[8u8; 32]).is_empty());
    for cut in [0, 10, rows_end / 2] {
        let cache = read_bytes(&dir, &bytes[..cut], &fp);
        assert!(cache.is_empty(), "cut at {cut}");
    }
    for at in [MAGIC.len() + 60, rows_end / 2] {
        let mut bad = bytes.clone();
        bad[at] ^= 0x20;
        let cache = read_bytes(&dir, &bad, &fp);
        assert!(cache.is_empty(), "flipped at {at}");
    }
    // A damaged body is found when the case is read: it comes from the case file instead.
    let mut bad = bytes.clone();
    let last = bad.len() - 2;
    bad[last] ^= 0x20;
    let cache = read_bytes(&dir, &bad, &fp);
    let entries: Vec<_> = cache.into_entries().collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].1.case.summary(), "fallback");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn many_blocks_come_back_in_order_and_a_missing_block_gives_nothing() {
    let dir = scratch("blocks");
    let fp = [7u8; 32];
    let n = BLOCK_ROWS as usize * 2 + 3;
    let es: Vec<Entry> = (0..n).map(|i| entry(&format!("C-{i}"))).collect();
    let names: Vec<Vec<u8>> = (0..n)
        .map(|i| format!("{i:05}.yaml").into_bytes())
        .collect();
    let keeps: Vec<Keep> = names.iter().zip(&es).map(|(n, e)| keep(n, e)).collect();
    let bytes = encoded(&dir, &fp, &keeps);
    let back: Vec<_> = read_bytes(&dir, &bytes, &fp).into_entries().collect();
    assert_eq!(back.len(), n);
    assert!(back.iter().zip(&names).all(|((a, _), b)| a == b));
    assert_eq!(back[n - 1].1, es[n - 1]);
    // Cut short within the last block, or with its last block gone: nothing.
    let well_inside = bytes.len() - 3 * 1000;
    for cut in [bytes.len() - 1, well_inside] {
        assert!(
            read_bytes(&dir, &bytes[..cut], &fp).is_empty(),
            "cut at {cut}"
        );
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_body_pushed_with_a_tag_comes_back_read_from_the_new_file() {
    let dir = scratch("tag");
    let fp = [7u8; 32];
    let a = entry("C-2");
    let f = dir.join("w");
    let mut w = Writer::create(&f, &fp, &dir, no_fallback).unwrap();
    assert!(w.push(Some(41), &keep(b"a.yaml", &a)).unwrap().is_empty());
    let back = w.finish().unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].0, 41);
    assert_eq!(back[0].1, a.case.body);
    // Only the finished file is left in the folder.
    let left: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("w")]);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn only_files_left_alone_for_a_while_are_kept() {
    let mut k = entry("C-2").key;
    k.mtime_ns = 100 * 1_000_000_000;
    k.ctime_ns = k.mtime_ns;
    assert!(k.settled(k.mtime_ns + SETTLE_NS + 1, SETTLE_NS));
    assert!(!k.settled(k.mtime_ns + SETTLE_NS - 1, SETTLE_NS));
    k.ctime_ns += 10 * SETTLE_NS;
    assert!(!k.settled(k.mtime_ns + SETTLE_NS + 1, SETTLE_NS));
}
