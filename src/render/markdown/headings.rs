//! The levels of a body's headings under the page's own `<h1>` (the title): a body that starts
//! with its title as `# Title` loses that heading, and a body with other `# ` headings has all
//! its headings one level down.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// What a body's headings need.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Levels {
    /// The events of a first heading that repeats the title, to leave out.
    pub(super) title: Option<Range<usize>>,
    /// Every heading one level down: the body has `# ` headings (besides a title one).
    pub(super) shift: bool,
}

impl Levels {
    pub(super) fn of(events: &[(Event<'_>, Range<usize>)], title: &str) -> Levels {
        let mut levels = Levels::default();
        if let Some((
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }),
            _,
        )) = events.first()
        {
            let end = events
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                .unwrap_or(0);
            let text: String = events[1..end]
                .iter()
                .filter_map(|(e, _)| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    Event::SoftBreak | Event::HardBreak => Some(" "),
                    _ => None,
                })
                .collect();
            if !title.is_empty() && same_words(&text, title) {
                levels.title = Some(0..end + 1);
            }
        }
        let after = levels.title.as_ref().map_or(0, |t| t.end);
        levels.shift = events[after..].iter().any(|(e, _)| {
            matches!(
                e,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                })
            )
        });
        levels
    }
}

/// The same words, whatever the case, the spaces and the kind of apostrophe or quote.
fn same_words(a: &str, b: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split_whitespace()
            .map(|w| {
                w.chars()
                    .map(|c| match c {
                        '’' | '‘' | '`' => '\'',
                        '“' | '”' | '«' | '»' => '"',
                        other => other,
                    })
                    .flat_map(char::to_lowercase)
                    .collect()
            })
            .collect()
    };
    words(a) == words(b)
}

/// One level down, `<h6>` staying `<h6>`.
pub(super) fn one_down(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn levels(body: &str, title: &str) -> Levels {
        let events: Vec<_> = Parser::new(body).into_offset_iter().collect();
        Levels::of(&events, title)
    }

    #[test]
    fn a_leading_title_goes_and_other_top_headings_go_down() {
        let title = levels("# L’ONU  *accuse*\n\nText\n\n## A\n", "l'ONU accuse");
        assert_eq!(
            title,
            Levels {
                title: Some(0..6),
                shift: false
            }
        );
        assert_eq!(
            levels("# Other\n\nText\n", "Title"),
            Levels {
                title: None,
                shift: true
            }
        );
        assert_eq!(
            levels("Text\n\n# Title\n", "Title"),
            Levels {
                title: None,
                shift: true
            }
        );
        assert_eq!(levels("## A\n", "A"), Levels::default());
        assert_eq!(
            levels("# Title\n\n# Part\n", "Title"),
            Levels {
                title: Some(0..3),
                shift: true
            }
        );
    }
}
