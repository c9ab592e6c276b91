//! A small tokenizer: words, numbers and single punctuation characters, with
//! byte offsets. It never allocates per token, so the rules that walk tokens
//! stay cheap on long texts.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    /// Digits, possibly with inner `.`/`,` and a letter suffix ("14th").
    Num,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// The first character is upper case.
    pub cap: bool,
}

impl Tok {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into tokens. White space is dropped; line breaks can be
/// found again from the gaps between tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = if b[i] < 0x80 {
            b[i] as char
        } else {
            match text[i..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            i += 1;
            while i < b.len() {
                let d = b[i];
                if d.is_ascii_digit() || d.is_ascii_alphabetic() {
                    i += 1;
                } else if (d == b'.' || d == b',') && i + 1 < b.len() && b[i + 1].is_ascii_digit() {
                    i += 2;
                } else {
                    break;
                }
            }
            out.push(Tok {
                start,
                end: i,
                kind: TokKind::Num,
                cap: false,
            });
        } else if c.is_alphabetic() {
            i += clen;
            while i < b.len() {
                let (d, dl) = next_char(text, b, i);
                if d.is_alphanumeric() {
                    i += dl;
                } else if is_apostrophe(d) {
                    // Keep inner apostrophes ("O'Brien", "don't") but split the
                    // possessive "'s" off so "Poland's" yields "Poland".
                    let (e, el) = next_char(text, b, i + dl);
                    if !e.is_alphabetic() {
                        break;
                    }
                    let (f, _) = next_char(text, b, i + dl + el);
                    if (e == 's' || e == 'S') && !f.is_alphanumeric() {
                        break;
                    }
                    i += dl;
                } else {
                    break;
                }
            }
            out.push(Tok {
                start,
                end: i,
                kind: TokKind::Word,
                cap: c.is_uppercase(),
            });
        } else {
            i += clen;
            out.push(Tok {
                start,
                end: i,
                kind: TokKind::Punct,
                cap: false,
            });
        }
    }
    out
}

fn next_char(text: &str, b: &[u8], i: usize) -> (char, usize) {
    if i >= b.len() {
        return ('\0', 0);
    }
    if b[i] < 0x80 {
        return (b[i] as char, 1);
    }
    match text[i..].chars().next() {
        Some(c) => (c, c.len_utf8()),
        None => ('\0', 0),
    }
}

/// The index of the first token that starts at or after `byte`.
pub(crate) fn token_at(toks: &[Tok], byte: usize) -> usize {
    toks.partition_point(|t| t.start < byte)
}

/// Name comparison folds case and diacritics the one way the whole crate
/// does (see [`crate::text::fold`]); the engine's rules reach it from here.
pub(crate) use crate::text::{fold, folded_eq};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_possessive_and_keeps_names() {
        let t = "Poland’s O'Brien paid $7.7 billion, 14th Kościuszko.";
        let toks = tokenize(t);
        let words: Vec<&str> = toks.iter().map(|k| k.text(t)).collect();
        assert_eq!(
            words,
            [
                "Poland",
                "’",
                "s",
                "O'Brien",
                "paid",
                "$",
                "7.7",
                "billion",
                ",",
                "14th",
                "Kościuszko",
                "."
            ]
        );
        assert!(folded_eq("Kościuszko", "Kosciuszko"));
        assert!(!folded_eq("Kościuszko", "Kosciuszk"));
    }
}
