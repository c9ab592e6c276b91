//! Numbers as articles write them: "7.7", "1,200", "two", "twenty-five",
//! with magnitudes ("billion", "bn") and currencies.

use crate::model::ClaimUnit;

/// The value of a spelled-out number word ("two" -> 2), case-insensitive.
pub(crate) fn number_word(w: &str) -> Option<f64> {
    // Every number word starts with one of these letters and is short.
    if w.len() < 3
        || w.len() > 9
        || !matches!(
            w.as_bytes()[0] | 0x20,
            b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'h'
        )
    {
        return None;
    }
    const WORDS: [(&str, f64); 28] = [
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("thirteen", 13.0),
        ("fourteen", 14.0),
        ("fifteen", 15.0),
        ("sixteen", 16.0),
        ("seventeen", 17.0),
        ("eighteen", 18.0),
        ("nineteen", 19.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
        ("hundred", 100.0),
    ];
    WORDS
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(w))
        .map(|&(_, v)| v)
}

/// The value of a digit token: "7.7" -> 7.7, "1,200" -> 1200, "4,5" is read
/// as a decimal comma only when it cannot be a thousands separator.
pub(crate) fn parse_digits(s: &str) -> Option<f64> {
    let digits_end = s.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(s.len());
    let s = &s[..digits_end];
    if s.is_empty() {
        return None;
    }
    if !s.contains(',') {
        return s.parse().ok();
    }
    // "1,200" and "1,200.5" use thousands separators; "4,12" is a decimal comma.
    let groups: Vec<&str> = s.split(',').collect();
    let thousands = groups[1..]
        .iter()
        .all(|g| g.split('.').next().is_some_and(|h| h.len() == 3));
    let buf = if thousands {
        s.replace(',', "")
    } else {
        s.replace(',', ".")
    };
    buf.parse().ok()
}

/// A magnitude word's factor: "billion" -> 1e9.
pub(crate) fn magnitude(w: &str) -> Option<f64> {
    Some(match w.to_ascii_lowercase().as_str() {
        "thousand" | "k" => 1e3,
        "million" | "millions" | "mln" | "m" | "mn" => 1e6,
        "billion" | "billions" | "bln" | "bn" | "b" => 1e9,
        "trillion" | "trillions" | "tn" | "trn" => 1e12,
        _ => return None,
    })
}

/// A currency word or code written after (or, for codes, before) an amount.
pub(crate) fn currency_word(w: &str) -> Option<ClaimUnit> {
    Some(match w {
        "dollars" | "dollar" | "USD" | "Dollars" => ClaimUnit::Usd,
        "euros" | "euro" | "EUR" | "Euros" | "Euro" => ClaimUnit::Eur,
        "złotys" | "zlotys" | "złoty" | "zloty" | "zł" | "PLN" | "pounds" | "GBP" | "kronor"
        | "crowns" | "crown" | "zlotych" | "złotych" | "krona" | "kroner" | "krone" | "SEK"
        | "NOK" | "DKK" | "hryvnias" | "hryvnia" | "hryvnia's" | "UAH" | "rubles" | "roubles"
        | "ruble" | "rouble" | "RUB" | "yuan" | "CNY" | "yen" | "JPY" | "francs" | "CHF"
        | "lei" | "RON" | "forints" | "HUF" | "lira" | "TRY" | "CAD" | "koruna" | "CZK" => {
            ClaimUnit::Other
        }
        _ => return None,
    })
}

/// A currency symbol written before an amount.
pub(crate) fn currency_symbol(s: &str) -> Option<ClaimUnit> {
    Some(match s {
        "$" => ClaimUnit::Usd,
        "€" => ClaimUnit::Eur,
        "£" | "¥" | "₴" | "₽" | "₹" => ClaimUnit::Other,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers() {
        assert_eq!(parse_digits("7.7"), Some(7.7));
        assert_eq!(parse_digits("1,200"), Some(1200.0));
        assert_eq!(parse_digits("4,12"), Some(4.12));
        assert_eq!(parse_digits("100m"), Some(100.0));
        assert_eq!(number_word("Two"), Some(2.0));
        assert_eq!(magnitude("bn"), Some(1e9));
    }
}
