//! The command palette (Ctrl+Shift+P, ⌘⇧P): type part of a command's name
//! to find it among every command of the registry and every label, with
//! its key shown, so nothing the window can do is out of reach of the
//! keyboard.

use egui::{Context, Id, Key, Modifiers};

use super::keymap::Binding;

/// One line of the palette.
#[derive(Clone, Debug)]
pub struct PaletteEntry {
    /// What choosing it does.
    pub binding: Binding,
    /// The name searched and shown.
    pub title: String,
    /// Its menu, shown before the title ("File", "Label").
    pub section: &'static str,
    /// Its key, if it has one.
    pub keys: String,
    /// The one-sentence help, shown on hover.
    pub help: String,
    /// Whether it can run now (an accept needs a selected annotation).
    pub enabled: bool,
}

/// Lines shown at most; the search narrows the rest.
const SHOWN: usize = 14;

/// The palette's own state: whether it is open, what was typed and which
/// line is highlighted.
#[derive(Default)]
pub struct CommandPalette {
    /// Whether the palette is on screen.
    pub open: bool,
    query: String,
    highlighted: usize,
}

impl CommandPalette {
    /// Opens the palette with an empty search, or closes it.
    pub fn toggle(&mut self) {
        self.open = !self.open;
        self.query.clear();
        self.highlighted = 0;
    }

    /// Draws the palette; returns what the analyst chose. ↑/↓ move, Enter
    /// chooses, Esc or a click elsewhere closes.
    pub fn show(&mut self, ctx: &Context, entries: &[PaletteEntry]) -> Option<Binding> {
        if !self.open {
            return None;
        }
        let found = matching(entries, &self.query);
        let (down, up, enter, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        if down {
            self.highlighted = (self.highlighted + 1).min(found.len().saturating_sub(1));
        }
        if up {
            self.highlighted = self.highlighted.saturating_sub(1);
        }
        let mut chosen = None;
        if enter && let Some(&i) = found.get(self.highlighted) {
            chosen = Some(i);
        }
        let width = (ctx.content_rect().width() - 40.0).clamp(240.0, 560.0);
        // A window without a title bar: over the panels, and a window to
        // screen readers and the layout tests.
        let shown = egui::Window::new("Command palette")
            .id(Id::unique("command_palette"))
            .title_bar(false)
            .resizable(false)
            .collapsible(false)
            .order(egui::Order::Foreground)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 48.0])
            .show(ctx, |ui| {
                ui.set_width(width);
                let field = egui::TextEdit::singleline(&mut self.query)
                    .hint_text("Type a command or a label…")
                    .desired_width(f32::INFINITY);
                let response = ui.add(field);
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Command palette search")
                });
                response.request_focus();
                if response.changed() {
                    self.highlighted = 0;
                }
                ui.separator();
                if found.is_empty() {
                    ui.weak("No command matches");
                }
                // Rows scroll in a short window; the highlighted one is
                // kept in view.
                let room = (ctx.content_rect().height() - 140.0).max(60.0);
                egui::ScrollArea::vertical()
                    .max_height(room)
                    .show(ui, |ui| {
                        for (row, &i) in found.iter().enumerate().take(SHOWN) {
                            if self.entry_row(ui, &entries[i], row == self.highlighted) {
                                chosen = Some(i);
                            }
                        }
                    });
                if found.len() > SHOWN {
                    ui.weak(format!("{} more: type to narrow", found.len() - SHOWN));
                }
            });
        let rect = shown.map(|r| r.response.rect);
        let clicked_outside = ctx.input(|i| i.pointer.any_pressed())
            && !ctx
                .pointer_latest_pos()
                .is_some_and(|p| rect.is_some_and(|r| r.contains(p)));
        let chosen = chosen.filter(|&i| entries[i].enabled);
        if escape || clicked_outside || chosen.is_some() {
            self.toggle();
            self.open = false;
        }
        chosen.map(|i| entries[i].binding.clone())
    }

    /// One line: section, title and key; returns whether it was clicked.
    fn entry_row(&self, ui: &mut egui::Ui, entry: &PaletteEntry, highlighted: bool) -> bool {
        let text = format!("{}: {}", entry.section, entry.title);
        let mut clicked = false;
        ui.horizontal(|ui| {
            let mut button = egui::Button::selectable(highlighted, text);
            if !entry.keys.is_empty() {
                button = button.shortcut_text(entry.keys.as_str());
            }
            let row = ui.add_enabled(entry.enabled, button);
            if highlighted {
                row.scroll_to_me(None);
            }
            clicked = row.on_hover_text(&entry.help).clicked();
        });
        clicked
    }
}

/// The entries that match `query`, best first; all of them, in registry
/// order, for an empty query.
fn matching(entries: &[PaletteEntry], query: &str) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..entries.len()).collect();
    }
    let mut scored: Vec<(i32, usize)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let in_title = score(query, &e.title);
            let in_section = score(query, &format!("{} {}", e.section, e.title)).map(|s| s - 5);
            in_title.max(in_section).map(|s| (s, i))
        })
        .collect();
    // Equal scores: the shorter name (the closer match) first, then the
    // registry's order.
    scored.sort_by_key(|&(s, i)| (std::cmp::Reverse(s), entries[i].title.len()));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// How well `query` matches `text`: its characters must appear in order
/// (ignoring case and spaces); characters at the start of a word and
/// characters in a row score more, gaps score less. `None` if they do not
/// all appear.
fn score(query: &str, text: &str) -> Option<i32> {
    let text: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let mut total = 0;
    let mut from = 0;
    let mut previous: Option<usize> = None;
    for q in query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
    {
        let at = from + text[from..].iter().position(|&t| t == q)?;
        let word_start = at == 0 || !text[at - 1].is_alphanumeric();
        total += 1;
        if word_start {
            total += 8;
        }
        match previous {
            Some(p) if p + 1 == at => total += 5,
            Some(p) => total -= ((at - p) as i32).min(10),
            None => total -= (at as i32).min(10),
        }
        previous = Some(at);
        from = at + 1;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::command::UiCommand;

    fn entry(title: &str) -> PaletteEntry {
        PaletteEntry {
            binding: Binding::Command(UiCommand::Save),
            title: title.into(),
            section: "File",
            keys: String::new(),
            help: String::new(),
            enabled: true,
        }
    }

    #[test]
    fn letters_must_appear_in_order() {
        assert!(score("sva", "Save As…").is_some());
        assert!(score("xs", "Save").is_none());
        assert!(score("", "Save").is_some());
    }

    #[test]
    fn word_starts_and_runs_rank_first() {
        let entries = [
            entry("Show Rejected Suggestions"),
            entry("Save As…"),
            entry("Save"),
        ];
        let found = matching(&entries, "save");
        assert_eq!(entries[found[0]].title, "Save");
        assert_eq!(found.len(), 2);
        let found = matching(&entries, "sva");
        assert_eq!(entries[found[0]].title, "Save As…");
    }

    #[test]
    fn an_empty_search_lists_everything_in_registry_order() {
        let entries = [entry("Save As…"), entry("Quit"), entry("Save")];
        assert_eq!(matching(&entries, " "), [0, 1, 2]);
    }

    #[test]
    fn the_section_is_searched_too() {
        let entries = [entry("Quit"), entry("Claims Ledger")];
        assert_eq!(matching(&entries, "file quit").len(), 1);
    }
}
