//! The agreement report as Markdown, CSV or JSON.

use std::fmt::Write as _;

use super::{LabelAgreement, Report};

/// The formats `dossier agree` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown tables.
    Md,
    /// CSV, one row a figure.
    Csv,
    /// The report as JSON.
    Json,
}

/// The report in a format, as text.
pub fn render(report: &Report, format: ReportFormat) -> String {
    match format {
        ReportFormat::Md => markdown(report),
        ReportFormat::Csv => csv(report),
        ReportFormat::Json => {
            let mut s = serde_json::to_string_pretty(report).expect("a report always serialises");
            s.push('\n');
            s
        }
    }
}

/// The Markdown cells every span table starts with: the pair, F1 exact
/// and overlapping, how many both marked (with the row's opening `|`).
fn span_cells(s: &super::SpanAgreement) -> String {
    format!(
        "| {} – {} | {} | {} | {} |",
        s.a,
        s.b,
        fig(s.f1_exact),
        fig(s.f1_overlap),
        s.both_marked
    )
}

/// The CSV figures every span agreement has, by metric name.
fn span_figures(s: &super::SpanAgreement) -> [(&'static str, Option<f64>); 3] {
    [
        ("f1_exact", s.f1_exact),
        ("f1_overlap", s.f1_overlap),
        ("both_marked", Some(s.both_marked as f64)),
    ]
}

/// A figure to three decimals; "–" where it is undefined.
fn fig(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |v| format!("{v:.3}"))
}

fn markdown(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Agreement: {}\n\n{} article(s); only accepted annotations count.\n",
        r.annotators.join(", "),
        r.documents
    );
    s.push_str("## Entities\n\n| label | α | pair | F1 exact | F1 overlap | κ |\n|---|---|---|---|---|---|\n");
    for l in std::iter::once(&r.entities).chain(&r.entity_labels) {
        label_rows(&mut s, l);
    }
    s.push_str("\n## Quotes\n\n| pair | F1 exact | F1 overlap | both marked | same speaker |\n|---|---|---|---|---|\n");
    for q in &r.quotes {
        let _ = writeln!(s, "{} {} |", span_cells(&q.spans), fig(q.speaker));
    }
    s.push_str("\n## Claims\n\n| pair | F1 exact | F1 overlap | both marked | country | year | value | unit |\n|---|---|---|---|---|---|---|---|\n");
    for c in &r.claims {
        let _ = writeln!(
            s,
            "{} {} | {} | {} | {} |",
            span_cells(&c.spans),
            fig(c.country),
            fig(c.year),
            fig(c.value),
            fig(c.unit)
        );
    }
    s.push_str("\n## Per article (entities)\n\n| article | analysts | α | pair | F1 exact | κ |\n|---|---|---|---|---|---|\n");
    for d in &r.per_document {
        for p in &d.pairs {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} – {} | {} | {} |",
                d.title.replace('|', "\\|"),
                d.annotators.join(", "),
                fig(d.alpha),
                p.a,
                p.b,
                fig(p.f1_exact),
                fig(p.kappa)
            );
        }
    }
    s
}

fn label_rows(s: &mut String, l: &LabelAgreement) {
    let name = l.label.as_deref().unwrap_or("(all)");
    for p in &l.pairs {
        let _ = writeln!(
            s,
            "| {name} | {} | {} – {} | {} | {} | {} |",
            fig(l.alpha),
            p.a,
            p.b,
            fig(p.f1_exact),
            fig(p.f1_overlap),
            fig(p.kappa)
        );
    }
}

/// One figure a row: `section,label,a,b,article,metric,value`, empty where
/// a column does not apply or the figure is undefined.
fn csv(r: &Report) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["section", "label", "a", "b", "article", "metric", "value"])
        .expect("writing to memory");
    let mut row = |section: &str,
                   label: &str,
                   a: &str,
                   b: &str,
                   doc: &str,
                   metric: &str,
                   value: Option<f64>| {
        let v = value.map(|v| v.to_string()).unwrap_or_default();
        w.write_record([section, label, a, b, doc, metric, v.as_str()])
            .expect("writing to memory");
    };
    for l in std::iter::once(&r.entities).chain(&r.entity_labels) {
        let name = l.label.as_deref().unwrap_or("");
        row("entities", name, "", "", "", "alpha", l.alpha);
        for p in &l.pairs {
            row("entities", name, &p.a, &p.b, "", "f1_exact", p.f1_exact);
            row("entities", name, &p.a, &p.b, "", "f1_overlap", p.f1_overlap);
            row("entities", name, &p.a, &p.b, "", "kappa", p.kappa);
        }
    }
    for q in &r.quotes {
        let spans = &q.spans;
        for (m, v) in span_figures(spans)
            .into_iter()
            .chain([("speaker", q.speaker)])
        {
            row("quotes", "", &spans.a, &spans.b, "", m, v);
        }
    }
    for c in &r.claims {
        let spans = &c.spans;
        for (m, v) in span_figures(spans).into_iter().chain([
            ("country", c.country),
            ("year", c.year),
            ("value", c.value),
            ("unit", c.unit),
        ]) {
            row("claims", "", &spans.a, &spans.b, "", m, v);
        }
    }
    for d in &r.per_document {
        row("article", "", "", "", &d.text_sha256, "alpha", d.alpha);
        for p in &d.pairs {
            row(
                "article",
                "",
                &p.a,
                &p.b,
                &d.text_sha256,
                "f1_exact",
                p.f1_exact,
            );
            row("article", "", &p.a, &p.b, &d.text_sha256, "kappa", p.kappa);
        }
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 strings")
}
