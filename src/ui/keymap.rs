//! One keymap: the registry's keys and the project's label keys together,
//! with clashes refused rather than silently shadowed.
//!
//! Label keys come from project files, which anyone can write; a label
//! whose key is `a` would otherwise take over Accept. [`Keymap::new`] gives
//! every command its keys first, then each label the key it asks for if it
//! is still free, and reports the labels that did not get theirs.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::command::{Scope, UiCommand};
use crate::model::LabelSet;

/// What a key does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Binding {
    /// Runs a command of the registry.
    Command(UiCommand),
    /// Labels the selection with the named label.
    Label(String),
}

/// A label whose key was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyClash {
    /// The label's name.
    pub label: String,
    /// The key the project file gave it.
    pub key: char,
    /// Why it cannot have it: the command or label that has the key, or
    /// that the character is not a key.
    pub taken_by: String,
}

impl KeyClash {
    /// The notice shown when a project with this clash is opened.
    pub fn message(&self) -> String {
        format!(
            "Label {} asked for the key “{}”, but {}; the label has no key now (use the label menu or the palette).",
            self.label, self.key, self.taken_by
        )
    }
}

/// One key and what it does.
#[derive(Clone, Debug)]
struct Entry {
    shortcut: KeyboardShortcut,
    binding: Binding,
    scope: Scope,
    repeats: bool,
}

/// Every key of the window, built from the registry and the labels.
#[derive(Clone, Debug)]
pub struct Keymap {
    entries: Vec<Entry>,
    /// The labels it was built for, to notice when they change.
    labels: LabelSet,
}

impl Default for Keymap {
    fn default() -> Self {
        Self::new(&LabelSet::default()).0
    }
}

impl Keymap {
    /// The registry's keys, then each label's key where it is free. Labels
    /// take their key with and without Shift, as they always have, so a
    /// key is refused if a command has either.
    pub fn new(labels: &LabelSet) -> (Self, Vec<KeyClash>) {
        let mut entries: Vec<Entry> = UiCommand::ALL
            .iter()
            .flat_map(|&command| {
                let spec = command.spec();
                spec.keys.iter().map(move |&shortcut| Entry {
                    shortcut,
                    binding: Binding::Command(command),
                    scope: spec.scope,
                    repeats: spec.repeats,
                })
            })
            .collect();
        let mut clashes = Vec::new();
        for label in labels.iter() {
            let Some(c) = label.shortcut else { continue };
            let Some(key) = label_key(c) else {
                clashes.push(KeyClash {
                    label: label.name.clone(),
                    key: c,
                    taken_by: "that is not a letter or digit key".into(),
                });
                continue;
            };
            let owner = entries.iter().find(|e| {
                e.shortcut.logical_key == key
                    && (e.shortcut.modifiers == Modifiers::NONE
                        || e.shortcut.modifiers == Modifiers::SHIFT)
            });
            if let Some(owner) = owner {
                clashes.push(KeyClash {
                    label: label.name.clone(),
                    key: c,
                    taken_by: match &owner.binding {
                        Binding::Command(command) => format!("it is {}", command.title()),
                        Binding::Label(other) => format!("label {other} has it"),
                    },
                });
                continue;
            }
            for modifiers in [Modifiers::NONE, Modifiers::SHIFT] {
                entries.push(Entry {
                    shortcut: KeyboardShortcut::new(modifiers, key),
                    binding: Binding::Label(label.name.clone()),
                    scope: Scope::Article,
                    repeats: false,
                });
            }
        }
        let keymap = Self {
            entries,
            labels: labels.clone(),
        };
        (keymap, clashes)
    }

    /// Whether the keymap was built for these labels.
    pub fn is_for(&self, labels: &LabelSet) -> bool {
        &self.labels == labels
    }

    /// What `key` pressed with exactly `modifiers` does, when it works and
    /// whether holding it repeats.
    pub fn lookup(&self, key: Key, modifiers: Modifiers) -> Option<(&Binding, Scope, bool)> {
        self.entries
            .iter()
            .find(|e| {
                e.shortcut.logical_key == key && modifiers.matches_exact(e.shortcut.modifiers)
            })
            .map(|e| (&e.binding, e.scope, e.repeats))
    }

    /// The key that applies `label`, if it kept one.
    pub fn label_key(&self, label: &str) -> Option<KeyboardShortcut> {
        self.entries
            .iter()
            .find(|e| matches!(&e.binding, Binding::Label(l) if l == label))
            .map(|e| e.shortcut)
    }
}

/// The key of a label's character: letters and digits only.
fn label_key(c: char) -> Option<Key> {
    if !c.is_ascii_alphanumeric() {
        return None;
    }
    Key::from_name(&c.to_ascii_uppercase().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Label;

    fn labels_with(keys: &[(&str, char)]) -> LabelSet {
        let mut set = LabelSet::default();
        for &(name, key) in keys {
            set.upsert(Label {
                name: name.into(),
                color: crate::model::Rgb(0, 0, 0),
                shortcut: Some(key),
                description: String::new(),
                builtin: false,
            });
        }
        set
    }

    #[test]
    fn the_builtin_labels_keep_their_digit_keys() {
        let (keymap, clashes) = Keymap::new(&LabelSet::default());
        assert!(clashes.is_empty(), "{clashes:?}");
        assert_eq!(
            keymap.lookup(Key::Num3, Modifiers::NONE).map(|b| b.0),
            Some(&Binding::Label("GPE".into()))
        );
    }

    #[test]
    fn a_label_cannot_take_a_command_key() {
        let (keymap, clashes) = Keymap::new(&labels_with(&[("WEAPON", 'a'), ("UNIT", 'J')]));
        assert_eq!(clashes.len(), 2);
        assert_eq!(clashes[0].label, "WEAPON");
        assert!(
            clashes[0].message().contains("Accept"),
            "{}",
            clashes[0].message()
        );
        assert!(clashes[1].message().contains("Next annotation"));
        // The keys still do what the registry says.
        assert_eq!(
            keymap.lookup(Key::A, Modifiers::NONE).map(|b| b.0),
            Some(&Binding::Command(UiCommand::Accept))
        );
        assert_eq!(keymap.label_key("WEAPON"), None);
    }

    #[test]
    fn two_labels_cannot_share_a_key_and_odd_characters_are_refused() {
        let (keymap, clashes) = Keymap::new(&labels_with(&[
            ("WEAPON", 'w'),
            ("WARSHIP", 'W'),
            ("SIGN", '€'),
        ]));
        assert_eq!(clashes.len(), 2, "{clashes:?}");
        assert!(clashes[0].message().contains("label WEAPON has it"));
        assert!(clashes[1].message().contains("not a letter or digit"));
        assert_eq!(
            keymap.lookup(Key::W, Modifiers::SHIFT).map(|b| b.0),
            Some(&Binding::Label("WEAPON".into()))
        );
    }

    #[test]
    fn modifiers_must_match_exactly() {
        let keymap = Keymap::default();
        let save = keymap.lookup(Key::S, Modifiers::COMMAND).map(|b| b.0);
        assert_eq!(save, Some(&Binding::Command(UiCommand::Save)));
        let save_as = keymap
            .lookup(Key::S, Modifiers::COMMAND | Modifiers::SHIFT)
            .map(|b| b.0);
        assert_eq!(save_as, Some(&Binding::Command(UiCommand::SaveAs)));
        let claim = keymap.lookup(Key::S, Modifiers::NONE).map(|b| b.0);
        assert_eq!(claim, Some(&Binding::Command(UiCommand::MarkClaim)));
        assert_eq!(keymap.lookup(Key::S, Modifiers::ALT), None);
    }
}
