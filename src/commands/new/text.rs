//! The text of the new file: its front matter in the site's usual format, with comments that
//! say what to do next.

use super::plan::Plan;
use crate::config::Config;
use crate::model::SourceFile;
use crate::model::front_matter::{self, Format};
use crate::text::date::Date;
use crate::text::quoted;

/// The front-matter format most of the site's articles use (TOML when none).
pub(super) fn usual_format(articles: &[SourceFile]) -> Format {
    let mut counts = [0usize; 3];
    for article in articles {
        if let Ok(split) = front_matter::split(&article.text) {
            counts[match split.format {
                Format::Toml => 0,
                Format::Yaml => 1,
                Format::Json => 2,
            }] += 1;
        }
    }
    match counts
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, usize::MAX - i))
    {
        Some((1, n)) if *n > 0 => Format::Yaml,
        Some((2, n)) if *n > 0 => Format::Json,
        _ => Format::Toml,
    }
}

/// The new file's text: its front matter, with comments that say what to do next.
pub(super) fn front_matter_text(plan: &Plan, config: &Config, format: Format) -> String {
    let today = Date::today().iso();
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut comments: Vec<String> = Vec::new();
    fields.push(("title".into(), quoted(&plan.title)));
    match &plan.translates {
        Some(t) => {
            let name = t.file.rsplit('/').next().unwrap_or(&t.file);
            comments.push(format!(
                "Translates {name}: the date, topics and source come from it. Translate the title{} and the text.",
                if t.summary.is_some() { ", the summary" } else { "" }
            ));
            if let Some(summary) = &t.summary {
                fields.push(("summary".into(), quoted(summary)));
            }
            if let Some(key) = &t.key {
                fields.push(("translation_key".into(), quoted(key)));
            }
        }
        None => {
            fields.push(("date".into(), today));
            let topic = plan.topic.map_or("", |t| config.topics[t].key.as_str());
            fields.push(("topics".into(), format!("[{}]", quoted(topic))));
        }
    }
    fields.push(("draft".into(), "true".into()));
    let finish = match &plan.translates {
        Some(_) => format!(
            "When it is translated: delete `draft`, then `dossier status --mark-translated {}`.",
            plan.path
        ),
        None => "Delete `draft` to publish it.".to_string(),
    };
    comments.push(finish);
    match format {
        Format::Json => {
            let body: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("  \"{k}\": {v}"))
                .collect();
            format!("{{\n{}\n}}\n\n", body.join(",\n"))
        }
        Format::Toml | Format::Yaml => {
            let (fence, separator) = if format == Format::Toml {
                ("+++", " = ")
            } else {
                ("---", ": ")
            };
            let mut text = format!("{fence}\n");
            for (key, value) in &fields {
                text.push_str(&format!("{key}{separator}{value}\n"));
            }
            for comment in &comments {
                text.push_str(&format!("# {comment}\n"));
            }
            text.push_str(&format!("{fence}\n\n"));
            text
        }
    }
}
