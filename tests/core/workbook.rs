//! A new edition from NATO's Excel workbook: workbooks are built here in
//! NATO's layout (title rows, a header row of years with "e" for estimates,
//! one row an ally, then the aggregates and a second block), read back, and
//! compared with the bundled edition of the same year.

use std::path::{Path, PathBuf};

use dossier::data::nato::{self, NatoData};
use dossier::data::workbook::{self, WorkbookError, read_workbook};
use dossier::data::{Definition, Measure};
use rust_xlsxwriter::{Workbook, Worksheet};

fn bundled() -> NatoData {
    nato::bundled().unwrap().clone()
}

/// How a test workbook departs from NATO's own.
#[derive(Clone, Default)]
struct Layout {
    /// Rows and columns everything is shifted by.
    shift: (u32, u16),
    /// A text instead of Poland's 2020 figure.
    text_in_poland_2020: Option<&'static str>,
    /// Estonia's 2025 figure moved by this much.
    estonia_2025_delta: f64,
    without_table3: bool,
    /// Titled as the 2026 edition is: core defence expenditure.
    core: bool,
}

/// One block: a title, the header of years, every ally of `source`'s
/// figures of `measure`, then NATO's aggregates.
#[allow(clippy::too_many_arguments)]
fn block(
    ws: &mut Worksheet,
    top: u32,
    layout: &Layout,
    title: &str,
    data: &NatoData,
    source_edition: usize,
    measure: Measure,
    years: &[i32],
) -> u32 {
    let (r0, c0) = layout.shift;
    let edition = &data.editions[source_edition];
    ws.write_string(r0 + top, c0, title).unwrap();
    let header = r0 + top + 1;
    ws.write_string(header, c0, "Country").unwrap();
    for (i, y) in years.iter().enumerate() {
        let col = c0 + 1 + i as u16;
        if edition.estimate_years.contains(y) {
            ws.write_string(header, col, format!("{y}e")).unwrap();
        } else {
            ws.write_number(header, col, f64::from(*y)).unwrap();
        }
    }
    // An extra column NATO does not have.
    ws.write_string(header, c0 + 1 + years.len() as u16, "Notes")
        .unwrap();
    let mut row = header + 1;
    for iso3 in data.dataset.countries(edition.source, measure) {
        let name = data.dataset.country_name(iso3).unwrap().to_string();
        // Footnote marks as NATO prints them.
        let shown = match iso3 {
            "POL" => format!("{name}*"),
            "CAN" => format!("{name} (a)"),
            _ => name,
        };
        ws.write_string(row, c0, &shown).unwrap();
        for (i, y) in years.iter().enumerate() {
            let col = c0 + 1 + i as u16;
            if iso3 == "POL"
                && *y == 2020
                && let Some(t) = layout.text_in_poland_2020
            {
                ws.write_string(row, col, t).unwrap();
                continue;
            }
            let Some(o) = data.dataset.get(edition.source, measure, iso3, *y) else {
                continue;
            };
            let mut v = o.value;
            if iso3 == "EST" && *y == 2025 {
                v += layout.estonia_2025_delta;
            }
            // NATO's file stores more digits than it prints.
            ws.write_number(row, col, v + 0.0001).unwrap();
        }
        ws.write_string(row, c0 + 1 + years.len() as u16, "see note")
            .unwrap();
        row += 1;
    }
    for aggregate in ["NATO Europe and Canada", "NATO Total"] {
        ws.write_string(row, c0, aggregate).unwrap();
        for i in 0..years.len() {
            ws.write_number(row, c0 + 1 + i as u16, 2.5).unwrap();
        }
        row += 1;
    }
    row - r0
}

/// The August 2025 edition's Table 3, as NATO lays it out, with Table 2 and
/// Table 8a built from the July 2026 edition's figures.
fn nato_workbook(layout: &Layout) -> Vec<u8> {
    let data = bundled();
    let mut wb = Workbook::new();
    let years: Vec<i32> = (2014..=2025).collect();
    {
        let ws = wb.add_worksheet();
        ws.set_name("Notes").unwrap();
        ws.write_string(0, 0, "Defence Expenditure of NATO Countries (2014-2025)")
            .unwrap();
        ws.write_string(1, 0, "Figures for 2024 and 2025 are estimates.")
            .unwrap();
    }
    if !layout.without_table3 {
        let ws = wb.add_worksheet();
        ws.set_name("Table 3").unwrap();
        let (r0, c0) = layout.shift;
        let what = if layout.core {
            "Core defence expenditure"
        } else {
            "Defence expenditure"
        };
        ws.write_string(
            r0,
            c0,
            format!("TABLE 3 : {what} as a share of GDP and annual real change"),
        )
        .unwrap();
        ws.write_string(r0 + 1, c0, "Based on 2021 prices and exchange rates")
            .unwrap();
        let end = block(
            ws,
            2,
            layout,
            "Share of real GDP (%)",
            &data,
            1,
            Measure::PctGdp,
            &years,
        );
        // The second block: annual real change, which must not be read as
        // shares.
        let ws_layout = Layout {
            estonia_2025_delta: 0.0,
            text_in_poland_2020: None,
            ..layout.clone()
        };
        block(
            ws,
            end + 1,
            &ws_layout,
            "Annual real change (%)",
            &data,
            0,
            Measure::EquipmentShare,
            &(2014..=2024).collect::<Vec<_>>(),
        );
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Table 2").unwrap();
        let l = Layout::default();
        let y2026: Vec<i32> = (2014..=2025).collect();
        let end = block(
            ws,
            0,
            &l,
            "Current prices and exchange rates (million US dollars)",
            &data,
            2,
            Measure::UsdCurrent,
            &y2026,
        );
        block(
            ws,
            end + 1,
            &l,
            "Constant 2021 prices and exchange rates (million US dollars)",
            &data,
            2,
            Measure::UsdConstant2021,
            &y2026,
        );
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Table 8a").unwrap();
        block(
            ws,
            0,
            &Layout::default(),
            "Equipment (a)",
            &data,
            2,
            Measure::EquipmentShare,
            &(2014..=2025).collect::<Vec<_>>(),
        );
    }
    wb.save_to_buffer().unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn an_official_layout_workbook_becomes_an_edition() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = nato_workbook(&Layout {
        estonia_2025_delta: 0.55,
        ..Default::default()
    });
    let path = write(dir.path(), "250827-def-exp-en.xlsx", &bytes);
    let mut data = bundled();
    let read = read_workbook(&path, &data).unwrap();
    let e = &read.edition;
    assert_eq!(e.name, "Aug 2025 (xlsx)");
    assert_eq!(e.published.to_string(), "2025-08-27", "from the file name");
    assert_eq!(e.year, 2025);
    assert_eq!(e.estimate_years, [2024, 2025]);
    assert_eq!(e.price_base, Some(2021));
    assert_eq!(e.definition, Definition::DefenceExpenditure);
    assert_eq!(e.title, "Defence Expenditure of NATO Countries (2014-2025)");
    assert!(!e.secondary);
    assert_eq!(
        read.tables,
        [
            "Table 3 (% of GDP): 31 allies, 2014-2025",
            "Table 2 (current US$): 31 allies, 2014-2025",
            "Table 2 (Million US$, constant 2021 prices): 31 allies, 2014-2025",
            "Table 8a (equipment share): 31 allies, 2014-2025",
        ]
    );
    let id = e.id.clone();
    data.add_edition(read.edition, &read.dataset);
    let new = data.editions.iter().find(|e| e.id == id).unwrap();
    // A footnote mark on the name still reads; values as NATO prints them.
    let pol = data.figure(new, Measure::PctGdp, "POL", 2025).unwrap();
    assert_eq!((pol.text.as_str(), pol.estimate), ("4.48", true));
    assert_eq!(pol.country, "Poland");
    assert!(data.figure(new, Measure::PctGdp, "CAN", 2014).is_some());
    // The aggregates and the second block are not allies' shares.
    assert_eq!(
        data.dataset
            .for_year(new.source, Measure::PctGdp, 2020)
            .len(),
        31
    );
    assert_eq!(
        data.figure(new, Measure::UsdCurrent, "SWE", 2025)
            .unwrap()
            .text,
        data.figure(&data.editions[3], Measure::UsdCurrent, "SWE", 2025)
            .unwrap()
            .text
    );
    // Germany 2025 has no figure in the 2025 edition: the cell is empty.
    assert!(data.figure(new, Measure::PctGdp, "DEU", 2025).is_none());
    // How it differs from the bundled edition of the same year.
    let diffs = workbook::differences(&data, new);
    assert_eq!(diffs.len(), 1, "only Table 3 is bundled for 2025");
    assert_eq!(diffs[0].compared, 371);
    assert_eq!(diffs[0].differing, 1);
    assert_eq!(
        diffs[0].to_string(),
        "Defence expenditure, % of GDP against the bundled Aug 2025 edition: 1 of 371 cells differ, largest Estonia 2025 +0.55"
    );
    // Named by year, the newest edition of that year is the workbook.
    assert_eq!(data.edition("250827-def-exp-en.xlsx").unwrap().id, id);
    assert_eq!(data.latest().name, "Jul 2026");
}

#[test]
fn a_shifted_layout_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let plain = write(
        dir.path(),
        "def-exp-2025-en.xlsx",
        &nato_workbook(&Layout::default()),
    );
    let shifted = write(
        dir.path(),
        "shifted.xlsx",
        &nato_workbook(&Layout {
            shift: (4, 2),
            core: true,
            ..Default::default()
        }),
    );
    let data = bundled();
    let a = read_workbook(&plain, &data).unwrap();
    let b = read_workbook(&shifted, &data).unwrap();
    assert_eq!(
        a.dataset.observations().len(),
        b.dataset.observations().len()
    );
    let pct = |w: &workbook::WorkbookEdition| {
        let mut v: Vec<(String, i32, String)> = w
            .dataset
            .observations()
            .iter()
            .filter(|o| o.measure == Measure::PctGdp)
            .map(|o| (o.iso3.clone(), o.year, o.text.clone()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(pct(&a), pct(&b));
    // The title says which definition the edition counts.
    assert_eq!(a.edition.definition, Definition::DefenceExpenditure);
    assert_eq!(b.edition.definition, Definition::CoreDefenceExpenditure);
    assert!(b.edition.tag(true).ends_with(", core, est."));
    // Without a date prefix the bundled edition of the same year gives it.
    assert_eq!(a.edition.published.to_string(), "2025-08-28");
    // Identical to the bundled edition, cell for cell.
    let mut data = data;
    data.add_edition(a.edition.clone(), &a.dataset);
    let new = data.editions.iter().find(|e| e.id == a.edition.id).unwrap();
    let d = workbook::differences(&data, new);
    assert_eq!((d[0].differing, d[0].largest.clone()), (0, None));
}

fn error_of(name: &str, bytes: &[u8]) -> WorkbookError {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, bytes);
    read_workbook(&path, &bundled()).unwrap_err()
}

#[test]
fn bad_workbooks_are_refused_with_the_file_sheet_and_cell() {
    // Text in a number cell: Poland 2020 is row 5 (after the title rows and
    // the header), column H in NATO's layout.
    let e = error_of(
        "text.xlsx",
        &nato_workbook(&Layout {
            text_in_poland_2020: Some("about 2.2"),
            ..Default::default()
        }),
    );
    let WorkbookError::Cell {
        file,
        sheet,
        cell,
        message,
    } = &e
    else {
        panic!("{e}");
    };
    assert!(file.ends_with("text.xlsx"));
    assert_eq!(sheet, "Table 3");
    // Allies in NATO's order of names: Poland is the 24th, below the
    // header on row 4.
    let data = bundled();
    let pol_row = 4
        + 1
        + data
            .dataset
            .countries(data.editions[1].source, Measure::PctGdp)
            .iter()
            .position(|c| *c == "POL")
            .unwrap();
    assert_eq!(cell, &format!("H{pol_row}"));
    assert!(message.contains("\"about 2.2\""), "{message}");
    assert!(
        e.to_string()
            .contains(&format!("sheet \"Table 3\", cell H{pol_row}")),
        "{e}"
    );

    // A workbook that is not NATO's.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Budget").unwrap();
    ws.write_string(0, 0, "Item").unwrap();
    ws.write_number(1, 1, 12.0).unwrap();
    let e = error_of("budget.xlsx", &wb.save_to_buffer().unwrap());
    let text = e.to_string();
    assert!(
        text.contains("budget.xlsx") && text.contains("not NATO's"),
        "{text}"
    );
    assert!(text.contains("sheets: Budget"), "{text}");

    // Table 3 missing from an otherwise NATO workbook.
    let e = error_of(
        "no-table3.xlsx",
        &nato_workbook(&Layout {
            without_table3: true,
            ..Default::default()
        }),
    );
    assert!(e.to_string().contains("no sheet \"Table 3\""), "{e}");

    // A Table 3 without a header row of years.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Table 3").unwrap();
    ws.write_string(0, 0, "Poland").unwrap();
    ws.write_number(0, 1, 4.48).unwrap();
    let e = error_of("noyears.xlsx", &wb.save_to_buffer().unwrap());
    assert!(
        matches!(&e, WorkbookError::Sheet { sheet, message, .. } if sheet == "Table 3" && message.contains("no header row of years")),
        "{e}"
    );

    // Truncated.
    let full = nato_workbook(&Layout::default());
    let e = error_of("cut.xlsx", &full[..full.len() / 2]);
    assert!(
        e.to_string().contains("cut.xlsx") && e.to_string().contains("truncated or damaged"),
        "{e}"
    );

    // A folder picked by mistake.
    let dir = tempfile::tempdir().unwrap();
    let e = read_workbook(dir.path(), &bundled()).unwrap_err();
    assert!(e.to_string().contains("is a folder"), "{e}");

    // Password-protected: an OLE compound file holding the encrypted package.
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend(std::iter::repeat_n(0u8, 504));
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let e = error_of("locked.xlsx", &encrypted);
    assert!(
        e.to_string().contains("locked.xlsx") && e.to_string().contains("encrypted"),
        "{e}"
    );
}

#[test]
fn a_kept_workbook_is_there_next_time_and_a_bad_one_loses_nothing() {
    let data_dir = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let good = write(
        src.path(),
        "def-exp-2025-en.xlsx",
        &nato_workbook(&Layout::default()),
    );
    let kept = workbook::keep(data_dir.path(), &good).unwrap();
    assert!(kept.starts_with(workbook::editions_dir(data_dir.path())));
    // A damaged file beside it.
    std::fs::write(
        workbook::editions_dir(data_dir.path()).join("broken.xlsx"),
        b"PK\x03\x04 not a zip",
    )
    .unwrap();
    // Next launch: the bundled editions, then the kept ones.
    let mut data = bundled();
    let errors = workbook::load_kept(data_dir.path(), &mut data);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].to_string().contains("broken.xlsx"),
        "{}",
        errors[0]
    );
    assert_eq!(data.editions.len(), 4);
    assert!(
        data.editions
            .iter()
            .any(|e| e.file.as_deref() == Some(kept.as_path()))
    );
    // Everything bundled is still there.
    assert_eq!(
        data.figure(&data.editions[0], Measure::PctGdp, "POL", 2023)
            .unwrap()
            .text,
        "3.26"
    );
}

#[test]
fn the_command_line_charts_a_workbook_edition_and_reports_its_differences() {
    let dir = tempfile::tempdir().unwrap();
    let book = write(
        dir.path(),
        "250827-def-exp-en.xlsx",
        &nato_workbook(&Layout {
            estonia_2025_delta: 0.55,
            ..Default::default()
        }),
    );
    let out = dir.path().join("bars.svg");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_DATA_DIR", dir.path().join("data"))
        .args(["chart", "--kind", "bars", "--edition"])
        .arg(&book)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("1 of 371 cells differ, largest Estonia 2025 +0.55"),
        "{stderr}"
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg.contains("Aug 2025 (xlsx) edition"),
        "the title names the edition"
    );
    // `--data FILE.xlsx` reads it the same way.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_DATA_DIR", dir.path().join("data"))
        .args(["chart", "--kind", "series", "--countries", "EST", "--data"])
        .arg(&book)
        .arg("-o")
        .arg(dir.path().join("series.svg"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn blocks_side_by_side_read_as_two_tables() {
    // Table 2 with current prices (B:E) and constant prices (G:J) on the
    // same rows, each titled over its own columns.
    let mut wb = Workbook::new();
    let t3 = wb.add_worksheet();
    t3.set_name("Table 3").unwrap();
    t3.write_string(0, 0, "Share of real GDP (%)").unwrap();
    for (i, y) in ["2022", "2023", "2024e", "2025e"].iter().enumerate() {
        t3.write_string(1, 1 + i as u16, *y).unwrap();
    }
    t3.write_string(2, 0, "Poland*").unwrap();
    t3.write_string(3, 0, "Türkiye").unwrap();
    for (i, v) in [2.2, 3.26, 4.12, 4.5].iter().enumerate() {
        t3.write_number(2, 1 + i as u16, *v).unwrap();
        t3.write_number(3, 1 + i as u16, v / 2.0).unwrap();
    }
    let t2 = wb.add_worksheet();
    t2.set_name("TABLE2").unwrap();
    t2.write_string(0, 1, "Current prices and exchange rates")
        .unwrap();
    t2.write_string(0, 6, "Constant 2021 prices and exchange rates")
        .unwrap();
    for (block, first_col) in [(0, 1u16), (1, 6u16)] {
        for (i, y) in [2022, 2023, 2024, 2025].iter().enumerate() {
            t2.write_number(1, first_col + i as u16, f64::from(*y))
                .unwrap();
        }
        for (r, base) in [(2u32, 30_000.0), (3, 15_000.0)] {
            for i in 0..4 {
                let v = base + f64::from(block) * 1000.0 + f64::from(i) * 10.0;
                t2.write_number(r, first_col + i, v).unwrap();
            }
        }
    }
    t2.write_string(2, 0, "Poland").unwrap();
    t2.write_string(3, 0, "Turkey").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "side-by-side.xlsx",
        &wb.save_to_buffer().unwrap(),
    );
    let read = read_workbook(&path, &bundled()).unwrap();
    assert_eq!(read.edition.estimate_years, [2024, 2025]);
    let get = |m: Measure, iso3: &str, y: i32| {
        read.dataset
            .get(read.edition.source, m, iso3, y)
            .map(|o| o.text.clone())
    };
    assert_eq!(get(Measure::PctGdp, "POL", 2024).as_deref(), Some("4.12"));
    assert_eq!(get(Measure::PctGdp, "TUR", 2023).as_deref(), Some("1.63"));
    assert_eq!(
        get(Measure::UsdCurrent, "POL", 2025).as_deref(),
        Some("30030")
    );
    assert_eq!(
        get(Measure::UsdConstant2021, "POL", 2025).as_deref(),
        Some("31030")
    );
    assert_eq!(
        get(Measure::UsdConstant2021, "TUR", 2022).as_deref(),
        Some("16000")
    );
}

#[test]
fn damaged_workbooks_give_errors_not_panics() {
    let full = nato_workbook(&Layout::default());
    let data = bundled();
    let path = Path::new("damaged.xlsx");
    // Cut at many lengths, and with bytes overwritten all through the file.
    let mut cases: Vec<Vec<u8>> = (1..40)
        .map(|i| full[..full.len() * i / 40].to_vec())
        .collect();
    for i in 0..120usize {
        let mut b = full.clone();
        let at = (i * 7919) % b.len();
        for k in 0..16 {
            if let Some(x) = b.get_mut(at + k) {
                *x = x.wrapping_mul(31).wrapping_add(i as u8);
            }
        }
        cases.push(b);
    }
    for bytes in cases {
        if let Err(e) = workbook::read_workbook_bytes(&bytes, path, None, &data) {
            assert!(e.to_string().contains("damaged.xlsx"), "{e}");
        }
    }
}
