//! The dossier's actors (`actors.toml`): the people, states, organisations and groups its
//! articles name, declared once with language-neutral keys, each with a kind, dates, and per
//! language a name, a description, the other names it goes by (aliases) and a link.
//!
//! ```toml
//! link_mentions = "first"   # or "every", or "none": which mentions link to the actor's page
//!
//! [kinds.person]            # the kinds, in the order the index shows them: the set is yours
//! fr = "Personnes"
//! en = "People"
//!
//! [actors.kim-jong-un]
//! kind = "person"
//! since = 2011-12-17        # optional: in office (active, in force) since, and until
//! [actors.kim-jong-un.fr]
//! name = "Kim Jong-un"
//! description = "Dirigeant de la Corée du Nord depuis 2011."
//! aliases = ["Kim Jong Un"]
//! link = "https://fr.wikipedia.org/wiki/Kim_Jong-un"
//! ```
//!
//! Read strictly: an unknown field, a kind or language not declared, an empty name, an alias
//! that two actors claim in one language (compared folded: case, accents, hyphens and spaces
//! aside) are errors with their line.

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::Config;
use crate::error::{Diagnostic, LineIndex, Problems, explain_serde_message, suggestion};
use crate::text::date::Date;
use crate::text::fold::fold_name;

/// The file, at the site root.
pub(crate) const ACTORS_FILE: &str = "actors.toml";

/// An actor, by its place in [`Actors::actors`] (the file's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorId(pub usize);

/// Every actor and kind the file declares; empty without the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Actors {
    pub link_mentions: LinkMentions,
    pub kinds: Vec<ActorKind>,
    pub actors: Vec<Actor>,
}

/// Which mentions of an actor in an article's body link to the actor's page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkMentions {
    /// The first mention of each actor in each article.
    #[default]
    First,
    Every,
    None,
}

/// A kind of actor (`person`), with its heading in each language (`Personnes`, `People`).
#[derive(Debug, Clone, PartialEq)]
pub struct ActorKind {
    pub key: String,
    /// By language index.
    pub names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Its language-neutral key (`kim-jong-un`), its address in every language.
    pub key: String,
    /// The line of its key in the file.
    pub line: usize,
    /// Index into [`Actors::kinds`].
    pub kind: usize,
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// By language index.
    pub texts: Vec<ActorText>,
}

/// An actor in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorText {
    pub name: String,
    pub description: String,
    /// The other names it is found by in articles, as written.
    pub aliases: Vec<String>,
    pub link: Option<String>,
}

impl ActorText {
    /// Its name, then its aliases: every spelling an article may use.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    name: Spanned<String>,
    description: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    link: Option<Spanned<String>>,
}

impl Actors {
    /// Reads `actors.toml` (`text`) against the config's languages; problems go to `problems`,
    /// and what could be read is kept.
    pub fn parse(text: &str, config: &Config, problems: &mut Problems) -> Actors {
        let mut reader = Reader::new(text, config, problems);
        let table = match DeTable::parse(text) {
            Ok(table) => table.into_inner(),
            Err(error) => {
                reader.serde_error(&error);
                return Actors::default();
            }
        };
        let mut actors = Actors::default();
        let (mut kinds, mut declared) = (None, None);
        for (key, value) in &table {
            match key.get_ref().as_ref() {
                "kinds" => kinds = Some(value),
                "actors" => declared = Some(value),
                "link_mentions" => {
                    if let Some(link) = reader.value(value) {
                        actors.link_mentions = link;
                    }
                }
                other => reader.error(
                    key.span().start,
                    format!(
                        "unknown field `{other}`: {ACTORS_FILE} holds `link_mentions`, \
                         `[kinds.…]` and `[actors.…]`"
                    ),
                ),
            }
        }
        if let Some(kinds) = kinds.and_then(|k| reader.table(k, "kinds")) {
            for (key, value) in kinds {
                if let Some(kind) = reader.kind(key, value) {
                    actors.kinds.push(kind);
                }
            }
        }
        let mut claimed = vec![HashMap::new(); config.languages.len()];
        if let Some(declared) = declared.and_then(|a| reader.table(a, "actors")) {
            // Claims are by place in the file: an actor dropped for its errors still claims
            // its names.
            for (place, (key, value)) in declared.iter().enumerate() {
                let id = ActorId(place);
                if let Some(actor) = reader.actor(key, value, &actors.kinds, &mut claimed, id) {
                    actors.actors.push(actor);
                }
            }
        }
        actors
    }

    pub fn get(&self, key: &str) -> Option<ActorId> {
        self.actors.iter().position(|a| a.key == key).map(ActorId)
    }

    pub fn keys(&self) -> String {
        let keys: Vec<&str> = self.actors.iter().map(|a| a.key.as_str()).collect();
        keys.join(", ")
    }
}

impl std::ops::Index<ActorId> for Actors {
    type Output = Actor;

    fn index(&self, id: ActorId) -> &Actor {
        &self.actors[id.0]
    }
}

/// Who claimed a folded spelling first in a language: the actor (its place and key) and the
/// line.
type Claims = HashMap<String, (ActorId, String, usize)>;

struct Reader<'a, 'p> {
    /// The file's lines: thousands of names, each with its line.
    lines: LineIndex,
    config: &'a Config,
    problems: &'p mut Problems,
}

impl<'a, 'p> Reader<'a, 'p> {
    fn new(text: &'a str, config: &'a Config, problems: &'p mut Problems) -> Reader<'a, 'p> {
        Reader {
            lines: LineIndex::new(text),
            config,
            problems,
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    fn error(&mut self, offset: usize, message: impl Into<String>) {
        let line = self.line(offset);
        self.problems
            .error(Diagnostic::at(ACTORS_FILE, line, message.into()));
    }

    fn serde_error(&mut self, error: &toml::de::Error) {
        let line = error.span().map(|s| self.line(s.start));
        self.problems.error(Diagnostic::new(
            ACTORS_FILE,
            line,
            explain_serde_message(error.message()),
        ));
    }

    /// `value` as a table, else an error naming `what`.
    fn table<'v, 'i>(
        &mut self,
        value: &'v Spanned<DeValue<'i>>,
        what: &str,
    ) -> Option<&'v DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            _ => {
                self.error(value.span().start, format!("`{what}` must be a table"));
                None
            }
        }
    }

    /// A value deserialized, with its line on error.
    fn value<T: serde::de::DeserializeOwned>(&mut self, value: &Spanned<DeValue<'_>>) -> Option<T> {
        match T::deserialize(ValueDeserializer::from(value.clone())) {
            Ok(value) => Some(value),
            Err(error) => {
                let offset = error.span().unwrap_or(value.span()).start;
                self.error(offset, explain_serde_message(error.message()));
                None
            }
        }
    }

    /// The language a key names, or an error.
    fn language(&mut self, key: &Spanned<toml::de::DeString<'_>>, owner: &str) -> Option<usize> {
        let code = key.get_ref().as_ref();
        let found = self.config.language(code);
        if found.is_none() {
            let codes: Vec<&str> = self
                .config
                .languages
                .iter()
                .map(|l| l.code.as_str())
                .collect();
            self.error(
                key.span().start,
                format!(
                    "{owner}: `{code}` is not a language of the dossier ({}known: {})",
                    suggestion(code, codes.iter().copied(), "`"),
                    codes.join(", "),
                ),
            );
        }
        found
    }

    fn key(&mut self, key: &Spanned<toml::de::DeString<'_>>, what: &str) -> Option<String> {
        let text = key.get_ref().as_ref();
        let valid = !text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-');
        if !valid {
            self.error(
                key.span().start,
                format!(
                    "{what} `{text}`: a key is lower-case letters, digits and hyphens \
                     (`kim-jong-un`), the same in every language"
                ),
            );
        }
        valid.then(|| text.to_string())
    }

    fn kind(
        &mut self,
        key: &Spanned<toml::de::DeString<'_>>,
        value: &Spanned<DeValue<'_>>,
    ) -> Option<ActorKind> {
        let name = self.key(key, "kind")?;
        let table = self.table(value, &format!("kinds.{name}"))?;
        let mut names = vec![None; self.config.languages.len()];
        for (code, label) in table {
            let Some(lang) = self.language(code, &format!("kinds.{name}")) else {
                continue;
            };
            let label: Option<Spanned<String>> = self.value(label);
            names[lang] = Some(label.filter(|l| {
                self.not_empty(l, &format!("kinds.{name}.{}", code.get_ref().as_ref()))
            }));
        }
        self.complete(names, value.span().start, &format!("kinds.{name}"))
            .map(|names| ActorKind {
                key: name,
                names: names.into_iter().map(Spanned::into_inner).collect(),
            })
    }

    /// False, with an error, when a text is empty.
    fn not_empty(&mut self, text: &Spanned<String>, what: &str) -> bool {
        let empty = text.get_ref().trim().is_empty();
        if empty {
            self.error(text.span().start, format!("{what} is empty"));
        }
        !empty
    }

    /// Every language's value, or an error naming the missing ones (`None`); a value there
    /// but wrong (`Some(None)`) was reported already.
    fn complete<T>(
        &mut self,
        values: Vec<Option<Option<T>>>,
        offset: usize,
        owner: &str,
    ) -> Option<Vec<T>> {
        let missing: Vec<&str> = values
            .iter()
            .zip(&self.config.languages)
            .filter(|(v, _)| v.is_none())
            .map(|(_, l)| l.code.as_str())
            .collect();
        if !missing.is_empty() {
            let missing = missing.join(", ");
            self.error(
                offset,
                format!("{owner}: nothing in {missing}: every language needs its text"),
            );
            return None;
        }
        values.into_iter().flatten().collect()
    }

    fn actor(
        &mut self,
        key: &Spanned<toml::de::DeString<'_>>,
        value: &Spanned<DeValue<'_>>,
        kinds: &[ActorKind],
        claimed: &mut [Claims],
        id: ActorId,
    ) -> Option<Actor> {
        let name = self.key(key, "actor")?;
        let owner = format!("actors.{name}");
        let table = self.table(value, &owner)?;
        let (mut kind, mut since, mut until) = (None, None, None);
        let mut texts: Vec<Option<Option<(RawText, bool)>>> =
            (0..self.config.languages.len()).map(|_| None).collect();
        for (field, value) in table {
            match field.get_ref().as_ref() {
                "kind" => kind = self.actor_kind(value, kinds, &owner),
                "since" => since = self.date(value, &format!("{owner}.since")),
                "until" => until = self.date(value, &format!("{owner}.until")),
                code => {
                    let Some(lang) = self.config.language(code) else {
                        let codes: Vec<&str> = self
                            .config
                            .languages
                            .iter()
                            .map(|l| l.code.as_str())
                            .collect();
                        let known = ["kind", "since", "until"]
                            .into_iter()
                            .chain(codes.iter().copied());
                        self.error(
                            field.span().start,
                            format!(
                                "{owner}: unknown field `{code}` ({}known: kind, since, until, or \
                                 a language: {})",
                                suggestion(code, known, "`"),
                                codes.join(", ")
                            ),
                        );
                        continue;
                    };
                    texts[lang] = Some(self.text(value, &format!("{owner}.{code}")));
                }
            }
        }
        if kind.is_none() && !table.keys().any(|k| k.get_ref().as_ref() == "kind") {
            let known: Vec<&str> = kinds.iter().map(|k| k.key.as_str()).collect();
            self.error(
                key.span().start,
                format!("{owner}: no `kind` (one of: {})", known.join(", ")),
            );
        }
        if let (Some(since), Some(until)) = (since, until) {
            if until < since {
                self.error(
                    key.span().start,
                    format!("{owner}: `until` is before `since`"),
                );
            }
        }
        let texts = self.complete(texts, key.span().start, &owner)?;
        let mut clash = texts.iter().any(|(_, good)| !good);
        for (lang, (text, _)) in texts.iter().enumerate() {
            for spelling in std::iter::once(&text.name).chain(&text.aliases) {
                let line = self.line(spelling.span().start);
                let folded = fold_name(spelling.get_ref().trim());
                match claimed[lang].get(&folded) {
                    Some((other, _, _)) if *other == id => {}
                    Some((_, first, first_line)) => {
                        clash = true;
                        let code = &self.config.languages[lang].code;
                        let message = format!(
                            "`{}` ({code}) is already a name of `{first}` (line {first_line}): a \
                             name finds one actor",
                            spelling.get_ref()
                        );
                        self.error(spelling.span().start, message);
                    }
                    None => {
                        claimed[lang].insert(folded, (id, name.clone(), line));
                    }
                }
            }
        }
        (!clash).then_some(())?;
        Some(Actor {
            line: self.line(key.span().start),
            key: name,
            kind: kind?,
            since,
            until,
            texts: texts
                .into_iter()
                .map(|(t, _)| ActorText {
                    name: t.name.into_inner().trim().to_string(),
                    description: t.description.into_inner().trim().to_string(),
                    aliases: t
                        .aliases
                        .into_iter()
                        .map(|a| a.into_inner().trim().to_string())
                        .collect(),
                    link: t.link.map(Spanned::into_inner),
                })
                .collect(),
        })
    }

    fn actor_kind(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        kinds: &[ActorKind],
        owner: &str,
    ) -> Option<usize> {
        let kind: String = self.value(value)?;
        let found = kinds.iter().position(|k| k.key == kind);
        if found.is_none() {
            let known: Vec<&str> = kinds.iter().map(|k| k.key.as_str()).collect();
            let message = match known.is_empty() {
                true => format!(
                    "{owner}: kind `{kind}` is not declared: add `[kinds.{kind}]` with its name in each language"
                ),
                false => format!(
                    "{owner}: kind `{kind}` is not declared ({}known: {})",
                    suggestion(&kind, known.iter().copied(), "`"),
                    known.join(", "),
                ),
            };
            self.error(value.span().start, message);
        }
        found
    }

    fn date(&mut self, value: &Spanned<DeValue<'_>>, what: &str) -> Option<Date> {
        let date = match value.get_ref() {
            DeValue::Datetime(date) => Date::from_toml(date),
            _ => Err(String::new()),
        };
        match date {
            Ok(date) => Some(date),
            Err(message) => {
                let why = match message.is_empty() {
                    true => String::new(),
                    false => format!(" ({message})"),
                };
                self.error(
                    value.span().start,
                    format!("{what} must be a date written 2011-12-17, unquoted{why}"),
                );
                None
            }
        }
    }

    /// An actor's table in one language, checked: a name and a description, aliases not
    /// empty, a link that is a web address.
    /// Its text, and whether it is all good (every problem is reported).
    fn text(&mut self, value: &Spanned<DeValue<'_>>, owner: &str) -> Option<(RawText, bool)> {
        let text: RawText = self.value(value)?;
        let mut good = self.not_empty(&text.name, &format!("{owner}.name"));
        good &= self.not_empty(&text.description, &format!("{owner}.description"));
        for alias in &text.aliases {
            good &= self.not_empty(alias, &format!("an alias of {owner}"));
        }
        if let Some(link) = &text.link {
            let address = link.get_ref();
            if !(address.starts_with("https://") || address.starts_with("http://"))
                || address.contains(char::is_whitespace)
            {
                good = false;
                self.error(
                    link.span().start,
                    format!("{owner}.link `{address}` is not a web address (https://…)"),
                );
            }
        }
        Some((text, good))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Actors, Vec<String>) {
        let mut problems = Problems::default();
        let config = Config::parse(
            include_str!("../../tests/fixtures/basic/config.toml"),
            &mut problems,
        )
        .expect("the fixture's config");
        let actors = Actors::parse(text, &config, &mut problems);
        let errors = problems.errors.iter().map(ToString::to_string).collect();
        (actors, errors)
    }

    const GOOD: &str = r#"link_mentions = "every"

[kinds.person]
fr = "Personnes"
en = "People"

[kinds.group]
fr = "Groupes"
en = "Groups"

[actors.kim-jong-un]
kind = "person"
since = 2011-12-17
[actors.kim-jong-un.fr]
name = "Kim Jong-un"
description = "Dirigeant de la Corée du Nord."
aliases = ["Kim Jong Un", " Kim Jong‑un "]
link = "https://fr.wikipedia.org/wiki/Kim_Jong-un"
[actors.kim-jong-un.en]
name = "Kim Jong Un"
description = "Leader of North Korea."

[actors.lazarus]
kind = "group"
fr = { name = "Lazarus", description = "Groupe de pirates." }
en = { name = "Lazarus Group", description = "A hacking group.", aliases = ["Lazarus"] }
"#;

    #[test]
    fn actors_are_read_with_their_kinds_dates_and_texts_in_every_language() {
        let (actors, errors) = read(GOOD);
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(actors.link_mentions, LinkMentions::Every);
        let kinds: Vec<&str> = actors.kinds.iter().map(|k| k.key.as_str()).collect();
        assert_eq!(kinds, ["person", "group"]);
        assert_eq!(actors.kinds[1].names, ["Groupes", "Groups"]);
        let kim = &actors[actors.get("kim-jong-un").expect("kim")];
        assert_eq!(kim.kind, 0);
        assert_eq!(kim.since.map(|d| d.iso()).as_deref(), Some("2011-12-17"));
        assert_eq!(kim.until, None);
        assert_eq!(kim.texts[0].aliases, ["Kim Jong Un", "Kim Jong‑un"]);
        assert_eq!(
            kim.texts[0].link.as_deref(),
            Some("https://fr.wikipedia.org/wiki/Kim_Jong-un")
        );
        let spellings: Vec<&str> = kim.texts[1].spellings().collect();
        assert_eq!(spellings, ["Kim Jong Un"]);
        let lazarus = &actors[actors.get("lazarus").expect("lazarus")];
        assert_eq!(lazarus.kind, 1);
        assert_eq!(lazarus.texts[1].name, "Lazarus Group");
        assert_eq!(read("").0, Actors::default());
    }

    #[test]
    fn every_mistake_is_an_error_on_its_line() {
        let cases: [(&str, &str, &str); 12] = [
            (
                "kind = \"person\"",
                "kidn = \"person\"",
                "actors.toml:12: actors.kim-jong-un: unknown field `kidn` (did you mean `kind`? known: kind, since, until, or a language: fr, en)",
            ),
            (
                "name = \"Kim Jong-un\"",
                "nom = \"Kim Jong-un\"",
                "actors.toml:15: unknown field `nom`",
            ),
            (
                "name = \"Kim Jong-un\"",
                "name = \" \"",
                "actors.toml:15: actors.kim-jong-un.fr.name is empty",
            ),
            (
                "aliases = [\"Kim Jong Un\", \" Kim Jong‑un \"]",
                "aliases = [\"Kim Jong Un\", \"Lazarus\"]",
                "actors.toml:25: `Lazarus` (fr) is already a name of `kim-jong-un` (line 17): a name finds one actor",
            ),
            (
                "kind = \"group\"",
                "kind = \"gruop\"",
                "actors.toml:24: actors.lazarus: kind `gruop` is not declared (did you mean `group`? known: person, group)",
            ),
            (
                "[actors.kim-jong-un.en]",
                "[actors.kim-jong-un.de]",
                "actors.toml:19: actors.kim-jong-un: unknown field `de` (known: kind, since, until, or a language: fr, en)",
            ),
            (
                "[actors.kim-jong-un]\n",
                "[actors.Kim]\n",
                "actors.toml:11: actor `Kim`: a key is lower-case letters, digits and hyphens (`kim-jong-un`), the same in every language",
            ),
            (
                "link = \"https://fr.wikipedia.org/wiki/Kim_Jong-un\"",
                "link = \"fr.wikipedia.org\"",
                "actors.toml:18: actors.kim-jong-un.fr.link `fr.wikipedia.org` is not a web address (https://…)",
            ),
            (
                "since = 2011-12-17",
                "since = 2011-12-17\nuntil = 2001-01-01",
                "actors.toml:11: actors.kim-jong-un: `until` is before `since`",
            ),
            (
                "since = 2011-12-17",
                "since = \"2011\"",
                "actors.toml:13: actors.kim-jong-un.since must be a date written 2011-12-17, unquoted",
            ),
            (
                "link_mentions = \"every\"",
                "link_mentions = \"all\"",
                "actors.toml:1: unknown variant `all`",
            ),
            (
                "[kinds.group]\nfr = \"Groupes\"\n",
                "[kinds.group]\n",
                "actors.toml:7: kinds.group: nothing in fr: every language needs its text",
            ),
        ];
        for (from, to, expected) in cases {
            assert!(GOOD.contains(from), "{from}");
            let (_, errors) = read(&GOOD.replacen(from, to, 1));
            assert!(
                errors.iter().any(|e| e.starts_with(expected)),
                "{to}: expected {expected}\n got {errors:#?}"
            );
        }
        let (_, errors) = read("[actors.x\n");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("actors.toml:1: "), "{errors:?}");
        let (_, errors) = read("[people.x]\n");
        assert!(
            errors[0].starts_with("actors.toml:1: unknown field `people`"),
            "{errors:?}"
        );
    }
}
