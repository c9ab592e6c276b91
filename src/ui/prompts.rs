//! The questions that stop the analyst until answered: restore unsaved
//! work, open a project that another window is editing, open the backup of
//! a damaged project. Drawn from [`AppState::prompts`]; answers go back as
//! [`|x| Action::Inbox(InboxAction::Answer(x))`].

use egui::{Context, Id, RichText};

use super::safekeeping::{Prompt, PromptAnswer};
use super::state::{Action, AppState, InboxAction};

pub fn show(ctx: &Context, state: &AppState, actions: &mut Vec<Action>) {
    let Some(prompt) = state.inbox.prompts.first() else {
        return;
    };
    let answer = |a: PromptAnswer| Action::Inbox(InboxAction::Answer(a));
    egui::Modal::new(Id::unique("dossier_prompt")).show(ctx, |ui| {
        ui.set_max_width(620.0);
        match prompt {
            Prompt::Restore(orphans) => {
                ui.heading("Restore unsaved work?");
                ui.label(
                    "Dossier did not close normally last time. This work was autosaved but never saved to its project:",
                );
                ui.add_space(6.0);
                for (i, o) in orphans.iter().enumerate() {
                    ui.group(|ui| {
                        ui.label(RichText::new(o.header.describe()));
                        ui.horizontal(|ui| {
                            if ui.button("Restore").clicked() {
                                actions.push(answer(PromptAnswer::Restore(i)));
                            }
                            if ui.button("Discard").clicked() {
                                actions.push(answer(PromptAnswer::Discard(i)));
                            }
                        });
                    });
                }
                ui.add_space(6.0);
                if ui
                    .button("Decide later")
                    .on_hover_text("Keep it; the next launch asks again")
                    .clicked()
                {
                    actions.push(answer(PromptAnswer::Later));
                }
            }
            Prompt::Locked { message, .. } => {
                ui.heading("Project open elsewhere");
                ui.label(format!("{message}."));
                ui.label(
                    "Two windows saving one project would overwrite each other's work. Open it read-only, or as a copy that you save under another name.",
                );
                ui.horizontal(|ui| {
                    if ui.button("Open Read-Only").clicked() {
                        actions.push(answer(PromptAnswer::OpenReadOnly));
                    }
                    if ui.button("Open as Copy").clicked() {
                        actions.push(answer(PromptAnswer::OpenCopy));
                    }
                    if ui.button("Cancel").clicked() {
                        actions.push(answer(PromptAnswer::Dismiss));
                    }
                });
            }
            Prompt::Damaged(damaged) => {
                ui.heading("The project could not be opened");
                ui.label(&damaged.error);
                ui.label("The file was left as it is.");
                if let Some((bak, project, modified)) = &damaged.backup {
                    let when = modified
                        .map(|m| format!(", saved {}", crate::recovery::format_utc(m)))
                        .unwrap_or_default();
                    ui.label(format!(
                        "Its backup {} is readable ({} documents{when}).",
                        bak.display(),
                        project.documents.len()
                    ));
                }
                ui.horizontal(|ui| {
                    if damaged.backup.is_some() && ui.button("Open the Backup").clicked() {
                        actions.push(answer(PromptAnswer::OpenBackup));
                    }
                    if ui.button("Cancel").clicked() {
                        actions.push(answer(PromptAnswer::Dismiss));
                    }
                });
            }
        }
    });
}
