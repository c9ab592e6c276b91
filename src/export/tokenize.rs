//! A tokenizer and sentence splitter for English news, for the token-based
//! formats (CoNLL).
//!
//! Tokens follow the Penn Treebank habits that CoNLL-2003 data uses, as far as
//! they matter for entity boundaries: punctuation, quotation marks (straight
//! and curly), dashes, `%` and currency signs are tokens of their own; `U.S.`,
//! `p.m.` and titles such as `Gen.` keep their periods; numbers keep their
//! decimal point and thousands separators (`2.5`, `1,000`); names with
//! apostrophes stay whole (`O’Brien`) while clitics are split off
//! (`Poland ’s`, `do n’t`); hyphens are tokens, as in OntoNotes and spaCy,
//! because mentions live inside compounds (`Europe - wide`, `NATO - led`).
//! An emoji with
//! its modifiers, a ZWJ sequence or a letter with combining marks is one
//! token, so no token ever splits a user-perceived character.
//!
//! Sentences end at a line break, or after `.`, `!`, `?` or `…` (and any
//! closing quotes or brackets) when the next token starts a sentence.

use crate::text::Span;

/// A token: its byte span in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where the token is in the text.
    pub span: Span,
}

/// Titles and abbreviations that keep their period and do not end a
/// sentence.
const ABBREVIATIONS: [&str; 24] = [
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Cmdr",
    "Gov", "Sen", "Rep", "Sec", "St", "Jr", "Sr", "No", "Vol", "vs", "etc",
];

/// Words that start a sentence after an initialism such as `U.S.`, where the
/// period does double duty.
const SENTENCE_STARTERS: [&str; 16] = [
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "But", "And", "In", "This", "That",
    "There", "His",
];

/// Characters that attach to the one before: combining marks, variation
/// selectors, the zero-width joiner, emoji skin tones and tag characters.
fn is_extender(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0xFE00..=0xFE0F | 0xE0100..=0xE01EF | 0x200D | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits a text into sentences of tokens.
pub fn sentences(text: &str) -> Vec<Vec<Token>> {
    let mut out: Vec<Vec<Token>> = Vec::new();
    for (line_start, line) in lines(text) {
        let tokens = tokenize(line);
        let mut current = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            current.push(Token {
                span: Span::new(t.span.start + line_start, t.span.end + line_start),
            });
            if ends_sentence(line, &tokens, i) {
                out.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

/// Lines without their line breaks, with their byte offsets.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split_inclusive('\n').map(move |l| {
        let s = start;
        start += l.len();
        (s, l.trim_end_matches(['\n', '\r']))
    })
}

fn ends_sentence(line: &str, tokens: &[Token], i: usize) -> bool {
    let tok = tokens[i].span.slice(line);
    let next = tokens.get(i + 1).map(|t| t.span.slice(line));
    let closing = |s: &str| matches!(s, "”" | "’" | "\"" | "'" | ")" | "]" | "»");
    let terminal = matches!(tok, "." | "!" | "?" | "…" | "...");
    if terminal {
        // Closing quotes and brackets stay with the sentence they close.
        return match next {
            None => true,
            Some(n) if closing(n) => false,
            Some(n) => starts_sentence(n),
        };
    }
    if closing(tok) && i > 0 {
        let prev = tokens[i - 1].span.slice(line);
        if matches!(prev, "." | "!" | "?" | "…" | "...") {
            return next.is_none_or(starts_sentence);
        }
    }
    // An initialism at the end of a sentence carries its full stop.
    if is_initialism(tok) {
        return next.is_some_and(|n| SENTENCE_STARTERS.contains(&n));
    }
    false
}

fn starts_sentence(tok: &str) -> bool {
    tok.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_numeric() || matches!(c, '“' | '"' | '‘' | '\'' | '(' | '—' | '–')
    })
}

/// `U.S.`, `p.m.`, `U.K.`: single letters each followed by a period.
fn is_initialism(tok: &str) -> bool {
    let mut chars = tok.chars();
    let mut pairs = 0;
    loop {
        match (chars.next(), chars.next()) {
            (None, _) => return pairs >= 2,
            (Some(c), Some('.')) if c.is_alphabetic() => pairs += 1,
            _ => return false,
        }
    }
}

/// The tokens of one line (no line breaks inside).
pub fn tokenize(line: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(line.len(), |c| c.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if is_word_char(c) {
            j = word_end(&chars, i);
            // Clitics are tokens of their own, as in the Penn Treebank and
            // CoNLL-2003 ("NATO ’s", "do n’t"), so that a mention ends where
            // the name does.
            let clitic = clitic_len(&chars[i..j]);
            if clitic > 0 {
                let split = chars[j - clitic].0;
                out.push(Token {
                    span: Span::new(start, split),
                });
                out.push(Token {
                    span: Span::new(split, end_of(j)),
                });
                i = j;
                continue;
            }
        } else if c == '.'
            && chars.get(i + 1).is_some_and(|n| n.1 == '.')
            && chars.get(i + 2).is_some_and(|n| n.1 == '.')
        {
            j = i + 3;
        }
        // Whatever the token, what attaches to its last character joins it:
        // skin tones, variation selectors, combining marks, and the next
        // character after a zero-width joiner.
        while j < chars.len() && is_extender(chars[j].1) {
            j += if chars[j].1 == '\u{200D}' && j + 1 < chars.len() {
                2
            } else {
                1
            };
        }
        out.push(Token {
            span: Span::new(start, end_of(j)),
        });
        i = j;
    }
    out
}

/// The length in chars of a clitic that ends a word: `’s`, `'s` (possessive
/// or "is") and `n’t`, or 0.
fn clitic_len(word: &[(usize, char)]) -> usize {
    let c: Vec<char> = word.iter().map(|c| c.1.to_ascii_lowercase()).collect();
    match c.as_slice() {
        [.., a, b, '\'' | '’', 't'] if *b == 'n' && a.is_alphabetic() => 3,
        [.., a, '\'' | '’', 's'] if a.is_alphanumeric() => 2,
        _ => 0,
    }
}

/// Where the word starting at `i` ends (index of the first char after it).
fn word_end(chars: &[(usize, char)], i: usize) -> usize {
    let at = |k: usize| chars.get(k).map(|c| c.1);
    let mut j = i;
    // Initialisms: U.S., p.m.
    if at(i).is_some_and(char::is_alphabetic)
        && at(i + 1) == Some('.')
        && at(i + 2).is_some_and(char::is_alphabetic)
        && at(i + 3) == Some('.')
    {
        j = i;
        while at(j).is_some_and(char::is_alphabetic) && at(j + 1) == Some('.') {
            j += 2;
        }
        return j;
    }
    loop {
        while at(j).is_some_and(|c| is_word_char(c) || is_extender(c)) {
            j += 1;
        }
        // Joiners inside a word: 2.5, 1,000 (digits on both sides), O'Brien,
        // Poland’s (letters on both sides; the tokenizer splits the clitic
        // off afterwards). Hyphens are not: mentions live inside compounds
        // ("Europe-wide", "NATO-led"), so they split as in OntoNotes and
        // spaCy.
        match (at(j), at(j.wrapping_sub(1)), at(j + 1)) {
            (Some('.' | ','), Some(p), Some(n)) if p.is_ascii_digit() && n.is_ascii_digit() => {
                j += 1
            }
            (Some(c), Some(p), Some(n))
                if is_apostrophe(c) && is_word_char(p) && is_word_char(n) =>
            {
                j += 1
            }
            _ => break,
        }
    }
    // A title keeps its period: "Gen." "Mr."
    if at(j) == Some('.') {
        let word: String = chars[i..j].iter().map(|c| c.1).collect();
        if ABBREVIATIONS.contains(&word.as_str()) {
            j += 1;
        }
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<&str>> {
        sentences(text)
            .into_iter()
            .map(|s| s.into_iter().map(|t| t.span.slice(text)).collect())
            .collect()
    }

    #[test]
    fn keeps_initialisms_titles_and_numbers_whole_and_splits_clitics() {
        let text = "The U.S. and Gen. Cavoli said Poland’s spending reached 4.12% — about $1,000 \
                    per head; O’Brien didn't.";
        let expected = "The|U.S.|and|Gen.|Cavoli|said|Poland|’s|spending|reached|4.12|%|—|about|$|1,000|\
                        per|head|;|O’Brien|did|n't|.";
        assert_eq!(words(text), vec![expected.split('|').collect::<Vec<_>>()]);
    }

    #[test]
    fn splits_sentences_after_closing_quotes_and_initialisms() {
        let w =
            words("“We are ready.” Austin spoke at 3 p.m. in the U.S. The talks ended.\nNext line");
        assert_eq!(w.len(), 4, "{w:?}");
        assert_eq!(w[0], vec!["“", "We", "are", "ready", ".", "”"]);
        assert_eq!(
            w[1],
            vec!["Austin", "spoke", "at", "3", "p.m.", "in", "the", "U.S."]
        );
        assert_eq!(w[2], vec!["The", "talks", "ended", "."]);
        assert_eq!(w[3], vec!["Next", "line"]);
    }

    #[test]
    fn never_splits_a_perceived_character() {
        let text = "Kos\u{301}ciuszko 👍🏽 👩‍👩‍👧 Europe-wide…";
        let w = words(text);
        assert_eq!(
            w,
            vec![vec![
                "Kos\u{301}ciuszko",
                "👍🏽",
                "👩‍👩‍👧",
                "Europe",
                "-",
                "wide",
                "…"
            ]]
        );
    }
}
