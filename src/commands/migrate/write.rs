//! The new site's text: `config.toml` (made from the starter's, with the source's languages,
//! titles, base URL and topics), and each page's file: a TOML front matter with the fields
//! dossier reads, the others kept as comments, and the body with its shortcodes and links
//! converted. Pure.

use super::links;
use super::plan::{DATE_FIELDS, Member, Plan, UPDATED_FIELDS, date_of, date_value, read_date};
use super::report::Report;
use super::shortcodes::{self, Context};
use super::site::{Generator, Page, SourceSite};
use super::value::{Val, key, quoted};

/// The front-matter fields the migration reads; every other one is kept as a comment, and so
/// are the date fields it did not take the date from. (Besides: the topics' taxonomy, the
/// field the summary came from, `params.source`.)
const READ: &[&str] = &[
    "title",
    "summary",
    "slug",
    "url",
    "path",
    "aliases",
    "translationkey",
    "draft",
    "menus",
    "menu",
];

/// The starter's config, whose languages' settings and UI strings the new site starts from.
fn starter_config() -> &'static str {
    crate::commands::init::STARTER
        .iter()
        .find(|(path, _)| *path == "config.toml")
        .map_or("", |(_, text)| text)
}

/// The sections of a TOML text by their header (`[languages.fr]`), the text before the first
/// under "".
fn sections(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![(String::new(), String::new())];
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') && !trimmed.starts_with("[[") && trimmed.ends_with(']') {
            out.push((trimmed.trim_matches(['[', ']']).to_string(), String::new()));
        }
        let last = out.last_mut().expect("one section");
        last.1.push_str(line);
        last.1.push('\n');
    }
    out
}

/// The new `config.toml`.
pub(super) fn config(site: &SourceSite, plan: &Plan, report: &mut Report) -> String {
    let starter = sections(starter_config());
    let source = &site.config;
    let mut text = format!(
        "# Made by `dossier migrate` from a {} site ({}). The languages' settings and UI strings\n# come from `dossier init`'s; every string a reader sees is in each language.\n\n",
        source.generator.name(),
        source.file
    );
    let base_url = if source.base_url.is_empty() {
        "https://example.org/".to_string()
    } else if source.base_url.ends_with('/') {
        source.base_url.clone()
    } else {
        format!("{}/", source.base_url)
    };
    text.push_str(&format!("base_url = {}\n", quoted(&base_url)));
    text.push_str(&format!(
        "default_language = {}\n\n",
        quoted(&plan.languages[0])
    ));
    text.push_str("[markdown]\n# The conversions of shortcodes write HTML.\nallow_raw_html = true\nhighlight_theme = \"InspiredGitHub\"\nhighlight_theme_dark = \"base16-ocean.dark\"\n\n");
    for code in &plan.languages {
        text.push_str(&language_block(site, &starter, code, report));
    }
    text.push_str(&topic_blocks(plan, report));
    text.push_str(&string_blocks(site, plan, &starter));
    text.trim_end().to_string() + "\n"
}

/// A language's table: the starter's settings for it (English ones, said, for a language the
/// starter lacks), with the source's title and description.
fn language_block(
    site: &SourceSite,
    starter: &[(String, String)],
    code: &str,
    report: &mut Report,
) -> String {
    let source = &site.config;
    let lang = source.languages.iter().find(|l| l.code == *code);
    let ours = starter
        .iter()
        .find(|(name, _)| *name == format!("languages.{code}"));
    let english = starter
        .iter()
        .find(|(name, _)| name == "languages.en")
        .map(|(_, block)| block.as_str());
    let settings = match (ours, english) {
        (Some((_, block)), _) => block.clone(),
        (None, Some(english)) => {
            report.note(format!(
                "language {code}: dossier has no UI strings and month names in it: they are English (and the default language's) until you write [strings.{code}] and `months` in config.toml"
            ));
            english
                .replace("[languages.en]", &format!("[languages.{code}]"))
                .replace(
                    "name = \"English\"",
                    &format!(
                        "name = {}",
                        quoted(lang.and_then(|l| l.name.as_deref()).unwrap_or(code))
                    ),
                )
        }
        (None, None) => format!("[languages.{code}]\n"),
    };
    let mut block = settings
        .lines()
        .filter(|l| {
            !l.starts_with("title =") && !l.starts_with("description =") && !l.starts_with('#')
        })
        .map(|l| format!("{l}\n"))
        .collect::<String>();
    let title = lang
        .and_then(|l| l.title.clone())
        .unwrap_or_else(|| code.to_string());
    let description = lang
        .and_then(|l| l.description.clone())
        .unwrap_or_else(|| title.clone());
    block = block.trim_end().to_string();
    block.push_str(&format!(
        "\ntitle = {}\ndescription = {}\n\n",
        quoted(&title),
        quoted(&description.split_whitespace().collect::<Vec<_>>().join(" "))
    ));
    block
}

/// The topics' tables, a name and a description in each language.
fn topic_blocks(plan: &Plan, report: &mut Report) -> String {
    let mut text = String::new();
    for topic in &plan.topics {
        for (l, code) in plan.languages.iter().enumerate() {
            text.push_str(&format!(
                "[topics.{}.{code}]\nname = {}\n",
                key(&topic.key),
                quoted(&topic.names[l])
            ));
            let description = match &topic.descriptions[l] {
                Some(description) => description.clone(),
                None => {
                    report.note(format!(
                        "topic {} has no description in {code}: its name stands for one; write it in config.toml",
                        topic.key
                    ));
                    topic.names[l].clone()
                }
            };
            text.push_str(&format!("description = {}\n", quoted(&description)));
        }
        text.push('\n');
    }
    text
}

/// Each kept language's UI strings, the starter's, and the badges of the other languages.
fn string_blocks(site: &SourceSite, plan: &Plan, starter: &[(String, String)]) -> String {
    let source = &site.config;
    let mut text = String::new();
    // Each language's badge for an article only in another: the starter has French's and
    // English's; the others' are made from their names.
    let others: Vec<(String, String)> = plan
        .languages
        .iter()
        .filter(|c| !starter.iter().any(|(n, _)| *n == format!("strings.{c}")))
        .map(|c| {
            let name = source
                .languages
                .iter()
                .find(|l| l.code == *c)
                .and_then(|l| l.name.clone())
                .unwrap_or_else(|| c.clone());
            (c.clone(), name)
        })
        .collect();
    for code in &plan.languages {
        if let Some((_, block)) = starter
            .iter()
            .find(|(name, _)| *name == format!("strings.{code}"))
        {
            text.push_str(block.trim_end());
            text.push('\n');
            for (other, name) in &others {
                let badge = if code == "fr" {
                    format!("Article en {name} uniquement")
                } else {
                    format!("{name} only")
                };
                text.push_str(&format!("only_{other} = {}\n", quoted(&badge)));
            }
            text.push('\n');
        }
    }
    text
}

/// A member's new file: front matter and converted body.
pub(super) fn page(site: &SourceSite, plan: &Plan, member: &Member, report: &mut Report) -> String {
    let page = &site.pages[member.page];
    let mut fields: Vec<(String, String)> = Vec::new();
    fields.push(("title".into(), quoted(&title_of(page, member, report))));
    let dates_read = dates(site, page, member, &mut fields, report);
    if !member.topics.is_empty() {
        let topics: Vec<String> = member.topics.iter().map(|t| quoted(t)).collect();
        fields.push(("topics".into(), format!("[{}]", topics.join(", "))));
    }
    let summary_field = ["summary", "description"].iter().find(|f| {
        page.field(f)
            .and_then(Val::text)
            .is_some_and(|t| !t.trim().is_empty())
    });
    if let Some(field) = summary_field {
        let text = page.field(field).and_then(Val::text).unwrap_or_default();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        fields.push(("summary".into(), quoted(&text)));
    }
    let (source, source_at) = source_of(site, page);
    if let Some(source) = &source {
        fields.push(("source".into(), source.clone()));
    }
    let (authors, authors_at) = authors_of(site, page);
    if let Some(authors) = &authors {
        fields.push(("authors".into(), authors.clone()));
    }
    let consumed: Vec<&str> = source_at.into_iter().chain(authors_at).collect();
    if let Some(key) = &member.key {
        fields.push(("translation_key".into(), quoted(key)));
    }
    if member.write_slug {
        fields.push(("slug".into(), quoted(&member.slug)));
    }
    if member.is_page {
        fields.push(("kind".into(), quoted("page")));
    }
    if let Some(nav) = member.nav {
        fields.push(("nav".into(), nav.to_string()));
    }
    if page.field("draft").is_some_and(Val::is_true) {
        fields.push(("draft".into(), "true".into()));
        report.at(
            &page.file,
            1,
            "a draft: kept as one (`dossier serve --drafts` shows it)",
        );
    }
    if !member.aliases.is_empty() {
        let aliases: Vec<String> = member.aliases.iter().map(|a| quoted(a)).collect();
        fields.push(("aliases".into(), format!("[{}]", aliases.join(", "))));
    }
    let comments = kept_as_comments(
        page,
        &dates_read,
        summary_field.copied(),
        &consumed,
        plan.taxonomy.as_ref(),
        report,
    );
    let mut text = String::from("+++\n");
    for (name, value) in &fields {
        text.push_str(&format!("{name} = {value}\n"));
    }
    if !comments.is_empty() {
        text.push_str(&format!(
            "# Kept from the {} front matter; dossier does not read these:\n",
            site.config.generator.name()
        ));
        for line in &comments {
            text.push_str(&format!("# {line}\n"));
        }
    }
    text.push_str("+++\n");
    let body = body(site, plan, member, report);
    if !body.trim().is_empty() {
        text.push('\n');
        text.push_str(body.trim_start_matches('\n'));
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    text
}

/// The title, or one made from the slug (said).
fn title_of(page: &Page, member: &Member, report: &mut Report) -> String {
    page.field("title")
        .and_then(Val::text)
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| {
            report.at(&page.file, 1, "no title: named after its file");
            let name = member.slug.replace('-', " ");
            let mut chars = name.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
}

/// `date` and `updated` pushed to `fields`; the fields they were read from. Any other that
/// looks like a date is kept as a comment, and one that does not read as a date is said.
fn dates(
    site: &SourceSite,
    page: &Page,
    member: &Member,
    fields: &mut Vec<(String, String)>,
    report: &mut Report,
) -> Vec<&'static str> {
    if let Some(date) = &member.date {
        fields.push(("date".into(), date.toml()));
    }
    let updated = read_date(page, UPDATED_FIELDS);
    if let Some((updated, _)) = &updated {
        fields.push(("updated".into(), updated.toml()));
    }
    let mut read: Vec<&'static str> = updated.iter().map(|(_, f)| *f).collect();
    read.extend(date_of(site, page).and_then(|(_, field)| field));
    for field in DATE_FIELDS.iter().chain(UPDATED_FIELDS) {
        if let Some(val) = page.field(field) {
            if date_value(val).is_none() {
                report.at(
                    &page.file,
                    1,
                    format!(
                        "{field} {} is not a date dossier reads (YYYY-MM-DD, or RFC 3339): kept as a comment",
                        val.toml()
                    ),
                );
            }
        }
    }
    read
}

/// The authors (`authors` or `author`, at the top or in Hugo's `params` or Zola's `extra`) as
/// dossier's list of names, and where they were read.
fn authors_of(site: &SourceSite, page: &Page) -> (Option<String>, Option<&'static str>) {
    let places: &[&'static str] = match site.config.generator {
        Generator::Hugo => &["authors", "author", "params.authors", "params.author"],
        Generator::Zola => &["authors", "author", "extra.authors", "extra.author"],
    };
    for place in places {
        let names: Vec<String> = match page.front.at(place) {
            Some(Val::Str(name)) => vec![name.clone()],
            Some(Val::List(items)) => items.iter().filter_map(Val::text).collect(),
            _ => continue,
        };
        let names: Vec<String> = names
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .map(quoted)
            .collect();
        if !names.is_empty() {
            return (Some(format!("[{}]", names.join(", "))), Some(place));
        }
    }
    (None, None)
}

/// The source (`params.source` in Hugo, `extra.source` in Zola, or `source`) as dossier's
/// inline table, and where it was read.
fn source_of(site: &SourceSite, page: &Page) -> (Option<String>, Option<&'static str>) {
    let places: &[&'static str] = match site.config.generator {
        Generator::Hugo => &["params.source", "source"],
        Generator::Zola => &["extra.source", "source"],
    };
    for place in places {
        let Some(val) = page.front.at(place) else {
            continue;
        };
        let (name, url) = match val {
            Val::Str(name) => (Some(name.clone()), None),
            Val::Map(_) => (
                val.get("name").and_then(Val::text),
                val.get("url").and_then(Val::text),
            ),
            _ => (None, None),
        };
        let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
            continue;
        };
        let url = url.filter(|u| u.starts_with("https://") || u.starts_with("http://"));
        let table = match url {
            Some(url) => format!("{{ name = {}, url = {} }}", quoted(&name), quoted(&url)),
            None => format!("{{ name = {} }}", quoted(&name)),
        };
        return (Some(table), Some(place));
    }
    (None, None)
}

/// The front-matter fields dossier does not read, each as `name = value` (TOML).
fn kept_as_comments(
    page: &Page,
    dates_read: &[&str],
    summary_field: Option<&str>,
    consumed: &[&str],
    taxonomy: Option<&String>,
    report: &mut Report,
) -> Vec<String> {
    let mut lines = Vec::new();
    for (name, val) in page.front.entries() {
        let read = READ.contains(&name.as_str())
            || dates_read.contains(&name.as_str())
            || Some(name.as_str()) == summary_field
            || Some(name) == taxonomy;
        if read {
            continue;
        }
        let mut val = val.clone();
        // Zola's `[taxonomies]`: the topics' one is read, the others kept.
        if let (Val::Map(map), Some(taxonomy), true) = (&mut val, taxonomy, name == "taxonomies") {
            map.shift_remove(taxonomy);
            if map.is_empty() {
                continue;
            }
        }
        // The source or authors read from inside a table: the rest of the table is kept.
        let mut emptied = false;
        for place in consumed {
            if let (Some(inner), Val::Map(map)) =
                (place.strip_prefix(&format!("{name}.")), &mut val)
            {
                map.shift_remove(inner);
                emptied |= map.is_empty();
            }
        }
        if emptied || consumed.contains(&name.as_str()) {
            continue;
        }
        *report.kept_fields.entry(name.clone()).or_default() += 1;
        lines.push(format!("{} = {}", key(name), val.toml()));
    }
    lines
}

/// The body: shortcodes, then links converted; what could not be, reported at its line.
fn body(site: &SourceSite, plan: &Plan, member: &Member, report: &mut Report) -> String {
    let page = &site.pages[member.page];
    let resolve = |target: &str, lang: Option<&str>| {
        let fragment = target.split_once('#').map(|(_, f)| f);
        links::target(site, plan, member, target, lang)
            .map(|m| links::relative_link(&member.path, &plan.members[m].path, fragment))
    };
    let content_link = |path: &str| {
        // A path from `content/` (Zola's `resize_image`), or from `static/`: from the new file,
        // where the bundle's files are now; a static file from the site's root.
        let file = path.rsplit('/').next().unwrap_or(path);
        let in_content = site
            .content_files
            .iter()
            .any(|f| f == &format!("content/{path}"));
        match &member.bundle {
            Some(bundle) if format!("{bundle}/{file}").ends_with(path) => file.to_string(),
            _ if !in_content
                && site
                    .copies
                    .iter()
                    .any(|(_, to)| *to == format!("static/{path}")) =>
            {
                format!("/{path}")
            }
            _ => links::relative_link(&member.path, &format!("content/{path}"), None),
        }
    };
    let converted = shortcodes::convert(
        &page.body,
        &Context {
            generator: site.config.generator,
            templates: &site.shortcodes,
            resolve: &resolve,
            content_link: &content_link,
        },
    );
    let line_of = |offset: usize| {
        page.body_line
            + page.body[..offset.min(page.body.len())]
                .matches('\n')
                .count()
    };
    report.shortcodes_converted += converted.converted;
    report.shortcodes_left += converted.left.len();
    for (offset, message) in converted.left.iter().chain(&converted.notes) {
        report.at(&page.file, line_of(*offset), message.clone());
    }
    let (text, notes) = links::rewrite(&converted.text, site, plan, member);
    for (_, message) in notes {
        // The link's line in the source, where its text is first met.
        let link = message
            .strip_prefix("link to ")
            .and_then(|m| m.split(':').next())
            .unwrap_or("");
        let offset = page.body.find(link).unwrap_or(0);
        report.at(&page.file, line_of(offset), message);
    }
    text
}
