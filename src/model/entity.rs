use serde::{Deserialize, Serialize};

/// Identifies a canonical entity within a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(pub u64);

/// One real-world thing that mentions resolve to: "U.S.", "United States" and
/// "Washington" (as the government) are all mentions of one entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Unique within the project.
    pub id: EntityId,
    /// The canonical name: full, with diacritics ("Daniel Zimmerman").
    pub name: String,
    /// The label of its mentions (`PERSON`, `GPE`, …).
    pub label: String,
    /// Other names its mentions use ("U.S.", "Washington").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-3, for countries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso3: Option<String>,
    /// For people: "Assistant Secretary of War".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl Entity {
    /// Adds `alias` unless the entity already goes by it.
    pub fn add_alias(&mut self, alias: String) {
        if !self.is_named(&alias) {
            self.aliases.push(alias);
        }
    }

    /// Whether `surface` names this entity (its name or an alias), ignoring
    /// case.
    pub fn is_named(&self, surface: &str) -> bool {
        self.name.eq_ignore_ascii_case(surface)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(surface))
    }
}
