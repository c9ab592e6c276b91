//! Everything the analyst can ask of the window, in one list.
//!
//! Each [`UiCommand`] carries its name, its keys, its place in the menus and
//! its help text ([`UiCommand::spec`]). The menus, the keyboard
//! ([`super::keymap::Keymap`]), the help window, the command palette and the
//! captions of buttons that repeat a key are all generated from it, so they
//! cannot drift apart. What a command does is decided in one place,
//! `DossierApp::run_command`.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Where a command sits in the menu bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    /// Files: open, import, export, save, quit.
    File,
    /// Undo, find, preferences that change how editing behaves.
    Edit,
    /// The annotation keys: mark, review, move between annotations.
    Annotate,
    /// Panels and windows shown or hidden.
    View,
    /// Help.
    Help,
}

impl Menu {
    /// The menus in the order of the menu bar.
    pub const ALL: [Menu; 5] = [
        Menu::File,
        Menu::Edit,
        Menu::Annotate,
        Menu::View,
        Menu::Help,
    ];

    /// The menu's title in the menu bar.
    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::Annotate => "Annotate",
            Menu::View => "View",
            Menu::Help => "Help",
        }
    }
}

/// When a command's keys work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Always, even while a text field has the keyboard (Ctrl+S saves from
    /// the find bar too).
    Anywhere,
    /// Unless a text field, a dialog or a question has the keyboard.
    Window,
    /// Only while the article or the inspector has the keyboard: the
    /// single-letter annotation keys, which must never fire while the
    /// analyst types a search in the library.
    Article,
}

/// What the registry says about one command.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// The name in menus and the palette ("Save As…").
    pub title: &'static str,
    /// One sentence for tooltips, the help window and the palette.
    pub help: &'static str,
    /// Its menu; each menu lists its commands in the order of
    /// [`UiCommand::ALL`], with a separator where the group changes.
    pub menu: Menu,
    /// Commands of one group sit together between separators.
    pub group: u8,
    /// Its keys, the first one shown in menus and captions.
    pub keys: &'static [KeyboardShortcut],
    /// When the keys work.
    pub scope: Scope,
    /// Whether holding the key repeats the command (moving, undoing), or a
    /// held key acts once (accepting must not run down the list).
    pub repeats: bool,
}

const fn key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}
const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}
const fn alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::ALT, key)
}
/// Ctrl, or ⌘ on macOS.
const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}
const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

/// Undo's key, which curation also reads while it has the keyboard.
pub const UNDO_KEY: KeyboardShortcut = cmd(Key::Z);

/// Declares each command once, with its entry in the registry, and lists
/// them in [`UiCommand::ALL`], so that a new command cannot be left out of
/// the menus, the palette or the help window.
macro_rules! commands {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident {
            title: $title:literal,
            help: $help:literal,
            menu: $menu:ident / $group:literal,
            keys: [$($key:expr),* $(,)?],
            scope: $scope:ident $(, $repeats:ident)?,
        }
    )*) => {
        /// Something the analyst can ask of the window, from a menu, a key,
        /// a button or the command palette.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum UiCommand {
            $($(#[doc = $doc])* $name,)*
        }

        impl UiCommand {
            /// Every command, in menu order.
            pub const ALL: &[UiCommand] = &[$(UiCommand::$name,)*];

            /// The registry's entry for this command: the one place its
            /// name, keys, menu and help are written.
            pub fn spec(self) -> Spec {
                match self {
                    $(UiCommand::$name => Spec {
                        title: $title,
                        help: $help,
                        menu: Menu::$menu,
                        group: $group,
                        keys: &const { [$($key),*] },
                        scope: Scope::$scope,
                        repeats: commands!(@repeats $($repeats)?),
                    },)*
                }
            }
        }
    };
    (@repeats repeats) => { true };
    (@repeats) => { false };
}

commands! {
    /// Pick articles or a project to open.
    OpenFiles {
        title: "Open Files…",
        help: "Open articles (text, Markdown, HTML, JSON, JSON Lines) or a project",
        menu: File / 0,
        keys: [cmd(Key::O)],
        scope: Anywhere,
    }
    /// Pick a `.dossier` project to open.
    OpenProject {
        title: "Open Project…",
        help: "Open a Dossier project",
        menu: File / 0,
        keys: [],
        scope: Window,
    }
    /// Pick a folder of articles to open.
    OpenFolder {
        title: "Open Folder…",
        help: "Open every article in a folder",
        menu: File / 0,
        keys: [],
        scope: Window,
    }
    /// Type a path to open.
    OpenPath {
        title: "Open Path…",
        help: "Type the path of a file or folder to open",
        menu: File / 0,
        keys: [cmd(Key::L)],
        scope: Anywhere,
    }
    /// Add an annotated dataset (JSONL, brat, Label Studio) to the project.
    ImportAnnotations {
        title: "Import Annotations…",
        help: "Add an annotated dataset to the project: JSONL, a brat folder or Label Studio JSON",
        menu: File / 1,
        keys: [],
        scope: Window,
    }
    /// Read NATO's Excel workbook as a new edition.
    ImportWorkbook {
        title: "Import NATO Workbook…",
        help: "Read NATO's def-exp-YYYY-en.xlsx as a new edition of the figures",
        menu: File / 1,
        keys: [],
        scope: Window,
    }
    /// Read a CSV of spending figures to compare with NATO's.
    ImportFigures {
        title: "Import Spending Figures…",
        help: "Read a CSV of spending figures to compare with NATO's in the chart",
        menu: File / 1,
        keys: [],
        scope: Window,
    }
    /// Read a plain list of names into the project gazetteer.
    ImportNameList {
        title: "Import Name List…",
        help: "Read a plain list of names (one per line, optionally “name<TAB>LABEL”) into the project gazetteer",
        menu: File / 1,
        keys: [],
        scope: Window,
    }
    /// Export the project as a dataset.
    ExportDataset {
        title: "Export Dataset…",
        help: "Write the annotations for other tools (JSONL, CSV, spaCy, CoNLL, brat, Label Studio, WebAnno)",
        menu: File / 2,
        keys: [],
        scope: Window,
    }
    /// Write the chart as PNG.
    ExportChartPng {
        title: "Export Chart as PNG…",
        help: "Write the spending chart as a PNG picture",
        menu: File / 2,
        keys: [],
        scope: Window,
    }
    /// Write the chart as SVG.
    ExportChartSvg {
        title: "Export Chart as SVG…",
        help: "Write the spending chart as an SVG drawing for reports",
        menu: File / 2,
        keys: [],
        scope: Window,
    }
    /// Write the chart's figures as CSV.
    ExportChartCsv {
        title: "Export Chart as CSV…",
        help: "Write the figures the chart shows as CSV",
        menu: File / 2,
        keys: [],
        scope: Window,
    }
    /// Save the project.
    Save {
        title: "Save",
        help: "Save the project (a read-only or new project asks where to save a copy)",
        menu: File / 3,
        keys: [cmd(Key::S)],
        scope: Anywhere,
    }
    /// Save the project under a new name.
    SaveAs {
        title: "Save As…",
        help: "Save the project under a new name",
        menu: File / 3,
        keys: [cmd_shift(Key::S)],
        scope: Anywhere,
    }
    /// Close the window (asking first about unsaved work).
    Quit {
        title: "Quit",
        help: "Close the window; unsaved work is asked about first",
        menu: File / 4,
        keys: [cmd(Key::Q)],
        scope: Anywhere,
    }
    /// Undo the last edit.
    Undo {
        title: "Undo",
        help: "Undo the last edit",
        menu: Edit / 0,
        keys: [UNDO_KEY],
        scope: Anywhere, repeats,
    }
    /// Redo the last undone edit.
    Redo {
        title: "Redo",
        help: "Redo the last undone edit",
        menu: Edit / 0,
        keys: [cmd_shift(Key::Z), cmd(Key::Y)],
        scope: Anywhere, repeats,
    }
    /// Find text in the article.
    Find {
        title: "Find…",
        help: "Find text in the article; Enter selects the next match, Shift+Enter the previous",
        menu: Edit / 1,
        keys: [cmd(Key::F)],
        scope: Anywhere,
    }
    /// Select the next match of the search.
    FindNext {
        title: "Find next",
        help: "Select the next match of the search",
        menu: Edit / 1,
        keys: [key(Key::F3)],
        scope: Window, repeats,
    }
    /// Select the previous match of the search.
    FindPrevious {
        title: "Find previous",
        help: "Select the previous match of the search",
        menu: Edit / 1,
        keys: [shift(Key::F3), shift(Key::Enter)],
        scope: Window, repeats,
    }
    /// Show the project gazetteer.
    ProjectGazetteer {
        title: "Project Gazetteer…",
        help: "The names this project has learned, with their labels",
        menu: Edit / 1,
        keys: [],
        scope: Window,
    }
    /// Whether accepting or rejecting moves on to the next suggestion.
    ToggleAdvanceAfterReview {
        title: "After accept or reject, go to the next suggestion",
        help: "Whether accepting or rejecting the selected annotation moves on to the next suggestion",
        menu: Edit / 2,
        keys: [],
        scope: Window,
    }
    /// Set the name recorded on the analyst's annotations.
    SetYourName {
        title: "Your Name…",
        help: "The name recorded on the annotations you add, accept, edit or reject",
        menu: Edit / 2,
        keys: [],
        scope: Window,
    }
    /// Mark the selection as a quote.
    MarkQuote {
        title: "Mark quote",
        help: "Mark the selection as a quote; Dossier suggests its speaker",
        menu: Annotate / 0,
        keys: [key(Key::Q)],
        scope: Article,
    }
    /// Mark the selection as a spending claim.
    MarkClaim {
        title: "Mark spending claim",
        help: "Mark the selection as a spending claim; Dossier fills in country, year and value",
        menu: Annotate / 0,
        keys: [key(Key::S)],
        scope: Article,
    }
    /// Accept the selected annotation.
    Accept {
        title: "Accept",
        help: "Accept the selected annotation (and go to the next suggestion, see Edit)",
        menu: Annotate / 1,
        keys: [key(Key::A), key(Key::Enter)],
        scope: Article,
    }
    /// Accept every suggestion like the selected one in the article.
    AcceptAllLike {
        title: "Accept all like this",
        help: "Accept every suggestion like the selected one in this article",
        menu: Annotate / 1,
        keys: [shift(Key::A)],
        scope: Article,
    }
    /// Reject the selected annotation.
    Reject {
        title: "Reject",
        help: "Reject the selected annotation",
        menu: Annotate / 1,
        keys: [key(Key::R), key(Key::X)],
        scope: Article,
    }
    /// Reject every suggestion like the selected one in the article.
    RejectAllLike {
        title: "Reject all like this",
        help: "Reject every suggestion like the selected one in this article",
        menu: Annotate / 1,
        keys: [shift(Key::R), shift(Key::X)],
        scope: Article,
    }
    /// Delete the selected annotation.
    Delete {
        title: "Delete",
        help: "Delete the selected annotation",
        menu: Annotate / 1,
        keys: [key(Key::Delete), key(Key::Backspace)],
        scope: Article,
    }
    /// Teach the project the selected entity's name.
    AddToGazetteer {
        title: "Add to gazetteer",
        help: "Teach the project the selected entity's name, here and in every article",
        menu: Annotate / 1,
        keys: [key(Key::G)],
        scope: Article,
    }
    /// Select the next annotation.
    NextAnnotation {
        title: "Next annotation",
        help: "Select the next annotation",
        menu: Annotate / 2,
        keys: [key(Key::J)],
        scope: Article, repeats,
    }
    /// Select the previous annotation.
    PreviousAnnotation {
        title: "Previous annotation",
        help: "Select the previous annotation",
        menu: Annotate / 2,
        keys: [key(Key::K)],
        scope: Article, repeats,
    }
    /// Select the next suggestion.
    NextSuggestion {
        title: "Next suggestion",
        help: "Select the next suggestion still to review",
        menu: Annotate / 2,
        keys: [key(Key::N)],
        scope: Article, repeats,
    }
    /// Select the previous suggestion.
    PreviousSuggestion {
        title: "Previous suggestion",
        help: "Select the previous suggestion still to review",
        menu: Annotate / 2,
        keys: [shift(Key::N)],
        scope: Article, repeats,
    }
    /// Show the next article.
    NextArticle {
        title: "Next article",
        help: "Show the next article in the library",
        menu: Annotate / 3,
        keys: [alt(Key::ArrowDown)],
        scope: Window, repeats,
    }
    /// Show the previous article.
    PreviousArticle {
        title: "Previous article",
        help: "Show the previous article in the library",
        menu: Annotate / 3,
        keys: [alt(Key::ArrowUp)],
        scope: Window, repeats,
    }
    /// Let go of the selection and of the chart's focus.
    ClearSelection {
        title: "Clear selection",
        help: "Let go of the selected text, the selected annotation and the chart's focus",
        menu: Annotate / 3,
        keys: [key(Key::Escape)],
        scope: Window,
    }
    /// Show or hide the library.
    ToggleLibrary {
        title: "Library",
        help: "Show or fold the library of articles",
        menu: View / 0,
        keys: [],
        scope: Window,
    }
    /// Show or hide the inspector.
    ToggleInspector {
        title: "Inspector",
        help: "Show or fold the inspector of the selected annotation",
        menu: View / 0,
        keys: [],
        scope: Window,
    }
    /// Show or hide the spending chart.
    ToggleChart {
        title: "Spending chart",
        help: "Show or hide the spending chart beside the article",
        menu: View / 0,
        keys: [],
        scope: Window,
    }
    /// Show or hide rejected suggestions.
    ToggleRejected {
        title: "Show rejected suggestions",
        help: "Show rejected suggestions, struck through, in the article",
        menu: View / 0,
        keys: [],
        scope: Window,
    }
    /// Show or hide the claims ledger.
    ToggleLedger {
        title: "Claims ledger",
        help: "Every spending claim of the project against NATO's figures",
        menu: View / 1,
        keys: [],
        scope: Window,
    }
    /// Show or hide the agreement between analysts.
    ToggleAgreement {
        title: "Agreement between analysts",
        help: "Compare this project with other analysts' copies",
        menu: View / 1,
        keys: [],
        scope: Window,
    }
    /// Show or hide curation.
    ToggleCuration {
        title: "Curation",
        help: "Walk the disagreements with another analyst's copy and settle each",
        menu: View / 1,
        keys: [],
        scope: Window,
    }
    /// Show the notices.
    ShowNotices {
        title: "Notices",
        help: "Every message of this session, with details",
        menu: View / 1,
        keys: [],
        scope: Window,
    }
    /// Follow the system's light or dark theme.
    ThemeSystem {
        title: "Follow the system theme",
        help: "Light or dark as the system is",
        menu: View / 2,
        keys: [],
        scope: Window,
    }
    /// Use the light theme.
    ThemeLight {
        title: "Light theme",
        help: "Dark text on a light background",
        menu: View / 2,
        keys: [],
        scope: Window,
    }
    /// Use the dark theme.
    ThemeDark {
        title: "Dark theme",
        help: "Light text on a dark background",
        menu: View / 2,
        keys: [],
        scope: Window,
    }
    /// Find any command by typing.
    CommandPalette {
        title: "Command palette…",
        help: "Find any command by typing part of its name",
        menu: Help / 0,
        keys: [cmd_shift(Key::P)],
        scope: Anywhere,
    }
    /// List every key.
    KeyboardShortcuts {
        title: "Keyboard shortcuts",
        help: "List every key",
        menu: Help / 0,
        keys: [key(Key::F1)],
        scope: Window,
    }
}

impl UiCommand {
    /// The command's name.
    pub fn title(self) -> &'static str {
        self.spec().title
    }

    /// The key shown beside the command, if it has one.
    pub fn primary_key(self) -> Option<KeyboardShortcut> {
        self.spec().keys.first().copied()
    }

    /// The commands of `menu`, in order.
    pub fn in_menu(menu: Menu) -> impl Iterator<Item = UiCommand> {
        Self::ALL
            .iter()
            .copied()
            .filter(move |c| c.spec().menu == menu)
    }

    /// The label of a button that runs this command, naming its key as the
    /// keymap has it ("Accept  (A)"), so captions never disagree with the
    /// keys.
    pub fn caption(self, ctx: &egui::Context) -> String {
        match self.primary_key().map(|k| format_key(ctx, &k)) {
            // "Delete", not "Delete  (Delete)".
            Some(key) if key != self.title() => format!("{}  ({key})", self.title()),
            _ => self.title().to_owned(),
        }
    }
}

/// How a key reads in menus, captions and the help window: egui's
/// platform-aware text ("Ctrl+S", "⌘S"), with single letters in capitals.
pub fn format_key(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    ctx.format_shortcut(shortcut)
}

/// Every key of `command`, as the help window lists them ("R / X").
pub fn format_keys(ctx: &egui::Context, command: UiCommand) -> String {
    command
        .spec()
        .keys
        .iter()
        .map(|k| format_key(ctx, k))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The keys of `command` as the README writes them, without a window:
/// "Ctrl+Shift+Z / Ctrl+Y".
pub fn plain_keys(command: UiCommand) -> String {
    command
        .spec()
        .keys
        .iter()
        .map(|k| k.format(&egui::ModifierNames::NAMES, false))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The README's table of keys, one row per command that has keys, in menu
/// order; a test keeps the README in step with it.
pub fn markdown_rows() -> Vec<String> {
    Menu::ALL
        .iter()
        .flat_map(|&menu| UiCommand::in_menu(menu))
        .filter(|c| !c.spec().keys.is_empty())
        .map(|c| format!("| {} | {} |", plain_keys(c), c.spec().help))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_readme_lists_every_key_of_the_registry() {
        let readme = include_str!("../../README.md");
        let missing: Vec<String> = markdown_rows()
            .into_iter()
            .filter(|row| !readme.contains(row.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "README.md's keyboard table lacks (or has an old form of) these rows:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn every_command_has_a_name_help_and_a_unique_title() {
        let mut titles = HashSet::new();
        for &c in UiCommand::ALL {
            let s = c.spec();
            assert!(!s.title.is_empty() && !s.help.is_empty(), "{c:?}");
            assert!(titles.insert(s.title), "{c:?}: title used twice");
        }
    }

    #[test]
    fn no_two_commands_share_a_key() {
        let mut seen = Vec::new();
        for &c in UiCommand::ALL {
            for k in c.spec().keys {
                if let Some((other, _)) = seen.iter().find(|(_, s)| s == k) {
                    panic!("{c:?} and {other:?} share a key");
                }
                seen.push((c, *k));
            }
        }
    }

    #[test]
    fn menus_group_their_commands_in_one_run_each() {
        // A group split by another would give a menu two separators for
        // one group.
        for menu in Menu::ALL {
            let groups: Vec<u8> = UiCommand::in_menu(menu).map(|c| c.spec().group).collect();
            let mut sorted = groups.clone();
            sorted.sort();
            assert_eq!(groups, sorted, "{menu:?}");
        }
    }
}
