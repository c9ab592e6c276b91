//! How the window shares its width: the library, the inspector, the article
//! and the chart. Decided afresh from the window's width every frame, so that
//! no panel is ever drawn over another: side panels fold to a strip and the
//! chart moves into a tab before the article loses its readable column.

use egui::{Rect, Ui};
use serde::{Deserialize, Serialize};

/// The width of a folded side panel: room for the button that opens it.
pub const STRIP_WIDTH: f32 = 30.0;
/// The article keeps at least this column; everything else gives way first.
pub const ARTICLE_MIN_WIDTH: f32 = 340.0;
/// Narrower than this, the chart's country names and axes do not fit.
pub const CHART_MIN_WIDTH: f32 = 320.0;

pub const LIBRARY_MIN_WIDTH: f32 = 180.0;
pub const LIBRARY_MAX_WIDTH: f32 = 340.0;
pub const LIBRARY_DEFAULT_WIDTH: f32 = 240.0;
pub const INSPECTOR_MIN_WIDTH: f32 = 240.0;
pub const INSPECTOR_MAX_WIDTH: f32 = 420.0;
pub const INSPECTOR_DEFAULT_WIDTH: f32 = 300.0;

/// Windows narrower than this start with the library folded: on a laptop
/// the article and the inspector need the room more.
pub const LIBRARY_FOLD_BELOW: f32 = 1100.0;
/// Windows narrower than this start with the inspector folded too.
pub const INSPECTOR_FOLD_BELOW: f32 = 640.0;

/// Whether a side panel is open: as the window's width suggests, or as the
/// analyst last chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fold {
    /// Open in a wide window, folded in a narrow one.
    #[default]
    Auto,
    /// Open, as the analyst chose.
    Open,
    /// Folded to a strip, as the analyst chose.
    Folded,
}

impl Fold {
    /// Whether the panel is open in a window `window_width` wide, when
    /// [`Fold::Auto`] folds it below `fold_below`.
    pub fn is_open(self, window_width: f32, fold_below: f32) -> bool {
        match self {
            Fold::Auto => window_width >= fold_below,
            Fold::Open => true,
            Fold::Folded => false,
        }
    }
}

/// The widest a side panel may be in `available` points, next to `others`
/// points of other panels, so that the article keeps its column; never
/// more than `own_max`, never less than a strip.
pub fn side_max(own_max: f32, available: f32, others: f32) -> f32 {
    own_max
        .min(available - others - ARTICLE_MIN_WIDTH)
        .max(STRIP_WIDTH)
}

/// Whether the chart fits beside the article in a central area
/// `central_width` wide; otherwise it gets a tab of its own.
pub fn chart_fits_beside(central_width: f32) -> bool {
    central_width >= ARTICLE_MIN_WIDTH + CHART_MIN_WIDTH
}

/// The article's text is at most 720 points wide (see the article view);
/// room beyond this is blank margin, better given to the chart.
pub const ARTICLE_MAX_USEFUL_WIDTH: f32 = 800.0;

/// The narrowest the chart may be beside the article: its own minimum, or
/// all the room the article cannot use.
pub fn chart_min(central_width: f32) -> f32 {
    CHART_MIN_WIDTH.max(central_width - ARTICLE_MAX_USEFUL_WIDTH)
}

/// The widest the chart may be beside the article.
pub fn chart_max(central_width: f32) -> f32 {
    (central_width - ARTICLE_MIN_WIDTH).max(CHART_MIN_WIDTH)
}

/// Draws `add` in exactly the room `ui` has. What it lays out wider is
/// clipped and never reported to the panel around it: a panel grows to its
/// widest content, and a toolbar row one label too long once pushed the
/// chart over the article.
pub fn contained<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    let rect = ui.available_rect_before_wrap();
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(*ui.layout()));
    child.shrink_clip_rect(rect);
    let inner = add(&mut child);
    ui.advance_cursor_after_rect(rect);
    inner
}

/// What the central area shows when the chart has a tab of its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CentralTab {
    /// The article, with the find bar.
    #[default]
    Article,
    /// The spending chart.
    Chart,
}

/// The rectangles the panels were given on the last frame, for tests and for
/// checks that nothing overlaps.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelRects {
    /// The whole window.
    pub window: Rect,
    /// The menu bar.
    pub menu: Option<Rect>,
    /// The status bar.
    pub status: Option<Rect>,
    /// The library, open or folded to a strip.
    pub library: Option<Rect>,
    /// The inspector, open or folded to a strip.
    pub inspector: Option<Rect>,
    /// The article's area (with the find bar), beside the chart or alone.
    pub article: Option<Rect>,
    /// The chart, beside the article or in its tab.
    pub chart: Option<Rect>,
}

impl Default for PanelRects {
    fn default() -> Self {
        Self {
            window: Rect::NOTHING,
            menu: None,
            status: None,
            library: None,
            inspector: None,
            article: None,
            chart: None,
        }
    }
}

impl PanelRects {
    /// Every panel drawn, by name.
    pub fn named(&self) -> Vec<(&'static str, Rect)> {
        [
            ("menu", self.menu),
            ("status", self.status),
            ("library", self.library),
            ("inspector", self.inspector),
            ("article", self.article),
            ("chart", self.chart),
        ]
        .into_iter()
        .filter_map(|(n, r)| r.map(|r| (n, r)))
        .collect()
    }

    /// Pairs of panels drawn over each other, and panels reaching out of the
    /// window. Touching edges (within half a point, egui rounds to pixels)
    /// is not overlapping.
    pub fn problems(&self) -> Vec<String> {
        let named = self.named();
        let mut out = Vec::new();
        for (i, (a, ra)) in named.iter().enumerate() {
            if !self.window.expand(0.5).contains_rect(*ra) {
                out.push(format!(
                    "{a} {ra:?} reaches out of the window {:?}",
                    self.window
                ));
            }
            for (b, rb) in &named[i + 1..] {
                let common = ra.intersect(*rb);
                if common.width() > 0.5 && common.height() > 0.5 {
                    out.push(format!("{a} {ra:?} overlaps {b} {rb:?}"));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, vec2};

    #[test]
    fn side_panels_leave_the_article_its_column() {
        // A laptop: 900 wide, the inspector open.
        let max = side_max(LIBRARY_MAX_WIDTH, 900.0, INSPECTOR_MIN_WIDTH);
        assert_eq!(max, 900.0 - INSPECTOR_MIN_WIDTH - ARTICLE_MIN_WIDTH);
        // Too narrow for anything but a strip.
        assert_eq!(side_max(LIBRARY_MAX_WIDTH, 500.0, 300.0), STRIP_WIDTH);
        // Wide: the panel's own maximum.
        assert_eq!(
            side_max(LIBRARY_MAX_WIDTH, 3840.0, 420.0),
            LIBRARY_MAX_WIDTH
        );
    }

    #[test]
    fn folding_follows_the_window_unless_the_analyst_chose() {
        assert!(!Fold::Auto.is_open(900.0, LIBRARY_FOLD_BELOW));
        assert!(Fold::Auto.is_open(1920.0, LIBRARY_FOLD_BELOW));
        assert!(Fold::Open.is_open(900.0, LIBRARY_FOLD_BELOW));
        assert!(!Fold::Folded.is_open(1920.0, LIBRARY_FOLD_BELOW));
    }

    #[test]
    fn the_chart_moves_to_a_tab_before_the_article_is_squeezed() {
        assert!(!chart_fits_beside(600.0));
        assert!(chart_fits_beside(ARTICLE_MIN_WIDTH + CHART_MIN_WIDTH));
        assert_eq!(chart_max(1000.0), 1000.0 - ARTICLE_MIN_WIDTH);
        // On a wide screen the chart takes what the article cannot use.
        assert_eq!(chart_min(1000.0), CHART_MIN_WIDTH);
        assert_eq!(chart_min(2000.0), 2000.0 - ARTICLE_MAX_USEFUL_WIDTH);
        for w in [660.0, 1000.0, 3000.0] {
            assert!(chart_min(w) <= chart_max(w));
        }
    }

    #[test]
    fn overlapping_panels_are_reported_touching_ones_are_not() {
        let window = Rect::from_min_size(pos2(0.0, 0.0), vec2(900.0, 600.0));
        let mut rects = PanelRects {
            window,
            library: Some(Rect::from_min_max(pos2(0.0, 20.0), pos2(240.0, 580.0))),
            article: Some(Rect::from_min_max(pos2(240.0, 20.0), pos2(600.0, 580.0))),
            chart: Some(Rect::from_min_max(pos2(600.0, 20.0), pos2(900.0, 580.0))),
            ..Default::default()
        };
        assert!(rects.problems().is_empty(), "{:?}", rects.problems());
        rects.chart = Some(Rect::from_min_max(pos2(500.0, 20.0), pos2(950.0, 580.0)));
        let problems = rects.problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
