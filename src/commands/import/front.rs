//! The front matter of an imported draft, written field by field with TOML comments that
//! explain each suggestion, and the small texts it is made of.

/// The front matter being written: fields and comments, in order.
#[derive(Default)]
pub(super) struct Front {
    pub(super) text: String,
}

impl Front {
    pub(super) fn field(&mut self, key: &str, value: &str) {
        self.text.push_str(&format!("{key} = {value}\n"));
    }

    pub(super) fn comment(&mut self, text: &str) {
        self.text.push_str("# ");
        self.text.push_str(text);
        self.text.push('\n');
    }
}

pub(super) fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

pub(super) fn file_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// ` (a, b, c, …)`, or nothing for an empty list.
pub(super) fn listed(items: &[String], most: usize) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut shown: Vec<&str> = items.iter().take(most).map(String::as_str).collect();
    if items.len() > most {
        shown.push("…");
    }
    format!(" ({})", shown.join(", "))
}

/// At most `most` characters, cut at a word with `…`.
pub(super) fn shorten(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_string();
    }
    let cut: String = text.chars().take(most).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > most / 2 => &cut[..space],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}
