//! Every change to a project is a [`Command`]. Applying one yields its
//! inverse, which is all that undo needs; [`Editor`] keeps the two stacks and
//! a revision number that autosave, dirty tracking and the GUI's caches
//! watch.

mod command;
mod editor;

pub use command::{Command, EditError};
pub use editor::Editor;
