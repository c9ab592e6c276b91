//! font
