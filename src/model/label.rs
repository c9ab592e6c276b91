use serde::{Deserialize, Serialize};

/// An sRGB colour, kept free of any GUI type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// An entity label: the seven of the guideline, or one the analyst defined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Upper-case name as it appears in every export (`PERSON`, `ORG`, …).
    pub name: String,
    pub color: Rgb,
    /// The key that applies this label to the selected text.
    pub shortcut: Option<char>,
    pub description: String,
    #[serde(default)]
    pub builtin: bool,
}

/// `(name, colour, shortcut, description)` of the guideline's labels. The
/// colours are distinguishable for the common colour-vision deficiencies
/// (Okabe–Ito palette) and readable on light and dark backgrounds.
pub const BUILTIN_LABELS: [(&str, Rgb, char, &str); 7] = [
    (
        "PERSON",
        Rgb(0, 114, 178),
        '1',
        "People, by name (no titles)",
    ),
    (
        "ORG",
        Rgb(213, 94, 0),
        '2',
        "Organisations, forces, ministries, companies",
    ),
    (
        "GPE",
        Rgb(0, 158, 115),
        '3',
        "Countries and cities, also as governments",
    ),
    ("LOC", Rgb(86, 180, 233), '4', "Regions, continents, seas"),
    (
        "DATE",
        Rgb(204, 121, 167),
        '5',
        "Dates and deictic days, months, years",
    ),
    (
        "MONEY",
        Rgb(230, 159, 0),
        '6',
        "Amounts with their currency",
    ),
    ("PERCENT", Rgb(153, 102, 204), '7', "Percentages"),
];

/// The labels of a project, in display order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSet {
    labels: Vec<Label>,
}

impl Default for LabelSet {
    fn default() -> Self {
        Self {
            labels: BUILTIN_LABELS
                .iter()
                .map(|&(name, color, key, description)| Label {
                    name: name.to_owned(),
                    color,
                    shortcut: Some(key),
                    description: description.to_owned(),
                    builtin: true,
                })
                .collect(),
        }
    }
}

impl LabelSet {
    pub fn iter(&self) -> impl Iterator<Item = &Label> {
        self.labels.iter()
    }

    pub fn get(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    pub fn by_shortcut(&self, key: char) -> Option<&Label> {
        let key = key.to_ascii_lowercase();
        self.labels
            .iter()
            .find(|l| l.shortcut.map(|s| s.to_ascii_lowercase()) == Some(key))
    }

    /// The colour of a label, grey for a name the set does not know (an
    /// imported label, say) so that it still shows.
    pub fn color(&self, name: &str) -> Rgb {
        self.get(name).map_or(Rgb(128, 128, 128), |l| l.color)
    }

    /// Adds or replaces a label by name; returns the previous definition.
    pub fn upsert(&mut self, label: Label) -> Option<Label> {
        match self.labels.iter_mut().find(|l| l.name == label.name) {
            Some(slot) => Some(std::mem::replace(slot, label)),
            None => {
                self.labels.push(label);
                None
            }
        }
    }

    pub fn remove(&mut self, name: &str) -> Option<Label> {
        let i = self
            .labels
            .iter()
            .position(|l| l.name == name && !l.builtin)?;
        Some(self.labels.remove(i))
    }

    /// Normalises a label name typed by a user: trimmed, upper case, inner
    /// white space as `_`. `None` for an empty name.
    pub fn normalise_name(name: &str) -> Option<String> {
        let n: String = name
            .trim()
            .chars()
            .map(|c| {
                if c.is_whitespace() {
                    '_'
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect();
        (!n.is_empty()).then_some(n)
    }
}
