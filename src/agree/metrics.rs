//! The agreement coefficients, on plain codes so that they can be checked
//! against the reference implementations value for value.

/// Cohen's κ of two raters over the same items, as scikit-learn's
/// `cohen_kappa_score` computes it (unweighted). `None` when it is
/// undefined: no items, or both raters use one and the same category
/// throughout (chance agreement is then 1).
pub fn cohen_kappa(a: &[u32], b: &[u32]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n == 0 {
        return None;
    }
    let categories = (a.iter().chain(b).copied().max()? + 1) as usize;
    let mut rows = vec![0f64; categories];
    let mut cols = vec![0f64; categories];
    let mut agree = 0f64;
    for (x, y) in a.iter().zip(b) {
        rows[*x as usize] += 1.0;
        cols[*y as usize] += 1.0;
        if x == y {
            agree += 1.0;
        }
    }
    let total = n as f64;
    // 1 - observed disagreement / expected disagreement, the form
    // scikit-learn uses (its weight matrix is 1 off the diagonal).
    let observed = total - agree;
    let expected_agree: f64 = rows.iter().zip(&cols).map(|(r, c)| r * c / total).sum();
    let expected = total - expected_agree;
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

/// Krippendorff's α for nominal data. `units[u][r]` is rater `r`'s value
/// for unit `u`, `None` when the rater did not see it. Units with fewer
/// than two values are not pairable and do not count. `None` when α is
/// undefined (no pairable values, or a single value throughout, so no
/// disagreement is expected), where the `krippendorff` package raises or
/// returns NaN.
pub fn krippendorff_alpha_nominal(units: &[Vec<Option<u32>>]) -> Option<f64> {
    let categories = units.iter().flatten().flatten().copied().max()? as usize + 1;
    // The coincidence matrix, folded to what α needs: the total off the
    // diagonal and each category's marginal.
    let mut off_diagonal = 0f64;
    let mut marginal = vec![0f64; categories];
    let mut counts = vec![0usize; categories];
    for unit in units {
        counts.iter_mut().for_each(|c| *c = 0);
        let mut m = 0usize;
        for v in unit.iter().flatten() {
            counts[*v as usize] += 1;
            m += 1;
        }
        if m < 2 {
            continue;
        }
        let weight = 1.0 / (m as f64 - 1.0);
        for (c, &nc) in counts.iter().enumerate() {
            if nc == 0 {
                continue;
            }
            let nc = nc as f64;
            // Pairs of this value with every other value in the unit.
            marginal[c] += nc * (m as f64 - 1.0) * weight;
            off_diagonal += nc * (m as f64 - nc) * weight;
        }
    }
    let n: f64 = marginal.iter().sum();
    if n <= 1.0 {
        return None;
    }
    let sum_sq: f64 = marginal.iter().map(|x| x * x).sum();
    let expected_pairs = n * n - sum_sq;
    (expected_pairs > 0.0).then(|| 1.0 - (n - 1.0) * off_diagonal / expected_pairs)
}

/// F1 of two sets of items: `matched_a` of the `total_a` items of one side
/// have a counterpart on the other, `matched_b` of `total_b` likewise.
/// `None` when neither side has any item.
pub fn f1(matched_a: usize, total_a: usize, matched_b: usize, total_b: usize) -> Option<f64> {
    if total_a + total_b == 0 {
        return None;
    }
    if total_a == 0 || total_b == 0 {
        return Some(0.0);
    }
    let precision = matched_a as f64 / total_a as f64;
    let recall = matched_b as f64 / total_b as f64;
    if precision + recall == 0.0 {
        return Some(0.0);
    }
    Some(2.0 * precision * recall / (precision + recall))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_of_identical_varied_ratings_is_one() {
        assert_eq!(cohen_kappa(&[0, 1, 1, 2], &[0, 1, 1, 2]), Some(1.0));
    }

    #[test]
    fn kappa_is_undefined_for_one_shared_category() {
        assert_eq!(cohen_kappa(&[0, 0, 0], &[0, 0, 0]), None);
    }

    #[test]
    fn kappa_textbook_example() {
        // 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: κ = 0.4.
        let mut a = vec![];
        let mut b = vec![];
        for (x, y, n) in [(1, 1, 20), (1, 0, 5), (0, 1, 10), (0, 0, 15)] {
            a.extend(std::iter::repeat_n(x, n));
            b.extend(std::iter::repeat_n(y, n));
        }
        assert!((cohen_kappa(&a, &b).unwrap() - 0.4).abs() < 1e-12);
    }

    #[test]
    fn alpha_of_perfect_agreement_is_one_and_missing_values_do_not_count() {
        let units = vec![
            vec![Some(0), Some(0)],
            vec![Some(1), Some(1)],
            vec![Some(1), None],
        ];
        assert_eq!(krippendorff_alpha_nominal(&units), Some(1.0));
    }

    #[test]
    fn f1_is_harmonic_mean() {
        assert_eq!(f1(1, 2, 1, 1), Some(2.0 * 0.5 / 1.5));
        assert_eq!(f1(0, 0, 0, 0), None);
        assert_eq!(f1(0, 0, 0, 3), Some(0.0));
    }
}
