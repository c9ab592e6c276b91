use serde::{Deserialize, Serialize};

/// A half-open range `start..end` of UTF-8 byte offsets into a document's
/// text. Both ends lie on `char` boundaries; constructors that take user input
/// check this, so slicing with a `Span` never panics.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// The byte after the last.
    pub end: usize,
}

impl Span {
    /// A span as given, unchecked (for offsets already known to fit).
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// A span checked against `text`: in bounds, not reversed, on `char`
    /// boundaries.
    pub fn checked(start: usize, end: usize, text: &str) -> Option<Self> {
        (start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end))
        .then_some(Self { start, end })
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether it covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// As a range, for slicing.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The covered text, or `""` when the span does not fit `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether the two share a byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies wholly inside.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the byte at `byte` is covered.
    pub fn contains_byte(&self, byte: usize) -> bool {
        self.start <= byte && byte < self.end
    }

    /// The span without leading and trailing white space; what a mouse
    /// selection usually means.
    pub fn trimmed(&self, text: &str) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead == s.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_rejects_bad_spans() {
        let text = "a—b";
        assert!(Span::checked(0, 1, text).is_some());
        assert!(Span::checked(0, 2, text).is_none(), "inside the em dash");
        assert!(Span::checked(2, 1, text).is_none(), "reversed");
        assert!(Span::checked(0, 99, text).is_none(), "out of bounds");
        assert_eq!(Span::checked(1, 4, text).unwrap().slice(text), "—");
    }

    #[test]
    fn trimmed_drops_outer_white_space() {
        let text = "  Poland \n";
        let s = Span::new(0, text.len()).trimmed(text);
        assert_eq!(s.slice(text), "Poland");
        assert!(Span::new(0, 2).trimmed(text).is_empty());
    }
}
