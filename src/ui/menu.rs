//! The menu bar, generated from the command registry: each menu lists its
//! commands in registry order with their keys, greyed when they cannot run,
//! ticked when they show something that is on.

use egui::Ui;

use super::command::{Menu, UiCommand};
use super::keymap::Keymap;
use super::state::{Action, AppState, EditAction, SessionAction, WindowAction};

/// How one command looks in the menus and the palette this frame.
#[derive(Clone, Debug)]
pub struct CommandState {
    /// The command.
    pub command: UiCommand,
    /// Whether it can run now.
    pub enabled: bool,
    /// For a command that shows or chooses something, whether it is on.
    pub checked: Option<bool>,
    /// Its name now ("Undo Accept ‘Poland’").
    pub title: String,
}

/// Draws the menu bar; a chosen item becomes [`|x| Action::Window(WindowAction::Run(x))`].
pub fn menu_bar(
    ui: &mut Ui,
    state: &AppState,
    keymap: &Keymap,
    commands: &[CommandState],
    actions: &mut Vec<Action>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        for menu in Menu::ALL {
            ui.menu_button(menu.title(), |ui| {
                if menu == Menu::Annotate {
                    label_items(ui, state, keymap, actions);
                    ui.separator();
                }
                let mut group = None;
                for c in commands.iter().filter(|c| c.command.spec().menu == menu) {
                    let spec = c.command.spec();
                    if group.is_some_and(|g| g != spec.group) {
                        ui.separator();
                    }
                    group = Some(spec.group);
                    if command_item(ui, c) {
                        actions.push(Action::Window(WindowAction::Run(c.command)));
                    }
                    if c.command == UiCommand::OpenPath {
                        recent_projects(ui, state, actions);
                    }
                }
            });
        }
    });
}

/// One command as a menu item: a check box for what is on or off, a radio
/// item for a choice among several (the themes), a button otherwise.
/// Returns whether it was chosen.
fn command_item(ui: &mut Ui, c: &CommandState) -> bool {
    let spec = c.command.spec();
    let mut button = egui::Button::new(&c.title);
    if let Some(k) = c.command.primary_key() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&k));
    }
    let theme = matches!(
        c.command,
        UiCommand::ThemeSystem | UiCommand::ThemeLight | UiCommand::ThemeDark
    );
    let response = match c.checked {
        Some(on) if theme => ui.add_enabled(c.enabled, egui::RadioButton::new(on, &c.title)),
        Some(mut on) => ui.add_enabled(c.enabled, egui::Checkbox::new(&mut on, &c.title)),
        None => ui.add_enabled(c.enabled, button),
    };
    response.on_hover_text(spec.help).clicked()
}

/// File ▸ Open Recent, after Open Path.
fn recent_projects(ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
    ui.menu_button("Open Recent", |ui| {
        if state.session.recent.is_empty() {
            ui.label("No recent projects");
        }
        for p in &state.session.recent {
            if ui.button(p.display().to_string()).clicked() {
                actions.push(Action::Session(SessionAction::OpenProject(p.clone())));
            }
        }
    });
}

/// Annotate ▸ Label Selection As: each label with the key the keymap gave
/// it.
fn label_items(ui: &mut Ui, state: &AppState, keymap: &Keymap, actions: &mut Vec<Action>) {
    let has_target = state.view.selection.is_some_and(|s| s.anchor != s.head)
        || state.view.selected_annotation.is_some();
    ui.menu_button("Label Selection As", |ui| {
        for l in state.project().labels.iter() {
            let mut item = egui::Button::new(&l.name);
            if let Some(k) = keymap.label_key(&l.name) {
                item = item.shortcut_text(ui.ctx().format_shortcut(&k));
            }
            if ui
                .add_enabled(has_target, item)
                .on_hover_text(&l.description)
                .clicked()
            {
                actions.push(Action::Edit(EditAction::Label(l.name.clone())));
            }
        }
    });
}
