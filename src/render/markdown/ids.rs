//! Ids in a body: headings' (written, or made from their text) and footnotes', unique among
//! each other.

use ahash::{AHashMap, AHashSet};

/// Footnote numbers in order of first mention, and ids safe in HTML (`fn-<label>`), so that a
/// note labelled like a heading cannot take its id. Ids are unique among the headings' and
/// the other notes' (`[^a b]` and `[^A-B]` would both be `a-b`).
#[derive(Default)]
pub(super) struct Footnotes {
    pub(super) notes: Vec<Footnote>,
    /// Position in `notes` of each label, in lower case (labels match whatever their case):
    /// an article may hold thousands of notes.
    pub(super) by_label: AHashMap<String, usize>,
    /// Each definition: the event that opens it, its note, its number, its line.
    pub(super) definitions: Vec<Definition>,
}

pub(super) struct Definition {
    pub(super) event: usize,
    /// The note's number: its place in `Footnotes::notes`, plus one.
    pub(super) number: usize,
    pub(super) line: usize,
    pub(super) label: String,
    /// The first definition of its label carries the note's id (a second one does not).
    pub(super) with_id: bool,
}

/// The opening of a footnote definition of note `note_id`: with the note's id or not (a label
/// defined twice), its number, and a link back to the note's first reference when there is
/// one.
pub(super) fn definition_open(note_id: &str, with_id: bool, number: usize, back: bool) -> String {
    let id = match with_id {
        true => format!(" id=\"fn-{note_id}\""),
        false => String::new(),
    };
    let label = match back {
        true => format!("<a href=\"#fnref-{note_id}\">{number}</a>"),
        false => number.to_string(),
    };
    format!(
        "<div class=\"footnote-definition\"{id}><sup class=\"footnote-definition-label\">{label}</sup>\n"
    )
}

pub(super) struct Footnote {
    pub(super) id: String,
    pub(super) referenced: bool,
    pub(super) defined: bool,
}

impl Footnotes {
    /// Whether `label` has a definition.
    pub(super) fn is_defined(&self, label: &str) -> bool {
        self.by_label
            .get(&label.to_lowercase())
            .is_some_and(|&at| self.notes[at].defined)
    }

    pub(super) fn number(&mut self, label: &str, used_ids: &mut UsedIds) -> (&mut Footnote, usize) {
        let key = label.to_lowercase();
        let position = match self.by_label.get(&key).copied() {
            Some(position) => position,
            None => {
                let slug = crate::model::suggest_slug(label);
                let base = if slug.is_empty() {
                    (self.notes.len() + 1).to_string()
                } else {
                    slug
                };
                let mut id = base.clone();
                let mut n = 1;
                while used_ids.contains(&format!("fn-{id}"))
                    || used_ids.contains(&format!("fnref-{id}"))
                {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                used_ids.push(format!("fn-{id}"));
                used_ids.push(format!("fnref-{id}"));
                self.by_label.insert(key, self.notes.len());
                self.notes.push(Footnote {
                    id,
                    referenced: false,
                    defined: false,
                });
                self.notes.len() - 1
            }
        };
        (&mut self.notes[position], position + 1)
    }
}

/// A readable id for a heading in the text's own letters, as Hugo makes them:
/// `Contexte et arrière-plan` → `contexte-et-arrière-plan`. Letters and digits lower-cased,
/// `-` between words, other signs left out.
pub fn unicode_heading_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    // ASCII text (most headings of English articles): the same rule, byte by byte.
    if text.is_ascii() {
        for b in text.bytes() {
            if b.is_ascii_alphanumeric() || b == b'_' {
                id.push(char::from(b.to_ascii_lowercase()));
            } else if (b.is_ascii_whitespace() || b == b'-') && !id.is_empty() && !id.ends_with('-')
            {
                id.push('-');
            }
        }
    } else {
        for c in text.chars() {
            if c.is_alphanumeric() || c == '_' {
                id.extend(c.to_lowercase());
            } else if (c.is_whitespace() || c == '-') && !id.is_empty() && !id.ends_with('-') {
                id.push('-');
            }
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

/// A readable, ASCII id for a heading: `Contexte et arrière-plan` → `contexte-et-arriere-plan`.
pub fn heading_id(text: &str) -> String {
    let id = crate::model::suggest_slug(text);
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

/// `id`, or the first of `id-1`, `id-2`, … not used yet in the body.
pub(super) fn unique_id(id: String, used: &mut UsedIds) -> String {
    let mut n = used.next_suffix.get(&id).copied().unwrap_or(0);
    let mut candidate = if n == 0 {
        id.clone()
    } else {
        format!("{id}-{n}")
    };
    while used.contains(&candidate) {
        n += 1;
        candidate = format!("{id}-{n}");
    }
    used.next_suffix.insert(id, n + 1);
    used.push(candidate.clone());
    candidate
}

/// The ids given so far in one body, and for each heading id the suffix to try next: ids only
/// ever get used, so the search for a free `id-n` resumes where the last one stopped, and a
/// heading repeated thousands of times in a long article costs no more than a distinct one.
#[derive(Default)]
pub(super) struct UsedIds {
    pub(super) ids: AHashSet<String>,
    pub(super) next_suffix: AHashMap<String, usize>,
}

impl UsedIds {
    /// No id used yet but `reserved`, which the page around the body uses.
    pub(super) fn reserving(reserved: &[String]) -> UsedIds {
        UsedIds {
            ids: reserved.iter().cloned().collect(),
            next_suffix: AHashMap::new(),
        }
    }

    pub(super) fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    pub(super) fn push(&mut self, id: String) {
        self.ids.insert(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_ids_keep_letters_and_agree_on_ascii() {
        assert_eq!(
            unicode_heading_id("Contexte et arrière-plan"),
            "contexte-et-arrière-plan"
        );
        assert_eq!(unicode_heading_id("L'ONU : Vec<T>  _x_"), "lonu-vect-_x_");
        assert_eq!(
            unicode_heading_id("L’ONU : Vec<T>  _x_ é"),
            "lonu-vect-_x_-é"
        );
        assert_eq!(unicode_heading_id("?!"), "section");
    }
}
