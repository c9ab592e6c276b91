//! The plotted figures as CSV: `country,iso3,year,value,unit,estimate,source`.

use std::io::Write;

use super::Chart;

/// Writes the chart's rows. Values are the text the source printed (or, for
/// computed gaps, two decimals), so nothing is lost to float formatting.
pub fn write<W: Write>(out: W, chart: &Chart) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "country", "iso3", "year", "value", "unit", "estimate", "source",
    ])?;
    for r in &chart.rows {
        let year = r.year.to_string();
        w.write_record([
            r.country.as_str(),
            &r.iso3,
            &year,
            &r.value,
            &r.unit,
            if r.estimate { "true" } else { "false" },
            &r.source,
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// The rows as a CSV string.
pub fn to_string(chart: &Chart) -> String {
    let mut buf = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(&mut buf, chart);
    String::from_utf8(buf).unwrap_or_default()
}
