//! Text positions.
//!
//! Every span inside Dossier is a [`Span`] of UTF-8 byte offsets into a
//! document's text: that is what Rust slices, what the annotation engine's
//! searches return and what egui's layout sections take. Everything that
//! leaves the program speaks another unit (Unicode code points for JSONL,
//! brat and the GUI's offset display, UTF-16 code units for browsers), so the
//! conversion lives in one place, [`OffsetIndex`], and happens only at the
//! edges.

mod fold;
mod offsets;
mod span;

pub use fold::{fold, folded_eq};
pub use offsets::{OffsetIndex, OffsetUnit};
pub use span::Span;

/// Line number (1-based) of a byte offset, for error messages.
pub fn line_of_byte(text: &str, byte: usize) -> usize {
    let end = byte.min(text.len());
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}
