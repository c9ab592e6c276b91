use serde::{Deserialize, Serialize};

/// A unit in which positions in a text are counted outside Dossier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OffsetUnit {
    /// UTF-8 bytes: Rust, Go, most C libraries.
    Utf8Byte,
    /// Unicode scalar values: Python `str`, brat, spaCy, W3C Web Annotation.
    CodePoint,
    /// UTF-16 code units: JavaScript, Java, .NET, browsers.
    Utf16,
}

/// How many characters lie between two checkpoints. Small enough that a
/// lookup walks at most a few cache lines, large enough that the index of a
/// 1 MB article stays around 100 KB.
const STRIDE: usize = 64;

/// Converts between UTF-8 byte offsets (Dossier's internal unit) and code
/// points or UTF-16 code units, in `O(log n)` per lookup.
///
/// Pure ASCII text, the common case for English news, needs no table at all:
/// all three units coincide.
#[derive(Clone, Debug)]
pub struct OffsetIndex {
    len_bytes: usize,
    len_chars: usize,
    len_utf16: usize,
    /// `(byte, utf16)` position of every `STRIDE`-th character; empty when the
    /// text is ASCII.
    checkpoints: Vec<(u32, u32)>,
    ascii: bool,
}

/// A place in the text counted in all three units at once, walked a
/// character at a time from a checkpoint.
struct Position {
    byte: usize,
    utf16: usize,
    chars: usize,
}

impl Position {
    /// Moves past `c`.
    fn step(&mut self, c: char) {
        self.byte += c.len_utf8();
        self.utf16 += c.len_utf16();
        self.chars += 1;
    }

    /// The place counted in `unit`.
    fn count(&self, unit: OffsetUnit) -> usize {
        match unit {
            OffsetUnit::Utf8Byte => self.byte,
            OffsetUnit::CodePoint => self.chars,
            OffsetUnit::Utf16 => self.utf16,
        }
    }
}

impl OffsetIndex {
    /// Indexes `text` in one pass.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                len_bytes: text.len(),
                len_chars: text.len(),
                len_utf16: text.len(),
                checkpoints: Vec::new(),
                ascii: true,
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut utf16 = 0usize;
        let mut chars = 0usize;
        for (byte, c) in text.char_indices() {
            if chars.is_multiple_of(STRIDE) {
                checkpoints.push((byte as u32, utf16 as u32));
            }
            utf16 += c.len_utf16();
            chars += 1;
        }
        Self {
            len_bytes: text.len(),
            len_chars: chars,
            len_utf16: utf16,
            checkpoints,
            ascii: false,
        }
    }

    /// The text's length in `unit`.
    pub fn len_in(&self, unit: OffsetUnit) -> usize {
        match unit {
            OffsetUnit::Utf8Byte => self.len_bytes,
            OffsetUnit::CodePoint => self.len_chars,
            OffsetUnit::Utf16 => self.len_utf16,
        }
    }

    /// The position of a byte offset in `unit`. A byte offset inside a
    /// character counts as that character's start; one past the end clamps.
    pub fn from_byte(&self, text: &str, byte: usize, unit: OffsetUnit) -> usize {
        let byte = byte.min(self.len_bytes);
        if self.ascii || unit == OffsetUnit::Utf8Byte {
            return byte;
        }
        let mut at = self.checkpoint(self.checkpoint_before(byte, |c| c.0));
        for c in text[at.byte..].chars() {
            if at.byte + c.len_utf8() > byte {
                break;
            }
            at.step(c);
        }
        at.count(unit)
    }

    /// The byte offset of a position counted in `unit`, or `None` when it is
    /// past the end or (for UTF-16) inside a surrogate pair, or (for bytes)
    /// inside a character.
    pub fn to_byte(&self, text: &str, pos: usize, unit: OffsetUnit) -> Option<usize> {
        if pos > self.len_in(unit) {
            return None;
        }
        if unit == OffsetUnit::Utf8Byte {
            return text.is_char_boundary(pos).then_some(pos);
        }
        if self.ascii {
            return Some(pos);
        }
        let k = match unit {
            OffsetUnit::CodePoint => (pos / STRIDE).min(self.checkpoints.len().saturating_sub(1)),
            _ => self.checkpoint_before(pos, |c| c.1),
        };
        let mut at = self.checkpoint(k);
        let mut chars = text[at.byte..].chars();
        loop {
            let here = at.count(unit);
            if here == pos {
                return Some(at.byte);
            }
            if here > pos {
                return None;
            }
            at.step(chars.next()?);
        }
    }

    /// The last checkpoint at or before `pos`, counted in the unit `key`
    /// reads from a checkpoint (the first checkpoint is at 0).
    fn checkpoint_before(&self, pos: usize, key: fn(&(u32, u32)) -> u32) -> usize {
        match self.checkpoints.binary_search_by_key(&(pos as u32), key) {
            Ok(k) => k,
            Err(k) => k - 1,
        }
    }

    /// Where checkpoint `k` stands, in every unit.
    fn checkpoint(&self, k: usize) -> Position {
        let (byte, utf16) = self.checkpoints[k];
        Position {
            byte: byte as usize,
            utf16: utf16 as usize,
            chars: k * STRIDE,
        }
    }

    /// The code-point offset of a byte offset.
    pub fn char_of_byte(&self, text: &str, byte: usize) -> usize {
        self.from_byte(text, byte, OffsetUnit::CodePoint)
    }

    /// The byte offset of a code-point offset; `None` past the end.
    pub fn byte_of_char(&self, text: &str, ch: usize) -> Option<usize> {
        self.to_byte(text, ch, OffsetUnit::CodePoint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mixed_text_converts_each_way() {
        let text = "“Poland” — Kościuszko 👍🏽 e\u{301}!";
        let idx = OffsetIndex::new(text);
        for (ch, (byte, c)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_of_byte(text, byte), ch);
            assert_eq!(idx.byte_of_char(text, ch), Some(byte));
            let u16: usize = text[..byte].encode_utf16().count();
            assert_eq!(idx.from_byte(text, byte, OffsetUnit::Utf16), u16);
            assert_eq!(idx.to_byte(text, u16, OffsetUnit::Utf16), Some(byte));
            if c.len_utf16() == 2 {
                assert_eq!(
                    idx.to_byte(text, u16 + 1, OffsetUnit::Utf16),
                    None,
                    "inside a surrogate pair"
                );
            }
        }
        let n = text.chars().count();
        assert_eq!(idx.byte_of_char(text, n), Some(text.len()));
        assert_eq!(idx.byte_of_char(text, n + 1), None);
        assert_eq!(idx.char_of_byte(text, text.len()), n);
    }

    proptest! {
        #[test]
        fn round_trips_on_any_text(text in "\\PC{0,400}", pick in 0usize..1000) {
            let idx = OffsetIndex::new(&text);
            let n = text.chars().count();
            prop_assert_eq!(idx.len_in(OffsetUnit::CodePoint), n);
            prop_assert_eq!(idx.len_in(OffsetUnit::Utf16), text.encode_utf16().count());
            let ch = pick % (n + 1);
            let byte = idx.byte_of_char(&text, ch).unwrap();
            prop_assert_eq!(byte, text.char_indices().nth(ch).map_or(text.len(), |(b, _)| b));
            prop_assert_eq!(idx.char_of_byte(&text, byte), ch);
            let u16 = idx.from_byte(&text, byte, OffsetUnit::Utf16);
            prop_assert_eq!(idx.to_byte(&text, u16, OffsetUnit::Utf16), Some(byte));
        }
    }
}
