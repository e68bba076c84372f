//! Filters on the question's fields, matched without scoring: the names (minister and
//! asker, any part of the name, case and accents aside; a name part that matches nobody
//! corrected to the nearest), the title's words and the part. Dates are checked per
//! passage ([`crate::search::dates`]).

use super::typos;
use crate::analysis::{self, DutchAnalyzer};
use crate::error::{Error, Result};
use crate::index::Fields;
use crate::index::term_query;
use crate::model::Role;
use crate::parse::date;
use crate::search::filters::Filters;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Query};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// The field a role's names are searched in.
fn field(fields: &Fields, role: Role) -> Field {
    match role {
        Role::Minister => fields.minister,
        Role::Asker => fields.asker,
    }
}

/// The flag that sets a role's filter (messages name it).
fn flag(role: Role) -> &'static str {
    match role {
        Role::Minister => "--minister",
        Role::Asker => "--asker",
    }
}

/// The filter clauses, each to be matched without scoring.
pub(super) fn queries(
    f: &Fields,
    filters: &Filters,
    analyzer: &DutchAnalyzer,
) -> Result<Vec<Box<dyn Query>>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    for role in Role::ALL {
        let Some(name) = filters.name(role) else {
            continue;
        };
        let terms = analysis::name_terms(name);
        if terms.is_empty() {
            return Err(Error::usage(format!(
                "{}: give a name or part of one",
                flag(role)
            )));
        }
        out.extend(terms.iter().map(|t| term_query(field(f, role), t)));
    }
    if let (Some(from), Some(to)) = (filters.from, filters.to)
        && from > to
    {
        return Err(Error::usage(format!(
            "--from {} is after --to {}",
            date::iso(from),
            date::iso(to)
        )));
    }
    if let Some(topic) = &filters.topic {
        let terms = analyzer.terms(topic);
        if terms.is_empty() {
            return Err(Error::usage(format!(
                "--topic `{topic}`: give a word of the title that is not a stop word"
            )));
        }
        out.extend(terms.iter().map(|t| term_query(f.topic, t)));
    }
    if let Some(part) = filters.part {
        out.push(term_query(f.part, part.as_str()));
    }
    if let Some(theme) = &filters.theme {
        let folded = analysis::fold(theme.trim());
        if folded.is_empty() {
            return Err(Error::usage("--theme: give a theme"));
        }
        out.push(term_query(f.theme, &folded));
    }
    if let Some(session) = &filters.session {
        out.push(term_query(f.session, session.trim()));
    }
    if let Some(st) = filters.status {
        out.push(term_query(f.status, st.as_str()));
    }
    if let Some(a) = filters.answered {
        out.push(term_query(f.answered, a.as_str()));
    }
    if !filters.doc_ids.is_empty() {
        let within = filters
            .doc_ids
            .iter()
            .map(|id| -> Box<dyn Query> {
                Box::new(tantivy::query::TermQuery::new(
                    Term::from_field_u64(f.qref, crate::index::question_key(id)),
                    tantivy::schema::IndexRecordOption::Basic,
                ))
            })
            .collect();
        out.push(Box::new(BooleanQuery::union(within)));
    }
    Ok(out)
}

/// Whether any passage in the index has all of `terms` in `field`.
fn anyone_named(searcher: &Searcher, field: Field, terms: &[String]) -> Result<bool> {
    let q = BooleanQuery::intersection(terms.iter().map(|t| term_query(field, t)).collect());
    Ok(searcher.search(&q, &Count)? > 0)
}

/// When nothing matched: the name filters that match nobody at all, to say so. Only
/// then, so that a search that finds something pays nothing for it.
pub(crate) fn name_notices(
    searcher: &Searcher,
    f: &Fields,
    filters: &Filters,
) -> Result<Vec<crate::search::Notice>> {
    let mut out = Vec::new();
    for role in Role::ALL {
        let Some(name) = filters.name(role) else {
            continue;
        };
        let terms = analysis::name_terms(name);
        if !terms.is_empty() && !anyone_named(searcher, field(f, role), &terms)? {
            out.push(crate::search::Notice::new(
                format!("no {role} in the index is named `{name}`"),
                format!("geen {} in de index heet `{name}`", role.dutch()),
            ));
        }
    }
    Ok(out)
}

/// A name in a filter that matched nobody, replaced by the nearest one.
pub(crate) struct Renamed {
    pub role: Role,
    /// As asked.
    pub asked: String,
    /// The folded name parts searched instead.
    pub used: String,
}

/// The filters with each name part that matches nobody replaced by the nearest name part
/// the index knows, and each name so changed.
pub(super) fn correct_names(
    searcher: &Searcher,
    f: &Fields,
    filters: &Filters,
) -> Result<(Filters, Vec<Renamed>)> {
    let mut out = filters.clone();
    let mut renamed = Vec::new();
    for role in Role::ALL {
        let Some(name) = filters.name(role) else {
            continue;
        };
        let field = field(f, role);
        let mut parts = analysis::name_terms(name);
        let mut changed = false;
        for part in &mut parts {
            if searcher.doc_freq(&Term::from_field_text(field, part))? > 0 {
                continue;
            }
            if let Some(near) = typos::nearest_name(searcher, field, part)? {
                *part = near;
                changed = true;
            }
        }
        if changed {
            let used = parts.join(" ");
            *out.name_mut(role) = Some(used.clone());
            renamed.push(Renamed {
                role,
                asked: name.to_string(),
                used,
            });
        }
    }
    Ok((out, renamed))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{question, search, store};
    use crate::search::{Filters, SearchRequest};

    #[test]
    fn a_misspelt_minister_is_corrected_and_an_unknown_asker_is_named() {
        let s = store(&[question(1, "Fietspaden", "Hoeveel fietspaden?")]);
        let mut req = SearchRequest::new("fietspaden");
        req.filters = Filters {
            minister: Some("Claess".into()),
            ..Filters::default()
        };
        let r = search(&s, &req);
        assert_eq!(r.total, 2, "{:?}", r.notices);
        assert!(
            r.notices
                .iter()
                .any(|n| n == "no minister is named `Claess`; showing `Bea Claes`"),
            "{:?}",
            r.notices
        );
        req.filters = Filters {
            asker: Some("Zeynep".into()),
            ..Filters::default()
        };
        let r = search(&s, &req);
        assert_eq!(r.total, 0);
        assert!(
            r.notices
                .iter()
                .any(|n| n == "no asker in the index is named `Zeynep`"),
            "{:?}",
            r.notices
        );
    }
}
