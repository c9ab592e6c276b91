//! Opening a folder the way the window and `dossier annotate` do: every
//! article read and run through the engine (on all cores), in the folder's
//! order, with progress reported and a cancel that adds nothing.

use std::cell::RefCell;

use dossier::annotate::{Context, find};
use dossier::workflow;

fn folder_of_articles(n: usize) -> tempfile::TempDir {
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/articles");
    let mut texts: Vec<String> = std::fs::read_dir(samples)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    texts.sort();
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let body = &texts[i % texts.len()];
        std::fs::write(
            dir.path().join(format!("{i:03}.txt")),
            format!("Article {i} — “Żagań” 👍🏽\n\n{body}"),
        )
        .unwrap();
    }
    dir
}

#[test]
fn every_article_is_annotated_in_order_with_progress() {
    let dir = folder_of_articles(45);
    let reports = RefCell::new(Vec::new());
    let prepared = workflow::prepare(&[dir.path().to_owned()], &[], true, &|n, total| {
        reports.borrow_mut().push((n, total));
        true
    });
    assert!(!prepared.cancelled);
    assert!(prepared.errors.is_empty(), "{:?}", prepared.errors);
    assert_eq!(prepared.articles.len(), 45);
    for (i, (article, findings)) in prepared.articles.iter().enumerate() {
        assert!(
            article.text.starts_with(&format!("Article {i} —")),
            "article {i} is in its place"
        );
        assert_eq!(
            findings,
            &find(&article.text, &Context::default()),
            "article {i} has its own findings"
        );
    }
    let reports = reports.into_inner();
    assert!(
        reports
            .iter()
            .all(|&(n, total)| total == 45 && (1..=45).contains(&n))
    );
    assert!(
        reports.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress never goes back: {reports:?}"
    );
    assert_eq!(reports.last(), Some(&(45, 45)));
}

#[test]
fn a_cancelled_open_adds_nothing() {
    let dir = folder_of_articles(60);
    let prepared = workflow::prepare(&[dir.path().to_owned()], &[], true, &|n, _| n < 5);
    assert!(prepared.cancelled);
    assert!(prepared.articles.is_empty());
}
