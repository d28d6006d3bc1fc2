//! The other generator's configuration read: Hugo's (`hugo.toml`, `hugo.yaml`, `config.*`,
//! `config/_default/`) or Zola's (`zola.toml`, `config.toml`), into one [`Config`]: languages,
//! default language, taxonomies, menus, theme.

use std::path::Path;

use super::site::{Config, Generator, Lang, Menu, read_text};
use super::value::{self, Val};
use crate::error::{Error, Result};

/// The files a Hugo configuration may be in, the first found wins.
const HUGO_FILES: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config/_default/hugo.toml",
    "config/_default/hugo.yaml",
    "config/_default/hugo.yml",
    "config/_default/hugo.json",
    "config/_default/config.toml",
    "config/_default/config.yaml",
    "config/_default/config.yml",
    "config/_default/config.json",
    "config.yaml",
    "config.yml",
    "config.json",
];

/// The configuration file and the generator it belongs to.
pub(super) fn find_config(root: &Path, asked: Option<Generator>) -> Result<(String, Generator)> {
    let has = |name: &str| crate::source::is_file(&root.join(name));
    let hugo_file = HUGO_FILES.iter().find(|n| has(n)).map(|n| n.to_string());
    let zola_file = ["zola.toml", "config.toml"]
        .iter()
        .find(|n| has(n))
        .map(|n| n.to_string());
    let config_toml = has("config.toml")
        .then(|| read_text(root, "config.toml").ok())
        .flatten()
        .and_then(|t| value::from_toml(&t).ok());
    // `config.toml` is both generators' older name: Zola's says `base_url`, Hugo's `baseURL`.
    let config_toml_is_zola = config_toml
        .as_ref()
        .is_some_and(|v| v.get("base_url").is_some() || v.get("default_language").is_some());
    // A dossier site: its config names topics and its languages' pages.
    let is_dossier = config_toml
        .as_ref()
        .is_some_and(|v| v.get("topics").is_some() && v.get("languages").is_some());
    if is_dossier && hugo_file.is_none() && !has("zola.toml") {
        return Err(Error::Usage(format!(
            "{}: a dossier site already (its config.toml has topics): nothing to migrate",
            root.display()
        )));
    }
    let found = match asked {
        Some(Generator::Hugo) => hugo_file
            .or_else(|| has("config.toml").then(|| "config.toml".to_string()))
            .map(|f| (f, Generator::Hugo)),
        Some(Generator::Zola) => zola_file.map(|f| (f, Generator::Zola)),
        None if hugo_file.is_some() => hugo_file.map(|f| (f, Generator::Hugo)),
        None if has("zola.toml") || config_toml_is_zola => zola_file.map(|f| (f, Generator::Zola)),
        None => has("config.toml").then(|| ("config.toml".to_string(), Generator::Hugo)),
    };
    found.ok_or_else(|| {
        Error::Usage(format!(
            "{}: no Hugo or Zola configuration here (hugo.toml, hugo.yaml, config.toml, zola.toml…): give the site's root",
            root.display()
        ))
    })
}

/// A configuration file's values; Hugo's keys lower-cased, as Hugo reads them.
pub(super) fn parse_file(root: &Path, file: &str, generator: Generator) -> Result<Val> {
    let text = read_text(root, file)?;
    let raw = if file.ends_with(".toml") {
        value::from_toml(&text)
    } else {
        value::from_yaml(&text)
    }
    .map_err(|message| Error::Usage(format!("{file}: {message}")))?;
    Ok(match generator {
        Generator::Hugo => raw.lowercase_keys(),
        Generator::Zola => raw,
    })
}

/// Hugo's configuration split into `config/_default/`: the other files of that folder merged
/// under their names (`languages.toml` → `languages`, `menus.en.toml` →
/// `languages.en.menus`, `params.toml` → `params`).
pub(super) fn merge_split(root: &Path, file: &str, mut raw: Val) -> Result<Val> {
    let Some(folder) = file.strip_suffix(file.rsplit('/').next().unwrap_or(file)) else {
        return Ok(raw);
    };
    if folder != "config/_default/" {
        return Ok(raw);
    }
    for other in crate::source::walk(root, "config/_default")? {
        let name = other.rsplit('/').next().unwrap_or(&other);
        let Some((stem, _)) = name.rsplit_once('.') else {
            continue;
        };
        if other == file || stem == "hugo" || stem == "config" || other.matches('/').count() > 2 {
            continue;
        }
        let value = parse_file(root, &other, Generator::Hugo)?;
        let path: Vec<String> = match stem.split_once('.') {
            Some((kind, lang)) => {
                vec!["languages".into(), lang.to_lowercase(), kind.to_lowercase()]
            }
            None => vec![stem.to_lowercase()],
        };
        raw.merge_at(&path, value);
    }
    Ok(raw)
}

pub(super) fn text_at(raw: &Val, path: &str) -> Option<String> {
    raw.at(path)
        .and_then(Val::text)
        .filter(|t| !t.trim().is_empty())
}

pub(super) fn hugo_config(raw: &Val, file: String) -> Config {
    let default = text_at(raw, "defaultcontentlanguage")
        .unwrap_or_else(|| "en".into())
        .to_lowercase();
    let mut languages = Vec::new();
    let mut menus = Vec::new();
    for (code, lang) in raw.get("languages").map(Val::entries).into_iter().flatten() {
        let code = code.to_lowercase();
        languages.push(Lang {
            code: code.clone(),
            name: text_at(lang, "languagename").or_else(|| text_at(lang, "label")),
            title: text_at(lang, "title"),
            description: text_at(lang, "params.description")
                .or_else(|| text_at(lang, "description"))
                .or_else(|| text_at(raw, "params.description")),
            weight: lang.get("weight").and_then(int).unwrap_or(0),
            content_dir: text_at(lang, "contentdir").map(|d| d.trim_matches('/').to_string()),
        });
        menus.extend(hugo_menus(lang, &code));
    }
    if languages.is_empty() {
        languages.push(Lang {
            code: default.clone(),
            name: None,
            title: text_at(raw, "title"),
            description: text_at(raw, "params.description"),
            weight: 0,
            content_dir: None,
        });
    }
    for lang in &mut languages {
        if lang.title.is_none() {
            lang.title = text_at(raw, "title");
        }
    }
    menus.extend(hugo_menus(raw, &default));
    let taxonomies = match raw.get("taxonomies") {
        Some(Val::Map(map)) => map.values().filter_map(Val::text).collect(),
        _ => vec!["categories".into(), "tags".into()],
    };
    let filename_dates = raw
        .at("frontmatter.date")
        .map(Val::texts)
        .is_some_and(|t| t.iter().any(|d| d == ":filename"));
    let mut config = Config {
        generator: Generator::Hugo,
        file,
        base_url: text_at(raw, "baseurl").unwrap_or_default(),
        default,
        languages,
        taxonomies,
        menus,
        filename_dates,
        theme: raw.get("theme").and_then(|t| t.texts().into_iter().next()),
        default_in_subdir: raw
            .get("defaultcontentlanguageinsubdir")
            .is_some_and(Val::is_true),
        ugly_urls: raw.get("uglyurls").is_some_and(Val::is_true),
        permalinks: permalinks(raw),
    };
    order_languages(&mut config);
    config
}

/// Hugo's `permalinks`: section → pattern, in the old form or under `page`.
fn permalinks(raw: &Val) -> Vec<(String, String)> {
    let table = match raw.at("permalinks.page") {
        Some(page @ Val::Map(_)) => page,
        _ => match raw.get("permalinks") {
            Some(table) => table,
            None => return Vec::new(),
        },
    };
    table
        .entries()
        .filter_map(|(section, pattern)| pattern.text().map(|p| (section.clone(), p)))
        .collect()
}

/// A Hugo menu block (`menus.main` or `menu.main`) of the config or of a language.
pub(super) fn hugo_menus(table: &Val, lang: &str) -> Vec<Menu> {
    let block = table.at("menus.main").or_else(|| table.at("menu.main"));
    let Some(Val::List(entries)) = block else {
        return Vec::new();
    };
    entries
        .iter()
        .map(|e| Menu {
            lang: lang.to_string(),
            name: text_at(e, "name").unwrap_or_default(),
            target: text_at(e, "pageref")
                .or_else(|| text_at(e, "url"))
                .unwrap_or_default(),
            weight: e.get("weight").and_then(int).unwrap_or(0),
            identifier: text_at(e, "identifier"),
            parent: text_at(e, "parent"),
        })
        .collect()
}

pub(super) fn int(val: &Val) -> Option<i64> {
    match val {
        Val::Int(n) => Some(*n),
        Val::Str(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub(super) fn zola_config(raw: &Val, file: String) -> Config {
    let default = text_at(raw, "default_language").unwrap_or_else(|| "en".into());
    let mut languages = vec![Lang {
        code: default.clone(),
        name: None,
        title: text_at(raw, "title"),
        description: text_at(raw, "description"),
        weight: 0,
        content_dir: None,
    }];
    for (code, lang) in raw.get("languages").map(Val::entries).into_iter().flatten() {
        if *code == default {
            continue;
        }
        languages.push(Lang {
            code: code.clone(),
            name: None,
            title: text_at(lang, "title").or_else(|| text_at(raw, "title")),
            description: text_at(lang, "description"),
            weight: 1,
            content_dir: None,
        });
    }
    let mut taxonomies: Vec<String> = Vec::new();
    let lists = std::iter::once(raw.get("taxonomies")).chain(
        raw.get("languages")
            .map(Val::entries)
            .into_iter()
            .flatten()
            .map(|(_, l)| l.get("taxonomies")),
    );
    for list in lists.flatten() {
        if let Val::List(items) = list {
            for name in items.iter().filter_map(|t| text_at(t, "name")) {
                if !taxonomies.contains(&name) {
                    taxonomies.push(name);
                }
            }
        }
    }
    let menus = match raw.at("extra.menu") {
        Some(Val::List(entries)) => entries
            .iter()
            .enumerate()
            .map(|(i, e)| Menu {
                lang: default.clone(),
                name: text_at(e, "name").unwrap_or_default(),
                target: text_at(e, "url")
                    .or_else(|| text_at(e, "path"))
                    .unwrap_or_default(),
                weight: i64::try_from(i).unwrap_or(0),
                identifier: None,
                parent: None,
            })
            .collect(),
        _ => Vec::new(),
    };
    Config {
        generator: Generator::Zola,
        file,
        base_url: text_at(raw, "base_url").unwrap_or_default(),
        default,
        languages,
        taxonomies,
        menus,
        filename_dates: true,
        theme: None,
        default_in_subdir: false,
        ugly_urls: false,
        permalinks: Vec::new(),
    }
}

/// The default language first, then the others by weight and code.
pub(super) fn order_languages(config: &mut Config) {
    let default = config.default.clone();
    config
        .languages
        .sort_by_key(|l| (l.code != default, l.weight, l.code.clone()));
}
