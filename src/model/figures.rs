//! An article's key figures (`[[figures]]`): a value and what it measures in the article's
//! language, and when it holds, who states it, where, and the actors it concerns — facts of
//! every language, which a translation's figure inherits from the figure at the same place in
//! its original when it does not give them.

use super::front_matter::{At, FigureEntry, FrontMatter};
use crate::config::{ActorId, Config};
use crate::error::{Diagnostic, Problems};
use crate::text::date::Date;

/// When a figure holds: a year, or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureDate {
    Year(i32),
    Day(Date),
}

impl FigureDate {
    /// Year, month and day, a year alone before its days.
    fn key(self) -> (i32, u8, u8) {
        match self {
            FigureDate::Year(year) => (year, 0, 0),
            FigureDate::Day(date) => (date.year, date.month, date.day),
        }
    }

    /// `2019` or `2019-08-05`, as `<time datetime>` takes it.
    pub fn iso(self) -> String {
        match self {
            FigureDate::Year(year) => format!("{year:04}"),
            FigureDate::Day(date) => date.iso(),
        }
    }
}

impl PartialOrd for FigureDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for FigureDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

/// A key figure as an article shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Figure {
    /// With its unit: `2 milliards de dollars`.
    pub value: String,
    /// What it measures: `volés par des cyberattaques`.
    pub label: String,
    pub date: Option<FigureDate>,
    /// Who states it.
    pub source: Option<String>,
    /// Where, a web address.
    pub url: Option<String>,
    /// The actors it concerns, in the order written.
    pub actors: Vec<ActorId>,
}

/// A figure as one file gives it: what it leaves out, a translation inherits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct FigureDraft {
    value: String,
    label: String,
    date: Option<FigureDate>,
    source: Option<String>,
    url: Option<String>,
    actors: Option<Vec<ActorId>>,
}

/// The figures of a front matter, their web addresses and actors checked.
pub(super) fn read_figures(
    config: &Config,
    path: &str,
    matter: &FrontMatter,
    problems: &mut Problems,
) -> Vec<FigureDraft> {
    let Some(entries) = &matter.figures else {
        return Vec::new();
    };
    let mut figures = Vec::with_capacity(entries.value.len());
    for (index, At { value, line }) in entries.value.iter().enumerate() {
        let FigureEntry {
            value,
            label,
            date,
            source,
            url,
            actors,
        } = value;
        let at = format!("figures[{}]", index + 1);
        if let Some(url) = url
            .as_deref()
            .filter(|u| !super::credits::is_web_address(u))
        {
            problems.error(Diagnostic::at(
                path,
                *line,
                format!(
                    "{at}.url \"{}\" is not a web address: write it in full, starting with https:// or http://",
                    url.escape_debug()
                ),
            ));
        }
        let actors = actors.as_ref().map(|keys| {
            super::actors::actor_ids(config, path, &format!("{at}.actors"), keys, problems)
        });
        figures.push(FigureDraft {
            value: value.clone(),
            label: label.clone(),
            date: *date,
            source: source.clone(),
            url: url.clone(),
            actors,
        });
    }
    figures
}

/// A version's figures: its own, each completed with what the figure at the same place in
/// `original` (another version of the article that has figures) gives and it does not.
pub(super) fn inherit(own: &[FigureDraft], original: &[FigureDraft]) -> Vec<Figure> {
    own.iter()
        .enumerate()
        .map(|(at, figure)| {
            let from = original.get(at);
            Figure {
                value: figure.value.clone(),
                label: figure.label.clone(),
                date: figure.date.or_else(|| from.and_then(|f| f.date)),
                source: figure
                    .source
                    .clone()
                    .or_else(|| from.and_then(|f| f.source.clone())),
                url: figure
                    .url
                    .clone()
                    .or_else(|| from.and_then(|f| f.url.clone())),
                actors: figure
                    .actors
                    .clone()
                    .or_else(|| from.and_then(|f| f.actors.clone()))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(value: &str, date: Option<FigureDate>, source: Option<&str>) -> FigureDraft {
        FigureDraft {
            value: value.into(),
            label: format!("{value} label"),
            date,
            source: source.map(Into::into),
            url: None,
            actors: None,
        }
    }

    #[test]
    fn a_translation_inherits_what_its_figure_leaves_out_from_the_figure_at_its_place() {
        let original = [
            FigureDraft {
                actors: Some(vec![ActorId(2)]),
                url: Some("https://example.org/".into()),
                ..draft("2 milliards", Some(FigureDate::Year(2019)), Some("ONU"))
            },
            draft("1,3 million", None, Some("NIS")),
        ];
        let own = [
            draft("$2 billion", None, Some("UN")),
            draft("1.3 million", Some(FigureDate::Year(2024)), None),
            draft("a third", None, None),
        ];
        let figures = inherit(&own, &original);
        assert_eq!(figures.len(), 3);
        assert_eq!(figures[0].value, "$2 billion");
        assert_eq!(figures[0].date, Some(FigureDate::Year(2019)));
        assert_eq!(figures[0].source.as_deref(), Some("UN"), "its own source");
        assert_eq!(figures[0].url.as_deref(), Some("https://example.org/"));
        assert_eq!(figures[0].actors, [ActorId(2)]);
        assert_eq!(
            figures[1].date,
            Some(FigureDate::Year(2024)),
            "its own date"
        );
        assert_eq!(figures[1].source.as_deref(), Some("NIS"));
        assert_eq!(figures[2].source, None, "nothing at its place to inherit");
    }

    #[test]
    fn a_year_comes_before_the_days_of_that_year_and_after_the_year_before() {
        let day = |y, m, d| FigureDate::Day(Date::new(y, m, d).unwrap());
        let mut dates = vec![day(2019, 8, 5), FigureDate::Year(2019), day(2018, 12, 31)];
        dates.sort();
        assert_eq!(
            dates,
            [day(2018, 12, 31), FigureDate::Year(2019), day(2019, 8, 5)]
        );
        assert_eq!(FigureDate::Year(2019).iso(), "2019");
        assert_eq!(day(2019, 8, 5).iso(), "2019-08-05");
    }
}
