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
    let mut keys = |field: &str, list: &Option<At<Vec<At<String>>>>| -> Vec<ActorId> {
        let Some(list) = list else {
            return Vec::new();
        };
        let mut ids = Vec::new();
        for key in &list.value {
            match config.actors.get(&key.value) {
                Some(id) if !ids.contains(&id) => ids.push(id),
                Some(_) => {}
                None => {
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
            }
        }
        ids
    };
    let named = keys("actors", &matter.actors);
    let not_named = keys("not_actors", &matter.not_actors);
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
