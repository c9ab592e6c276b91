//! Years: the one parser and the one accepted range for every year Dossier
//! reads, in a spending table's heading, a spreadsheet cell or running text.
//!
//! The range is 1900 to 2100: wide enough for every spending series (NATO's
//! start in 1949, SIPRI's in 1949, the World Bank's in 1960) and for targets
//! set decades ahead, narrow enough that an amount such as "1,500" or a
//! product number is not taken for a year.

use std::ops::RangeInclusive;

/// The years Dossier accepts anywhere.
pub const YEARS: RangeInclusive<i32> = 1900..=2100;

/// A year written as exactly four ASCII digits within [`YEARS`]: "2023" is
/// 2023; "23", "02023", "2023e" and "1850" are not years (callers strip
/// their own suffixes first).
pub fn parse_year(text: &str) -> Option<i32> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<i32>().ok().and_then(year_from_number)
}

/// A whole number as a year, if it is within [`YEARS`] (a spreadsheet cell
/// holding 2023 or 2023.0).
pub fn year_from_number(n: impl Into<f64>) -> Option<i32> {
    let n: f64 = n.into();
    let year = n as i32;
    (n.fract() == 0.0 && YEARS.contains(&year)).then_some(year)
}

#[cfg(test)]
mod tests {
    use super::{parse_year, year_from_number};

    #[test]
    fn four_digits_within_the_range() {
        let years = ["2023", "1900", "2100"].map(parse_year);
        assert_eq!(years, [Some(2023), Some(1900), Some(2100)]);
        for not_year in [
            "1899",
            "2101",
            "23",
            "02023",
            "2023e",
            "２０２３",
            "",
            "20.3",
        ] {
            assert_eq!(parse_year(not_year), None, "{not_year}");
        }
        let numbers = [2014.0, 2014.5, 1949.0, f64::NAN, 1e12].map(year_from_number);
        assert_eq!(numbers, [Some(2014), None, Some(1949), None, None]);
    }
}
