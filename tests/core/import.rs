//! Opening articles of every supported format and encoding, from files and
//! folders, with bad files reported and the rest of the batch read.

use std::fs;
use std::path::Path;

use dossier::import::{self, read_paths};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn utf8_txt_is_the_file_content_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\nPoland’s “4%” — Kościuszko 👍🏽 e\u{301}\n\n  trailing  \n";
    let p = write(dir.path(), "a.txt", text.as_bytes());
    let r = read_paths(&[p]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.articles[0].text, text);
    assert_eq!(
        r.articles[0].meta.title,
        "Poland’s “4%” — Kościuszko 👍🏽 e\u{301}"
    );
}

#[test]
fn the_sample_articles_open_byte_for_byte() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/articles");
    let r = read_paths(&[&dir]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.articles.len(), 9);
    for a in &r.articles {
        let on_disk = fs::read_to_string(a.meta.source_path.as_ref().unwrap()).unwrap();
        assert_eq!(a.text, on_disk);
    }
    let seed = r
        .articles
        .iter()
        .find(|a| a.meta.title.starts_with("U.S. and Poland"))
        .unwrap();
    assert!(seed.text.contains("Zimmerman remarked"));
}

#[test]
fn every_encoding_decodes() {
    let dir = tempfile::tempdir().unwrap();
    let want = "“We will spend 4%,” said Zalewski — in Kraków.\nSecond line\n";
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend_from_slice(want.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    le.extend(want.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let mut be = vec![0xFE, 0xFF];
    be.extend(want.encode_utf16().flat_map(|u| u.to_be_bytes()));
    let crlf = want.replace('\n', "\r\n");
    let cp1252 =
        b"\x93We will spend 4%,\x94 said Zalewski \x97 in Krak\xf3w.\r\nSecond line\r\n".to_vec();
    for (name, bytes) in [
        ("bom8.txt", bom8),
        ("le.txt", le),
        ("be.txt", be),
        ("crlf.txt", crlf.into_bytes()),
        ("cp1252.txt", cp1252),
    ] {
        let p = write(dir.path(), name, &bytes);
        let r = read_paths(&[p]);
        assert!(r.errors.is_empty(), "{name}: {:?}", r.errors);
        assert_eq!(r.articles[0].text, want, "{name}");
    }
}

#[test]
fn markdown_html_json_and_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let md = write(
        dir.path(),
        "n.md",
        "# Allies meet\n\nText about NATO.\n".as_bytes(),
    );
    let html = write(
        dir.path(),
        "p.html",
        b"<html><head><title>Ramstein meeting</title><script>steal()</script></head><body><p>Austin said \xe2\x80\x9cwe stand together.\xe2\x80\x9d</p><img src=\"http://example.com/x.png\"></body></html>",
    );
    let json = write(
        dir.path(),
        "j.json",
        r#"[{"title":"One","body":"Body one","date":"2024-05-09","url":"https://x","source":"DOD News"},{"headline":"Two","content":"Body two"}]"#.as_bytes(),
    );
    let jsonl = write(
        dir.path(),
        "l.jsonl",
        b"{\"text\":\"first\"}\n{\"text\":\"second\",\"title\":\"S\"}\n",
    );
    let r = read_paths(&[md, html, json, jsonl]);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let titles: Vec<&str> = r.articles.iter().map(|a| a.meta.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Allies meet",
            "Ramstein meeting",
            "One",
            "Two",
            "first",
            "S"
        ]
    );
    assert_eq!(r.articles[1].text, "Austin said “we stand together.”\n");
    assert!(!r.articles[1].text.contains("steal"));
    assert_eq!(r.articles[2].meta.outlet.as_deref(), Some("DOD News"));
    assert_eq!(r.articles[2].meta.date.as_deref(), Some("2024-05-09"));
}

#[test]
fn a_folder_opens_recursively_and_reports_bad_and_skipped_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"Article A\n");
    write(dir.path(), "sub/b.md", b"Article B\n");
    write(dir.path(), "sub/deeper/c.html", b"<p>Article C</p>");
    write(dir.path(), "sub/photo.png", b"\x89PNG\r\n\x1a\n");
    write(dir.path(), "bad.json", b"{\"title\": \"no closing brace\"");
    write(dir.path(), "lines.jsonl", b"{\"text\":\"ok\"}\nnot json\n");
    write(dir.path(), "binary.txt", b"abc\x00\x01\x02");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
    let r = read_paths(&[dir.path()]);
    let mut titles: Vec<&str> = r.articles.iter().map(|a| a.meta.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, ["Article A", "Article B", "Article C", "ok"]);
    let msgs: Vec<String> = r.errors.iter().map(|e| e.to_string()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("bad.json") && m.contains("not valid JSON")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("lines.jsonl:2:")),
        "line number of the bad record: {msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("binary.txt") && m.contains("binary")),
        "{msgs:?}"
    );
    assert!(r.skipped.iter().any(|p| p.ends_with("photo.png")));
}

#[test]
fn missing_and_oversized_files_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone.txt");
    let big = dir.path().join("big.txt");
    let f = fs::File::create(&big).unwrap();
    f.set_len(import::MAX_FILE_BYTES + 1).unwrap();
    let ok = write(dir.path(), "ok.txt", b"fine\n");
    let r = read_paths(&[missing, big, ok]);
    assert_eq!(r.articles.len(), 1);
    let msgs: Vec<String> = r.errors.iter().map(|e| e.to_string()).collect();
    assert!(
        msgs[0].contains("gone.txt") && msgs[0].contains("no such file"),
        "{msgs:?}"
    );
    assert!(
        msgs[1].contains("big.txt") && msgs[1].contains("MB"),
        "{msgs:?}"
    );
}
