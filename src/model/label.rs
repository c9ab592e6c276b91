//! Entity labels: the guideline's seven built-in ones, named once here, and
//! the set a project uses.

use serde::{Deserialize, Serialize};

/// An sRGB colour, kept free of any GUI type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// An entity label: the seven of the guideline, or one the analyst defined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Upper-case name as it appears in every export (`PERSON`, `ORG`, …).
    pub name: String,
    /// The colour the label is drawn in.
    pub color: Rgb,
    /// The key that applies this label to the selected text.
    pub shortcut: Option<char>,
    /// What the label is for, as the guideline puts it.
    pub description: String,
    /// One of the guideline's labels, which the analyst cannot remove.
    #[serde(default)]
    pub builtin: bool,
}

/// The guideline's labels. Code that means one of them names it through
/// this enum or the constants below ([`PERSON`], [`GPE`], …), never as a bare
/// string, so that a typo cannot become a new label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BuiltinLabel {
    /// People, by name.
    Person,
    /// Organisations.
    Org,
    /// Geo-political entities: countries and cities.
    Gpe,
    /// Other locations: regions, continents, seas.
    Loc,
    /// Dates.
    Date,
    /// Amounts of money.
    Money,
    /// Percentages.
    Percent,
}

/// The name of [`BuiltinLabel::Person`].
pub const PERSON: &str = BuiltinLabel::Person.name();
/// The name of [`BuiltinLabel::Org`].
pub const ORG: &str = BuiltinLabel::Org.name();
/// The name of [`BuiltinLabel::Gpe`].
pub const GPE: &str = BuiltinLabel::Gpe.name();
/// The name of [`BuiltinLabel::Loc`].
pub const LOC: &str = BuiltinLabel::Loc.name();
/// The name of [`BuiltinLabel::Date`].
pub const DATE: &str = BuiltinLabel::Date.name();
/// The name of [`BuiltinLabel::Money`].
pub const MONEY: &str = BuiltinLabel::Money.name();
/// The name of [`BuiltinLabel::Percent`].
pub const PERCENT: &str = BuiltinLabel::Percent.name();

impl BuiltinLabel {
    /// The seven, in display order (their shortcuts are 1 to 7).
    pub const ALL: [BuiltinLabel; 7] = [
        BuiltinLabel::Person,
        BuiltinLabel::Org,
        BuiltinLabel::Gpe,
        BuiltinLabel::Loc,
        BuiltinLabel::Date,
        BuiltinLabel::Money,
        BuiltinLabel::Percent,
    ];

    /// The upper-case name every export uses.
    pub const fn name(self) -> &'static str {
        match self {
            BuiltinLabel::Person => "PERSON",
            BuiltinLabel::Org => "ORG",
            BuiltinLabel::Gpe => "GPE",
            BuiltinLabel::Loc => "LOC",
            BuiltinLabel::Date => "DATE",
            BuiltinLabel::Money => "MONEY",
            BuiltinLabel::Percent => "PERCENT",
        }
    }

    /// The built-in label of this name, if it is one.
    pub fn from_name(name: &str) -> Option<BuiltinLabel> {
        Self::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The label's colour: the Okabe–Ito palette, distinguishable for the
    /// common colour-vision deficiencies and readable on light and dark
    /// backgrounds.
    pub const fn color(self) -> Rgb {
        match self {
            BuiltinLabel::Person => Rgb(0, 114, 178),
            BuiltinLabel::Org => Rgb(213, 94, 0),
            BuiltinLabel::Gpe => Rgb(0, 158, 115),
            BuiltinLabel::Loc => Rgb(86, 180, 233),
            BuiltinLabel::Date => Rgb(204, 121, 167),
            BuiltinLabel::Money => Rgb(230, 159, 0),
            BuiltinLabel::Percent => Rgb(153, 102, 204),
        }
    }

    /// The key that applies the label: its place in [`Self::ALL`], 1 to 7.
    pub const fn shortcut(self) -> char {
        match self {
            BuiltinLabel::Person => '1',
            BuiltinLabel::Org => '2',
            BuiltinLabel::Gpe => '3',
            BuiltinLabel::Loc => '4',
            BuiltinLabel::Date => '5',
            BuiltinLabel::Money => '6',
            BuiltinLabel::Percent => '7',
        }
    }

    /// What the label covers, as the guideline says.
    pub const fn description(self) -> &'static str {
        match self {
            BuiltinLabel::Person => "People, by name (no titles)",
            BuiltinLabel::Org => "Organisations, forces, ministries, companies",
            BuiltinLabel::Gpe => "Countries and cities, also as governments",
            BuiltinLabel::Loc => "Regions, continents, seas",
            BuiltinLabel::Date => "Dates and deictic days, months, years",
            BuiltinLabel::Money => "Amounts with their currency",
            BuiltinLabel::Percent => "Percentages",
        }
    }

    /// The label as a project's label set holds it.
    pub fn to_label(self) -> Label {
        Label {
            name: self.name().to_owned(),
            color: self.color(),
            shortcut: Some(self.shortcut()),
            description: self.description().to_owned(),
            builtin: true,
        }
    }
}

/// `(name, colour, shortcut, description)` of the guideline's labels, in
/// display order; the same facts as [`BuiltinLabel`], as a table.
pub const BUILTIN_LABELS: [(&str, Rgb, char, &str); 7] = {
    let mut table = [("", Rgb(0, 0, 0), ' ', ""); 7];
    let mut i = 0;
    while i < 7 {
        let l = BuiltinLabel::ALL[i];
        table[i] = (l.name(), l.color(), l.shortcut(), l.description());
        i += 1;
    }
    table
};

/// The labels of a project, in display order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSet {
    labels: Vec<Label>,
}

impl Default for LabelSet {
    fn default() -> Self {
        Self {
            labels: BuiltinLabel::ALL.map(BuiltinLabel::to_label).to_vec(),
        }
    }
}

impl LabelSet {
    /// The labels in display order.
    pub fn iter(&self) -> impl Iterator<Item = &Label> {
        self.labels.iter()
    }

    /// The label of this name.
    pub fn get(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// The label whose shortcut is `key` (either case).
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

    /// Removes an analyst-defined label; the built-in ones stay.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_names_round_trip_and_the_default_set_holds_them_in_order() {
        for l in BuiltinLabel::ALL {
            assert_eq!(BuiltinLabel::from_name(l.name()), Some(l));
        }
        assert_eq!(BuiltinLabel::from_name("WEAPON"), None);
        let set = LabelSet::default();
        let names: Vec<&str> = set.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, [PERSON, ORG, GPE, LOC, DATE, MONEY, PERCENT]);
        assert_eq!(set.by_shortcut('3').map(|l| l.name.as_str()), Some(GPE));
        assert_eq!(
            BUILTIN_LABELS[6],
            ("PERCENT", Rgb(153, 102, 204), '7', "Percentages")
        );
    }
}
