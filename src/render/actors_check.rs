//! `dossier check`'s warnings about the actors (issue 29), one line each: an actor that no
//! article names (its names or aliases are perhaps not those the articles use), and a name that
//! looks like an actor's (two capitalised words or more, `Moon Jae-in`, `Reconnaissance General
//! Bureau`) seen in several articles of a language and not declared. A dossier without actors
//! gets neither: it does not use them.

use ahash::AHashMap;

use super::Renderer;
use super::mentions::Finder;
use super::search::plain_text;
use crate::config::ACTORS_FILE;
use crate::error::Diagnostic;
use crate::text::fold::fold_name;

/// How many articles of a language must name an undeclared name for it to be reported.
const LIKELY_IN: usize = 3;

/// At most this many undeclared names reported per language, the most named first; then one
/// line says how many more there are.
const LIKELY_SHOWN: usize = 10;

/// Capitalised words that open a sentence or a clause rather than a name (compared in lower
/// case): a run of capitalised words does not start with one of these (it may hold one).
const NOT_NAMES: &[&str] = &[
    // English
    "a",
    "after",
    "also",
    "an",
    "and",
    "as",
    "at",
    "before",
    "but",
    "by",
    "during",
    "for",
    "from",
    "he",
    "her",
    "his",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "of",
    "on",
    "or",
    "our",
    "she",
    "since",
    "so",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "under",
    "we",
    "what",
    "when",
    "which",
    "while",
    "who",
    "with",
    "yet",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    // French
    "alors",
    "après",
    "au",
    "aux",
    "avant",
    "avec",
    "ce",
    "cependant",
    "ces",
    "cet",
    "cette",
    "chez",
    "comme",
    "d",
    "dans",
    "de",
    "depuis",
    "des",
    "dès",
    "donc",
    "du",
    "elle",
    "elles",
    "en",
    "entre",
    "et",
    "il",
    "ils",
    "je",
    "l",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lors",
    "mais",
    "nous",
    "on",
    "ou",
    "par",
    "pendant",
    "pour",
    "puis",
    "quand",
    "sa",
    "sans",
    "selon",
    "ses",
    "si",
    "son",
    "sur",
    "toutefois",
    "un",
    "une",
    "vous",
];

impl Renderer<'_> {
    /// The warnings, in the order of the file's actors, then of the languages.
    pub(crate) fn actor_warnings(&self) -> Vec<Diagnostic> {
        let config = &self.dossier.config;
        if config.actors.actors.is_empty() {
            return Vec::new();
        }
        let index = self.actor_index();
        let mut warnings: Vec<Diagnostic> = config
            .actors
            .actors
            .iter()
            .enumerate()
            .filter(|(id, _)| index.groups[*id].is_empty())
            .map(|(_, actor)| {
                Diagnostic::at(
                    ACTORS_FILE,
                    actor.line,
                    format!(
                        "`{}` is named in no article: check its names and aliases against the \
                         articles' spelling, or name it in a front matter (`actors = [\"{}\"]`)",
                        actor.key, actor.key
                    ),
                )
            })
            .collect();
        let finder = Finder::new(config);
        for lang in 0..config.languages.len() {
            warnings.extend(self.likely_actors(&finder, lang));
        }
        warnings
    }

    /// The names that look like actors' in the articles of `lang`, named in [`LIKELY_IN`]
    /// of them or more, that no actor's name or alias finds.
    fn likely_actors(&self, finder: &Finder, lang: usize) -> Vec<Diagnostic> {
        // Each name folded, with its spelling as first seen and the files that name it.
        let mut seen: AHashMap<String, (String, Vec<&str>)> = AHashMap::new();
        for (id, article) in self.dossier.articles.iter().enumerate() {
            if article.lang != lang {
                continue;
            }
            let text = plain_text(&self.bodies[id].html);
            for name in capitalised_names(&article.title)
                .into_iter()
                .chain(capitalised_names(&text))
            {
                let (_, files) = seen
                    .entry(fold_name(name))
                    .or_insert_with(|| (name.to_string(), Vec::new()));
                if files.last() != Some(&article.file.as_str()) {
                    files.push(&article.file);
                }
            }
        }
        let mut likely: Vec<(String, Vec<&str>)> = seen
            .into_values()
            .filter(|(name, files)| files.len() >= LIKELY_IN && finder.find(lang, name).is_empty())
            .collect();
        likely.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        let code = &self.dossier.config.languages[lang].code;
        let mut warnings: Vec<Diagnostic> = likely
            .iter()
            .take(LIKELY_SHOWN)
            .map(|(name, files)| {
                let mut list = files[..files.len().min(2)].join(", ");
                if files.len() > 2 {
                    list.push_str(&format!(" and {} more", files.len() - 2));
                }
                Diagnostic::new(
                    ACTORS_FILE,
                    None,
                    format!(
                        "“{name}” looks like an actor's name, named in {} {code} articles ({list}), \
                         and no actor has it: declare it, or add it to an actor's aliases",
                        files.len()
                    ),
                )
            })
            .collect();
        if likely.len() > LIKELY_SHOWN {
            warnings.push(Diagnostic::new(
                ACTORS_FILE,
                None,
                format!(
                    "{} more names in {code} articles look like actors' (named in {LIKELY_IN} \
                     articles or more) and are not declared",
                    likely.len() - LIKELY_SHOWN
                ),
            ));
        }
        warnings
    }
}

/// The runs of two capitalised words or more in `text` that may be names (`Kim Jong Un`,
/// `Lazarus Group`), the words one space apart: not starting with a word that opens sentences
/// ([`NOT_NAMES`]; `Le Conseil` is `Conseil`), an elision (`L’`, `d’`) and a final `’s` left out.
pub(crate) fn capitalised_names(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    // The run so far: its start, its end, and how many words it holds.
    let mut run: Option<(usize, usize, usize)> = None;
    let mut close = |run: &mut Option<(usize, usize, usize)>| {
        if let Some((start, end, 2..)) = run.take() {
            names.push(&text[start..end]);
        }
    };
    for (start, word) in words_at(text) {
        let (start, word) = match elided(word) {
            Some(rest) => (start + word.len() - rest.len(), rest),
            None => (start, word),
        };
        let stripped = word.strip_suffix("’s").or_else(|| word.strip_suffix("'s"));
        let word = stripped.unwrap_or(word);
        let end = start + word.len();
        let capital =
            word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() > 1;
        let joined = run
            .is_some_and(|(_, last, _)| matches!(&text[last..start], " " | "\u{a0}" | "\u{202f}"));
        match (capital, joined) {
            (true, true) => {
                if let Some((_, last, count)) = &mut run {
                    (*last, *count) = (end, *count + 1);
                }
            }
            (true, false) => {
                close(&mut run);
                // A name may hold such a word (`Kim Jong Un`), not start with it.
                if !NOT_NAMES.contains(&word.to_lowercase().as_str()) {
                    run = Some((start, end, 1));
                }
            }
            (false, _) => close(&mut run),
        }
        // A possessive ends the name.
        if stripped.is_some() {
            close(&mut run);
        }
    }
    close(&mut run);
    names
}

/// The words of `text` with their offsets: runs of letters, digits, hyphens and apostrophes.
fn words_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\u{2011}' | '’' | '\'');
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.by_ref().find(|&(_, c)| is_word(c))?;
        let mut end = text.len();
        while let Some(&(at, c)) = rest.peek() {
            if !is_word(c) {
                end = at;
                break;
            }
            rest.next();
        }
        Some((start, text[start..end].trim_end_matches(['-', '’', '\''])))
    })
}

/// The word after an elided article or preposition (`L’Union` → `Union`, `d’Pyongyang`).
fn elided(word: &str) -> Option<&str> {
    let (before, after) = word.split_once(['’', '\''])?;
    (!before.is_empty() && before.chars().count() <= 2 && !after.is_empty()).then_some(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_runs_of_capitalised_words() {
        assert_eq!(
            capitalised_names("Le leader Kim Jong Un a reçu Donald Trump à Singapour."),
            ["Kim Jong Un", "Donald Trump"]
        );
        assert_eq!(
            capitalised_names("The Lazarus Group stole funds. In March North Korea denied it."),
            ["Lazarus Group", "North Korea"]
        );
        // An elision, a possessive, a hyphen, a no-break space.
        assert_eq!(
            capitalised_names(
                "selon l’Union Européenne, Moon Jae-in’s visit; Conseil\u{a0}Suprême"
            ),
            ["Union Européenne", "Moon Jae-in", "Conseil\u{a0}Suprême"]
        );
        // One capitalised word is no name; punctuation ends a run.
        assert_eq!(
            capitalised_names("Pyongyang, Séoul. Washington"),
            Vec::<&str>::new()
        );
        assert_eq!(capitalised_names("Kim, Trump"), Vec::<&str>::new());
    }
}
