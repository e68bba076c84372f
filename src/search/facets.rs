//! Counts of questions per minister, per year and per asker, from a tally of questions
//! (the matches of a search, or the whole index).

use super::collect::{Counts, Tally};
use serde::Serialize;

/// How many values a facet of a search lists.
pub const FACET_SIZE: usize = 20;

/// A value counted: a name or a year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum FacetValue {
    Year(u64),
    Name(String),
}

impl std::fmt::Display for FacetValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FacetValue::Year(y) => write!(f, "{y}"),
            FacetValue::Name(n) => f.write_str(n),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: FacetValue,
    pub count: usize,
}

/// One facet: the values with the most questions (most first; equal counts by value,
/// years latest first), and what the list leaves out, so that the counts add up to
/// the questions tallied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facet {
    pub values: Vec<FacetCount>,
    /// Questions with a value not listed.
    pub others: usize,
    /// Questions the value is not known of (the document does not give it).
    pub missing: usize,
}

impl Facet {
    fn of<T: Clone>(
        counts: &Counts<T>,
        value: impl Fn(T) -> FacetValue,
        size: usize,
        by_value: bool,
    ) -> Facet {
        let mut values: Vec<FacetCount> = counts
            .per
            .iter()
            .map(|(v, &count)| FacetCount {
                value: value(v.clone()),
                count,
            })
            .collect();
        // Years latest first on ties (and in year order, when asked for).
        let by = |a: &FacetCount, b: &FacetCount| match (&a.value, &b.value) {
            (FacetValue::Year(x), FacetValue::Year(y)) => y.cmp(x),
            (x, y) => x.cmp(y),
        };
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| by(a, b)));
        let others = values.iter().skip(size).map(|c| c.count).sum();
        values.truncate(size);
        if by_value {
            values.sort_by(by);
        }
        Facet {
            values,
            others,
            missing: counts.missing,
        }
    }
}

/// Questions per minister, year and asker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub minister: Facet,
    pub year: Facet,
    pub asker: Facet,
    /// From the parliament's records: a question with several themes counts for each.
    pub themes: Facet,
}

impl Facets {
    /// The `size` values with the most questions of each facet.
    pub(crate) fn of(tally: &Tally, size: usize) -> Facets {
        Facets::with_sizes(tally, [size, size, size])
    }

    /// The values with the most questions, as many as `sizes` says for minister, year
    /// and asker; the years kept are listed latest first (a table of years reads in
    /// order), the names most first.
    pub(crate) fn with_sizes(tally: &Tally, sizes: [usize; 3]) -> Facets {
        Facets {
            minister: Facet::of(&tally.ministers, FacetValue::Name, sizes[0], false),
            year: Facet::of(&tally.years, FacetValue::Year, sizes[1], true),
            asker: Facet::of(&tally.askers, FacetValue::Name, sizes[2], false),
            themes: Facet::of(&tally.themes, FacetValue::Name, sizes[0], false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_the_most_come_first() {
        let mut tally = Tally::default();
        for (m, n) in [("B", 2), ("A", 1), ("C", 1)] {
            tally.ministers.per.insert(m.to_string(), n);
        }
        tally.ministers.missing = 1;
        for (y, n) in [(2020, 1), (2021, 2), (2019, 1)] {
            tally.years.per.insert(y, n);
        }
        tally.years.missing = 1;
        let f = Facets::of(&tally, 2);
        let names: Vec<String> = f
            .minister
            .values
            .iter()
            .map(|c| c.value.to_string())
            .collect();
        assert_eq!(names, ["B", "A"]);
        assert_eq!((f.minister.others, f.minister.missing), (1, 1));
        // The two years with the most: 2021, and of 2020 and 2019 (a tie) the latest; in
        // year order.
        let years: Vec<(String, usize)> = f
            .year
            .values
            .iter()
            .map(|c| (c.value.to_string(), c.count))
            .collect();
        assert_eq!(years, [("2021".into(), 2), ("2020".into(), 1)]);
        assert_eq!((f.year.others, f.year.missing), (1, 1));
        assert!(f.asker.values.is_empty());
        let in_order = Facets::with_sizes(&tally, [9, 9, 9]);
        let years: Vec<String> = in_order
            .year
            .values
            .iter()
            .map(|c| c.value.to_string())
            .collect();
        assert_eq!(years, ["2021", "2020", "2019"]);
    }
}
