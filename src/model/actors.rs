//! An article's own word on its actors (`actors.toml`): `actors = [...]`, those it names though
//! its text does not, and `not_actors = [...]`, those its text seems to name but does not (a
//! false match). Keys are checked against the actors declared, with their lines.

use crate::config::{ActorId, Config};
use crate::error::{Diagnostic, Problems, suggestion};

use super::front_matter::{At, FrontMatter};

/// The actors an article adds and leaves out; a translation that gives neither inherits them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ActorChoices {
    pub named: Vec<ActorId>,
    pub not_named: Vec<ActorId>,
}

/// The article's `actors` and `not_actors`, when it gives either; an unknown key is an error
/// on its line.
pub(super) fn read_choices(
    config: &Config,
    file: &str,
    matter: &FrontMatter,
    problems: &mut Problems,
) -> Option<ActorChoices> {
    if matter.actors.is_none() && matter.not_actors.is_none() {
        return None;
    }
    let named = actor_ids(config, file, "actors", list(&matter.actors), problems);
    let not_named = actor_ids(
        config,
        file,
        "not_actors",
        list(&matter.not_actors),
        problems,
    );
    for id in &named {
        if not_named.contains(id) {
            let line = matter.actors.as_ref().map_or(0, |a| a.line);
            problems.error(Diagnostic::at(
                file,
                line,
                format!(
                    "\"{}\" is in both `actors` and `not_actors`: keep one",
                    config.actors[*id].key
                ),
            ));
        }
    }
    Some(ActorChoices { named, not_named })
}

/// The actors `keys` name in `field` of `file`, each once: an unknown key is an error on its
/// line.
pub(super) fn actor_ids(
    config: &Config,
    file: &str,
    field: &str,
    keys: &[At<String>],
    problems: &mut Problems,
) -> Vec<ActorId> {
    let mut ids = Vec::new();
    for key in keys {
        match actor_of(config, file, field, key, problems) {
            Some(id) if !ids.contains(&id) => ids.push(id),
            _ => {}
        }
    }
    ids
}

/// The actor `key` names in `field` of `file`; an unknown key is an error on its line, with
/// the keys declared.
fn actor_of(
    config: &Config,
    file: &str,
    field: &str,
    key: &At<String>,
    problems: &mut Problems,
) -> Option<ActorId> {
    let id = config.actors.get(&key.value);
    if id.is_none() {
        let declared = config.actors.actors.iter().map(|a| a.key.as_str());
        let hint = suggestion(&key.value, declared, "\"");
        let message = match config.actors.actors.is_empty() {
            true => format!(
                "{field}: \"{}\" is not an actor: the site has no actors.toml",
                key.value
            ),
            false => format!(
                "{field}: \"{}\" is not an actor of actors.toml ({hint}known: {})",
                key.value,
                config.actors.keys()
            ),
        };
        problems.error(Diagnostic::at(file, key.line, message));
    }
    id
}

/// The entries of a list field, none when not written.
fn list(field: &Option<At<Vec<At<String>>>>) -> &[At<String>] {
    field.as_ref().map_or(&[], |list| &list.value)
}
