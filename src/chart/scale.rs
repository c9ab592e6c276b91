//! Axis ranges with round tick steps (1, 2, 2.5 or 5 times a power of ten).

use super::{Axis, Tick};
use crate::data::format_number;

/// An axis from `min` to at least `max` with about `target` ticks.
pub fn value_axis(label: &str, min: f64, max: f64, target: usize, suffix: &str) -> Axis {
    let (min, max) = if max > min {
        (min, max)
    } else {
        (min, min + 1.0)
    };
    let step = nice_step((max - min) / target.max(1) as f64);
    let lo = (min / step).floor() * step;
    let hi = (max / step).ceil() * step;
    let mut ticks = Vec::new();
    let count = ((hi - lo) / step).round() as i64;
    let decimals = decimals_of(step);
    for i in 0..=count {
        let v = lo + i as f64 * step;
        ticks.push(Tick {
            value: v,
            label: format!("{}{suffix}", format_number(v, decimals, decimals)),
        });
    }
    Axis {
        label: label.into(),
        min: lo,
        max: hi,
        ticks,
    }
}

/// A year axis from `first` to `last` with ticks every one, two or five years.
pub fn year_axis(label: &str, first: i32, last: i32) -> Axis {
    let span = (last - first).max(1);
    let step = if span <= 12 {
        1
    } else if span <= 24 {
        2
    } else {
        5
    };
    let mut years: Vec<i32> = (first..=last).filter(|y| (y - first) % step == 0).collect();
    // The last year always gets a tick (it is the deadline); a regular tick
    // just before it would collide with it.
    if years.last() != Some(&last) {
        if years.last().is_some_and(|y| last - y < step.max(2)) {
            years.pop();
        }
        years.push(last);
    }
    let ticks = years
        .into_iter()
        .map(|y| Tick {
            value: y as f64,
            label: y.to_string(),
        })
        .collect();
    // Half a year of margin so the first and last points are not on the frame.
    Axis {
        label: label.into(),
        min: first as f64 - 0.5,
        max: last as f64 + 0.5,
        ticks,
    }
}

fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 2.5 {
        2.5
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

fn decimals_of(step: f64) -> usize {
    let mut d = 0;
    let mut s = step;
    while d < 6 && (s - s.round()).abs() > 1e-9 {
        s *= 10.0;
        d += 1;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_steps_cover_the_range() {
        let a = value_axis("x", 0.0, 5.2, 6, "");
        assert_eq!((a.min, a.max), (0.0, 6.0));
        let labels: Vec<&str> = a.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["0", "1", "2", "3", "4", "5", "6"]);
        let b = value_axis("x", 0.0, 0.9, 6, " %");
        assert_eq!(b.ticks[1].label, "0.2 %");
        assert_eq!(b.max, 1.0);
        // A flat range still gets an axis.
        assert!(value_axis("x", 0.0, 0.0, 6, "").max > 0.0);
    }

    #[test]
    fn the_deadline_year_gets_its_own_tick() {
        let a = year_axis("", 2014, 2035);
        let labels: Vec<&str> = a.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"2014"));
        assert_eq!(labels.last(), Some(&"2035"));
        assert!(!labels.contains(&"2034"));
        let short = year_axis("", 2014, 2024);
        assert_eq!(short.ticks.len(), 11);
    }
}
