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

/// Declares the commands once and lists them in [`UiCommand::ALL`], so
/// that a new command cannot be left out of the menus, the palette or the
/// help window.
macro_rules! commands {
    ($($(#[doc = $doc:literal])* $name:ident,)*) => {
        /// Something the analyst can ask of the window, from a menu, a key,
        /// a button or the command palette.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum UiCommand {
            $($(#[doc = $doc])* $name,)*
        }

        impl UiCommand {
            /// Every command, in menu order.
            pub const ALL: &[UiCommand] = &[$(UiCommand::$name,)*];
        }
    };
}

commands! {
    /// Pick articles or a project to open.
    OpenFiles,
    /// Pick a `.dossier` project to open.
    OpenProject,
    /// Pick a folder of articles to open.
    OpenFolder,
    /// Type a path to open.
    OpenPath,
    /// Add an annotated dataset (JSONL, brat, Label Studio) to the project.
    ImportAnnotations,
    /// Read NATO's Excel workbook as a new edition.
    ImportWorkbook,
    /// Read a CSV of spending figures to compare with NATO's.
    ImportFigures,
    /// Read a plain list of names into the project gazetteer.
    ImportNameList,
    /// Export the project as a dataset.
    ExportDataset,
    /// Write the chart as PNG.
    ExportChartPng,
    /// Write the chart as SVG.
    ExportChartSvg,
    /// Write the chart's figures as CSV.
    ExportChartCsv,
    /// Save the project.
    Save,
    /// Save the project under a new name.
    SaveAs,
    /// Close the window (asking first about unsaved work).
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Find text in the article.
    Find,
    /// Select the next match of the search.
    FindNext,
    /// Select the previous match of the search.
    FindPrevious,
    /// Show the project gazetteer.
    ProjectGazetteer,
    /// Whether accepting or rejecting moves on to the next suggestion.
    ToggleAdvanceAfterReview,
    /// Set the name recorded on the analyst's annotations.
    SetYourName,
    /// Mark the selection as a quote.
    MarkQuote,
    /// Mark the selection as a spending claim.
    MarkClaim,
    /// Accept the selected annotation.
    Accept,
    /// Accept every suggestion like the selected one in the article.
    AcceptAllLike,
    /// Reject the selected annotation.
    Reject,
    /// Reject every suggestion like the selected one in the article.
    RejectAllLike,
    /// Delete the selected annotation.
    Delete,
    /// Teach the project the selected entity's name.
    AddToGazetteer,
    /// Select the next annotation.
    NextAnnotation,
    /// Select the previous annotation.
    PreviousAnnotation,
    /// Select the next suggestion.
    NextSuggestion,
    /// Select the previous suggestion.
    PreviousSuggestion,
    /// Show the next article.
    NextArticle,
    /// Show the previous article.
    PreviousArticle,
    /// Let go of the selection and of the chart's focus.
    ClearSelection,
    /// Show or hide the library.
    ToggleLibrary,
    /// Show or hide the inspector.
    ToggleInspector,
    /// Show or hide the spending chart.
    ToggleChart,
    /// Show or hide rejected suggestions.
    ToggleRejected,
    /// Show or hide the claims ledger.
    ToggleLedger,
    /// Show or hide the agreement between analysts.
    ToggleAgreement,
    /// Show or hide curation.
    ToggleCuration,
    /// Show the notices.
    ShowNotices,
    /// Follow the system's light or dark theme.
    ThemeSystem,
    /// Use the light theme.
    ThemeLight,
    /// Use the dark theme.
    ThemeDark,
    /// Find any command by typing.
    CommandPalette,
    /// List every key.
    KeyboardShortcuts,
}

impl UiCommand {
    /// The registry's entry for this command: the one place its name, keys,
    /// menu and help are written.
    pub fn spec(self) -> Spec {
        use Menu::*;
        use Scope::*;
        use UiCommand as C;
        // (title, help, menu, group, keys, scope, repeats)
        let (title, help, menu, group, keys, scope, repeats): (
            &'static str,
            &'static str,
            Menu,
            u8,
            &'static [KeyboardShortcut],
            Scope,
            bool,
        ) = match self {
            C::OpenFiles => (
                "Open Files…",
                "Open articles (text, Markdown, HTML, JSON, JSON Lines) or a project",
                File,
                0,
                &const { [cmd(Key::O)] },
                Anywhere,
                false,
            ),
            C::OpenProject => (
                "Open Project…",
                "Open a Dossier project",
                File,
                0,
                &[],
                Window,
                false,
            ),
            C::OpenFolder => (
                "Open Folder…",
                "Open every article in a folder",
                File,
                0,
                &[],
                Window,
                false,
            ),
            C::OpenPath => (
                "Open Path…",
                "Type the path of a file or folder to open",
                File,
                0,
                &const { [cmd(Key::L)] },
                Anywhere,
                false,
            ),
            C::ImportAnnotations => (
                "Import Annotations…",
                "Add an annotated dataset to the project: JSONL, a brat folder or Label Studio JSON",
                File,
                1,
                &[],
                Window,
                false,
            ),
            C::ImportWorkbook => (
                "Import NATO Workbook…",
                "Read NATO's def-exp-YYYY-en.xlsx as a new edition of the figures",
                File,
                1,
                &[],
                Window,
                false,
            ),
            C::ImportFigures => (
                "Import Spending Figures…",
                "Read a CSV of spending figures to compare with NATO's in the chart",
                File,
                1,
                &[],
                Window,
                false,
            ),
            C::ImportNameList => (
                "Import Name List…",
                "Read a plain list of names (one per line, optionally “name<TAB>LABEL”) into the project gazetteer",
                File,
                1,
                &[],
                Window,
                false,
            ),
            C::ExportDataset => (
                "Export Dataset…",
                "Write the annotations for other tools (JSONL, CSV, spaCy, CoNLL, brat, Label Studio, WebAnno)",
                File,
                2,
                &[],
                Window,
                false,
            ),
            C::ExportChartPng => (
                "Export Chart as PNG…",
                "Write the spending chart as a PNG picture",
                File,
                2,
                &[],
                Window,
                false,
            ),
            C::ExportChartSvg => (
                "Export Chart as SVG…",
                "Write the spending chart as an SVG drawing for reports",
                File,
                2,
                &[],
                Window,
                false,
            ),
            C::ExportChartCsv => (
                "Export Chart as CSV…",
                "Write the figures the chart shows as CSV",
                File,
                2,
                &[],
                Window,
                false,
            ),
            C::Save => (
                "Save",
                "Save the project (a read-only or new project asks where to save a copy)",
                File,
                3,
                &const { [cmd(Key::S)] },
                Anywhere,
                false,
            ),
            C::SaveAs => (
                "Save As…",
                "Save the project under a new name",
                File,
                3,
                &const { [cmd_shift(Key::S)] },
                Anywhere,
                false,
            ),
            C::Quit => (
                "Quit",
                "Close the window; unsaved work is asked about first",
                File,
                4,
                &const { [cmd(Key::Q)] },
                Anywhere,
                false,
            ),
            C::Undo => (
                "Undo",
                "Undo the last edit",
                Edit,
                0,
                &const { [UNDO_KEY] },
                Anywhere,
                true,
            ),
            C::Redo => (
                "Redo",
                "Redo the last undone edit",
                Edit,
                0,
                &const { [cmd_shift(Key::Z), cmd(Key::Y)] },
                Anywhere,
                true,
            ),
            C::Find => (
                "Find…",
                "Find text in the article; Enter selects the next match, Shift+Enter the previous",
                Edit,
                1,
                &const { [cmd(Key::F)] },
                Anywhere,
                false,
            ),
            C::FindNext => (
                "Find next",
                "Select the next match of the search",
                Edit,
                1,
                &const { [key(Key::F3)] },
                Window,
                true,
            ),
            C::FindPrevious => (
                "Find previous",
                "Select the previous match of the search",
                Edit,
                1,
                &const { [shift(Key::F3), shift(Key::Enter)] },
                Window,
                true,
            ),
            C::ProjectGazetteer => (
                "Project Gazetteer…",
                "The names this project has learned, with their labels",
                Edit,
                1,
                &[],
                Window,
                false,
            ),
            C::ToggleAdvanceAfterReview => (
                "After accept or reject, go to the next suggestion",
                "Whether accepting or rejecting the selected annotation moves on to the next suggestion",
                Edit,
                2,
                &[],
                Window,
                false,
            ),
            C::SetYourName => (
                "Your Name…",
                "The name recorded on the annotations you add, accept, edit or reject",
                Edit,
                2,
                &[],
                Window,
                false,
            ),
            C::MarkQuote => (
                "Mark quote",
                "Mark the selection as a quote; Dossier suggests its speaker",
                Annotate,
                0,
                &const { [key(Key::Q)] },
                Article,
                false,
            ),
            C::MarkClaim => (
                "Mark spending claim",
                "Mark the selection as a spending claim; Dossier fills in country, year and value",
                Annotate,
                0,
                &const { [key(Key::S)] },
                Article,
                false,
            ),
            C::Accept => (
                "Accept",
                "Accept the selected annotation (and go to the next suggestion, see Edit)",
                Annotate,
                1,
                &const { [key(Key::A), key(Key::Enter)] },
                Article,
                false,
            ),
            C::AcceptAllLike => (
                "Accept all like this",
                "Accept every suggestion like the selected one in this article",
                Annotate,
                1,
                &const { [shift(Key::A)] },
                Article,
                false,
            ),
            C::Reject => (
                "Reject",
                "Reject the selected annotation",
                Annotate,
                1,
                &const { [key(Key::R), key(Key::X)] },
                Article,
                false,
            ),
            C::RejectAllLike => (
                "Reject all like this",
                "Reject every suggestion like the selected one in this article",
                Annotate,
                1,
                &const { [shift(Key::R), shift(Key::X)] },
                Article,
                false,
            ),
            C::Delete => (
                "Delete",
                "Delete the selected annotation",
                Annotate,
                1,
                &const { [key(Key::Delete), key(Key::Backspace)] },
                Article,
                false,
            ),
            C::AddToGazetteer => (
                "Add to gazetteer",
                "Teach the project the selected entity's name, here and in every article",
                Annotate,
                1,
                &const { [key(Key::G)] },
                Article,
                false,
            ),
            C::NextAnnotation => (
                "Next annotation",
                "Select the next annotation",
                Annotate,
                2,
                &const { [key(Key::J)] },
                Article,
                true,
            ),
            C::PreviousAnnotation => (
                "Previous annotation",
                "Select the previous annotation",
                Annotate,
                2,
                &const { [key(Key::K)] },
                Article,
                true,
            ),
            C::NextSuggestion => (
                "Next suggestion",
                "Select the next suggestion still to review",
                Annotate,
                2,
                &const { [key(Key::N)] },
                Article,
                true,
            ),
            C::PreviousSuggestion => (
                "Previous suggestion",
                "Select the previous suggestion still to review",
                Annotate,
                2,
                &const { [shift(Key::N)] },
                Article,
                true,
            ),
            C::NextArticle => (
                "Next article",
                "Show the next article in the library",
                Annotate,
                3,
                &const { [alt(Key::ArrowDown)] },
                Window,
                true,
            ),
            C::PreviousArticle => (
                "Previous article",
                "Show the previous article in the library",
                Annotate,
                3,
                &const { [alt(Key::ArrowUp)] },
                Window,
                true,
            ),
            C::ClearSelection => (
                "Clear selection",
                "Let go of the selected text, the selected annotation and the chart's focus",
                Annotate,
                3,
                &const { [key(Key::Escape)] },
                Window,
                false,
            ),
            C::ToggleLibrary => (
                "Library",
                "Show or fold the library of articles",
                View,
                0,
                &[],
                Window,
                false,
            ),
            C::ToggleInspector => (
                "Inspector",
                "Show or fold the inspector of the selected annotation",
                View,
                0,
                &[],
                Window,
                false,
            ),
            C::ToggleChart => (
                "Spending chart",
                "Show or hide the spending chart beside the article",
                View,
                0,
                &[],
                Window,
                false,
            ),
            C::ToggleRejected => (
                "Show rejected suggestions",
                "Show rejected suggestions, struck through, in the article",
                View,
                0,
                &[],
                Window,
                false,
            ),
            C::ToggleLedger => (
                "Claims ledger",
                "Every spending claim of the project against NATO's figures",
                View,
                1,
                &[],
                Window,
                false,
            ),
            C::ToggleAgreement => (
                "Agreement between analysts",
                "Compare this project with other analysts' copies",
                View,
                1,
                &[],
                Window,
                false,
            ),
            C::ToggleCuration => (
                "Curation",
                "Walk the disagreements with another analyst's copy and settle each",
                View,
                1,
                &[],
                Window,
                false,
            ),
            C::ShowNotices => (
                "Notices",
                "Every message of this session, with details",
                View,
                1,
                &[],
                Window,
                false,
            ),
            C::ThemeSystem => (
                "Follow the system theme",
                "Light or dark as the system is",
                View,
                2,
                &[],
                Window,
                false,
            ),
            C::ThemeLight => (
                "Light theme",
                "Dark text on a light background",
                View,
                2,
                &[],
                Window,
                false,
            ),
            C::ThemeDark => (
                "Dark theme",
                "Light text on a dark background",
                View,
                2,
                &[],
                Window,
                false,
            ),
            C::CommandPalette => (
                "Command palette…",
                "Find any command by typing part of its name",
                Help,
                0,
                &const { [cmd_shift(Key::P)] },
                Anywhere,
                false,
            ),
            C::KeyboardShortcuts => (
                "Keyboard shortcuts",
                "List every key",
                Help,
                0,
                &const { [key(Key::F1)] },
                Window,
                false,
            ),
        };
        Spec {
            title,
            help,
            menu,
            group,
            keys,
            scope,
            repeats,
        }
    }

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
        match self.primary_key() {
            Some(k) => format!("{}  ({})", self.title(), format_key(ctx, &k)),
            None => self.title().to_owned(),
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
