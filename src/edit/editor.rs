use super::{Command, EditError};
use crate::model::Project;

/// One undoable step: the command that reverts it and what it was called.
#[derive(Debug)]
struct Step {
    description: String,
    inverse: Command,
    /// The state this step's inverse returns to.
    state_before: u64,
    state_after: u64,
}

/// A project with its undo and redo stacks.
///
/// Each distinct state of the project has a number; the project is dirty when
/// the current state is not the one last saved. Undoing back to the saved
/// state makes it clean again, as users expect.
#[derive(Debug)]
pub struct Editor {
    project: Project,
    undo: Vec<Step>,
    redo: Vec<Step>,
    state: u64,
    next_state: u64,
    saved_state: Option<u64>,
    /// Counts every change, undo and redo included; caches key on it.
    revision: u64,
    /// The analyst whose name goes on every annotation they add, accept,
    /// edit or reject; none records nothing.
    annotator: Option<String>,
}

/// How many steps undo keeps; the oldest go first.
const UNDO_LIMIT: usize = 1000;

impl Editor {
    /// An editor for a project that is as it is on disk (or new and empty).
    pub fn new(project: Project) -> Self {
        Self {
            project,
            undo: Vec::new(),
            redo: Vec::new(),
            state: 0,
            next_state: 1,
            saved_state: Some(0),
            revision: 0,
            annotator: None,
        }
    }

    /// The analyst recorded on the annotations handled from now on; blank
    /// records nobody. Kept as typed (a name field edits it letter by
    /// letter) and trimmed when recorded.
    pub fn set_annotator(&mut self, name: Option<String>) {
        self.annotator = name.filter(|n| !n.trim().is_empty());
    }

    /// The analyst recorded on handled annotations, if any.
    pub fn annotator(&self) -> Option<&str> {
        self.annotator.as_deref()
    }

    /// An editor whose project has never been saved: dirty from the start.
    pub fn new_unsaved(project: Project) -> Self {
        let mut e = Self::new(project);
        e.saved_state = None;
        e
    }

    /// The project as edited so far.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Direct access for what is not an edit (ids for new annotations).
    pub fn project_mut_for_ids(&mut self) -> &mut Project {
        &mut self.project
    }

    /// Counts every change (undo and redo too): caches key on it.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether the project differs from the state last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.state)
    }

    /// The current state is the one on disk.
    pub fn mark_saved(&mut self) {
        self.saved_state = Some(self.state);
    }

    /// The number of the current state, for a save that runs on another
    /// thread: it snapshots the project, and when the write succeeds,
    /// [`Editor::mark_saved_state`] marks the state it wrote, whatever was
    /// edited meanwhile.
    pub fn state_id(&self) -> u64 {
        self.state
    }

    /// The project exists only in memory (a copy, restored work): dirty
    /// until saved.
    pub fn mark_unsaved(&mut self) {
        self.saved_state = None;
    }

    /// `state` (from [`Editor::state_id`]) is the one on disk.
    pub fn mark_saved_state(&mut self, state: u64) {
        self.saved_state = Some(state);
    }

    /// How many undo steps lie between the saved state and now, when the
    /// saved state is on the undo stack (the usual case); `None` when it is
    /// not (a redo-branch save, a project never saved).
    pub fn edits_since_save(&self) -> Option<usize> {
        let saved = self.saved_state?;
        if saved == self.state {
            return Some(0);
        }
        self.undo
            .iter()
            .rev()
            .position(|step| step.state_before == saved)
            .map(|i| i + 1)
    }

    /// Applies a command as one undo step.
    pub fn execute(&mut self, command: Command) -> Result<(), EditError> {
        let description = command.describe();
        let command = self.attributed(command);
        let inverse = command.apply(&mut self.project)?;
        let state_before = self.state;
        self.state = self.next_state;
        self.next_state += 1;
        self.revision += 1;
        self.undo.push(Step {
            description,
            inverse,
            state_before,
            state_after: self.state,
        });
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// The command with the analyst's name recorded on what it handles, in
    /// the same undo step.
    fn attributed(&self, command: Command) -> Command {
        let Some(name) = self.annotator.as_deref().map(str::trim) else {
            return command;
        };
        let handled = command.handled_annotations();
        if handled.is_empty() {
            return command;
        }
        let description = command.describe();
        let mut by_doc: std::collections::BTreeMap<_, Vec<_>> = Default::default();
        for (doc, id) in handled {
            by_doc
                .entry(doc)
                .or_default()
                .push((id, Some(name.to_owned())));
        }
        let mut commands = vec![command];
        commands.extend(
            by_doc
                .into_iter()
                .map(|(doc, entries)| Command::SetAnnotators { doc, entries }),
        );
        Command::Batch {
            description,
            commands,
        }
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What undo would revert, for the Edit menu.
    pub fn undo_description(&self) -> Option<&str> {
        self.undo.last().map(|s| s.description.as_str())
    }

    /// What redo would apply again, for the Edit menu.
    pub fn redo_description(&self) -> Option<&str> {
        self.redo.last().map(|s| s.description.as_str())
    }

    /// Reverts the last step; returns its description.
    pub fn undo(&mut self) -> Option<String> {
        let step = self.undo.pop()?;
        let description = step.description.clone();
        let redo = self.replay(step);
        self.redo.push(redo);
        Some(description)
    }

    /// Applies the last undone step again; returns its description.
    pub fn redo(&mut self) -> Option<String> {
        let step = self.redo.pop()?;
        let description = step.description.clone();
        let undo = self.replay(step);
        self.undo.push(undo);
        Some(description)
    }

    /// Applies a step's inverse (an undo or a redo) and returns the step
    /// that goes back: the same description, the states swapped.
    fn replay(&mut self, step: Step) -> Step {
        let back = step
            .inverse
            .apply(&mut self.project)
            .expect("an inverse applies to the state it came from");
        self.state = step.state_before;
        self.revision += 1;
        Step {
            description: step.description,
            inverse: back,
            state_before: step.state_after,
            state_after: step.state_before,
        }
    }

    /// Replaces the whole project (open, revert); history is dropped.
    pub fn replace_project(&mut self, project: Project, saved: bool) {
        let revision = self.revision + 1;
        let annotator = self.annotator.take();
        *self = if saved {
            Self::new(project)
        } else {
            Self::new_unsaved(project)
        };
        self.revision = revision;
        self.annotator = annotator;
    }
}
