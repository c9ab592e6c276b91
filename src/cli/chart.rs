//! `dossier chart`: a spending chart as SVG or PNG, and its figures as CSV,
//! from the same chart model the GUI draws.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::chart::{self, ChartKind, ChartOptions, ClaimInput, Plotted};
use crate::data::Measure;
use crate::data::import::{self, ImportOptions, Scale};
use crate::project;

/// The command line's chart options, as parsed by clap.
#[derive(Debug, Clone, clap::Args)]
pub struct ChartArgs {
    /// The kind of chart. Defaults to `compare` with --data, `bars` otherwise.
    #[arg(long, value_parser = ["bars", "series", "equipment", "gap", "compare", "revisions"])]
    pub kind: Option<String>,
    /// The year of bar charts (default: the latest year with figures).
    #[arg(long)]
    pub year: Option<i32>,
    /// Countries, comma-separated names or ISO3 codes (POL,USA,...): the lines
    /// of a series chart, a filter for the others.
    #[arg(long, value_delimiter = ',')]
    pub countries: Vec<String>,
    /// Target lines in % of GDP, comma-separated (default 2,3.5,5; `none`
    /// for none).
    #[arg(long, value_delimiter = ',')]
    pub targets: Vec<String>,
    /// Countries to emphasise (those the article mentions), comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub highlight: Vec<String>,
    /// A claim to mark, COUNTRY:YEAR:VALUE or COUNTRY:VALUE (% of GDP), e.g.
    /// POL:2023:4.0; repeatable.
    #[arg(long)]
    pub claim: Vec<String>,
    /// A CSV file of figures (long, wide, World Bank or SIPRI layout), or
    /// NATO's Excel workbook (FILE.xlsx), read as an edition of its own and
    /// plotted.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// NATO's edition to plot: 2024, 2025, 2026, a name ("Aug 2025") or
    /// NATO's Excel workbook (FILE.xlsx). Default: the latest.
    #[arg(long)]
    pub edition: Option<String>,
    /// What the --data file holds: pct_gdp (default), equipment, usd.
    #[arg(long, default_value = "pct_gdp")]
    pub data_unit: String,
    /// How to read --data values: auto (fractions become percent), as-written
    /// or fraction.
    #[arg(long, default_value = "auto", value_parser = ["auto", "as-written", "fraction"])]
    pub data_scale: String,
    /// The --data file's name in legends and the source line (default: the
    /// file name), e.g. "SIPRI (April 2024)".
    #[arg(long)]
    pub data_name: Option<String>,
    /// Plot the --data figures instead of NATO's (bars, series, gap).
    #[arg(long)]
    pub plot_data: bool,
    /// The figure: .svg or .png.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Also write the plotted figures as CSV.
    #[arg(long)]
    pub data_out: Option<PathBuf>,
    /// PNG pixels per SVG pixel.
    #[arg(long, default_value_t = 2.0)]
    pub scale: f32,
}

/// Draws the chart the arguments describe, writes it (and its figures when
/// asked), and reports the claim checks on stderr.
pub fn run(args: ChartArgs) -> Result<i32> {
    let format = Format::of(&args.output)?;
    let workbook = match (&args.edition, &args.data) {
        (Some(e), _) if super::editions::is_workbook(e) => Some(PathBuf::from(e)),
        (_, Some(d)) if super::editions::is_workbook(&d.to_string_lossy()) => Some(d.clone()),
        _ => None,
    };
    let (nato, workbook_id) = super::editions::load(workbook.as_deref())?;
    let csv_data = args
        .data
        .as_ref()
        .filter(|d| !super::editions::is_workbook(&d.to_string_lossy()));
    let imported = match csv_data {
        Some(path) => Some(import_data(path, &args)?),
        None => None,
    };
    let options = chart_options(&args, imported.is_some(), workbook_id)?;
    let chart = chart::build(&nato, imported.as_ref(), &options)?;
    let bytes = match format {
        Format::Svg => chart::svg::render(&chart).svg.into_bytes(),
        Format::Png => chart::png::render(&chart, args.scale)?,
    };
    write(&args.output, &bytes)?;
    if let Some(path) = &args.data_out {
        write(path, chart::table::to_string(&chart).as_bytes())?;
    }
    // The claim checks, as the GUI shows them beside the markers.
    for claim in &chart.claims {
        eprintln!("dossier: claim {}: {}", claim.iso3, claim.detail);
    }
    for note in chart.notes.iter().filter(|n| n.starts_with("Claim for")) {
        eprintln!("dossier: {note}");
    }
    eprintln!("dossier: wrote {} ({})", args.output.display(), chart.title);
    Ok(0)
}

/// Reads the --data file as the --data-unit and --data-scale say, and tells
/// the analyst on stderr what it found and what it made of it.
fn import_data(path: &Path, args: &ChartArgs) -> Result<import::Imported> {
    let measure = Measure::parse(&args.data_unit).with_context(|| {
        format!(
            "unknown --data-unit {:?} (pct_gdp, equipment, usd)",
            args.data_unit
        )
    })?;
    let scale = match args.data_scale.as_str() {
        "as-written" => Scale::AsWritten,
        "fraction" => Scale::Fraction,
        _ => Scale::Auto,
    };
    let options = ImportOptions {
        measure,
        scale,
        source_name: args.data_name.clone().unwrap_or_default(),
    };
    let imported = import::import_file(path, &options)?;
    let name = path.display();
    eprintln!(
        "dossier: {name}: {} figure(s), {} layout",
        imported.dataset.observations().len(),
        imported.layout.name()
    );
    for note in &imported.notes {
        eprintln!("dossier: {name}: {note}");
    }
    for issue in &imported.issues {
        eprintln!("dossier: {name}: {issue}");
    }
    Ok(imported)
}

/// The chart options from the arguments. Without --kind, a --data file is
/// compared with NATO's figures unless --plot-data plots it alone; an
/// edition read from a workbook is plotted by its id.
fn chart_options(
    args: &ChartArgs,
    has_data: bool,
    workbook_id: Option<String>,
) -> Result<ChartOptions> {
    let kind = match &args.kind {
        Some(k) => ChartKind::parse(k).with_context(|| format!("unknown chart kind {k:?}"))?,
        None if has_data && !args.plot_data => ChartKind::Compare,
        None => ChartKind::Bars,
    };
    Ok(ChartOptions {
        kind,
        year: args.year,
        countries: args.countries.clone(),
        targets: parse_targets(&args.targets)?,
        highlight: args.highlight.clone(),
        claims: args
            .claim
            .iter()
            .map(|c| parse_claim(c))
            .collect::<Result<_>>()?,
        edition: workbook_id.or(args.edition.clone()),
        plotted: if args.plot_data {
            Plotted::Imported
        } else {
            Plotted::Nato
        },
    })
}

/// The figure's file format, from the output's extension.
enum Format {
    Svg,
    Png,
}

impl Format {
    /// SVG or PNG, by the extension in any case; anything else is refused.
    fn of(path: &Path) -> Result<Format> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("svg") => Ok(Format::Svg),
            Some("png") => Ok(Format::Png),
            _ => bail!("{}: the output must end in .svg or .png", path.display()),
        }
    }
}

/// Writes a file atomically, naming it in the error.
fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    project::write_atomically(path, bytes, false)
        .with_context(|| format!("writing {}", path.display()))
}

/// The --targets values in % of GDP: the defaults when none are given,
/// none for `none`.
fn parse_targets(items: &[String]) -> Result<Vec<f64>> {
    if items.is_empty() {
        return Ok(ChartOptions::default().targets);
    }
    if items.len() == 1 && items[0].trim().eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    items
        .iter()
        .map(|t| {
            let t = t.trim().trim_end_matches('%').trim();
            t.parse::<f64>()
                .with_context(|| format!("--targets: {t:?} is not a number"))
        })
        .collect()
}

/// `POL:2023:4.0` or `Poland:4` (no year).
fn parse_claim(text: &str) -> Result<ClaimInput> {
    let parts: Vec<&str> = text.split(':').map(str::trim).collect();
    let number = |s: &str| s.trim_end_matches('%').trim().parse::<f64>();
    match parts.as_slice() {
        [country, year, value] => Ok(ClaimInput {
            country: country.to_string(),
            year: Some(
                year.parse()
                    .with_context(|| format!("--claim {text:?}: bad year {year:?}"))?,
            ),
            value: number(value)
                .with_context(|| format!("--claim {text:?}: bad value {value:?}"))?,
            published: None,
        }),
        [country, value] => Ok(ClaimInput {
            country: country.to_string(),
            year: None,
            value: number(value)
                .with_context(|| format!("--claim {text:?}: bad value {value:?}"))?,
            published: None,
        }),
        _ => bail!("--claim {text:?}: expected COUNTRY:YEAR:VALUE or COUNTRY:VALUE"),
    }
}
