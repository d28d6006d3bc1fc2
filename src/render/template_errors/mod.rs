//! Template errors a designer can act on: file, line and column of the cause, names and the
//! nearest known one, in the format of every other error.
//!
//! Tera reports a tag left open where its parser gives up (an `{% if %}` left open on line 8
//! is "Unknown tag" at the `{% endblock %}` of line 25), so every template's block structure
//! is scanned first ([`structure`]): an open tag never closed, an end tag that closes another
//! kind, a tag Tera does not know, each at the tag that causes it. Tera's own messages are
//! then rewritten with their column and a suggestion ([`diagnostic`]).

mod structure;

use std::sync::LazyLock;

use tera::ErrorKind;

use crate::error::{Diagnostic, suggestion};

pub use structure::{Problem, structure};

/// Tera's built-in filters (a test checks that Tera knows each).
pub const FILTERS: &[&str] = &[
    "safe",
    "default",
    "upper",
    "lower",
    "wordcount",
    "escape",
    "escape_html",
    "escape_xml",
    "newlines_to_br",
    "pluralize",
    "trim",
    "trim_start",
    "trim_end",
    "replace",
    "capitalize",
    "title",
    "truncate",
    "indent",
    "str",
    "int",
    "float",
    "length",
    "reverse",
    "split",
    "abs",
    "round",
    "first",
    "last",
    "nth",
    "join",
    "sort",
    "unique",
    "get",
    "values",
    "keys",
    "pairs",
    "group_by",
];

/// Tera's built-in tests (`is …`).
pub const TESTS: &[&str] = &[
    "string",
    "number",
    "map",
    "bool",
    "array",
    "integer",
    "float",
    "none",
    "iterable",
    "defined",
    "undefined",
    "odd",
    "even",
    "divisible_by",
    "starting_with",
    "ending_with",
    "containing",
];

/// Tera's built-in functions.
pub const FUNCTIONS: &[&str] = &["range", "throw", "super"];

/// Tera's reports joined in one message: `error: <message>\n --> <file>:<line>:<column>`.
static REPORT: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"error: ([^\n]+)\n\s*--> ([^\n:]+):(\d+):(\d+)").expect("valid")
});

/// Tera's error as one diagnostic (the first, when it holds several): see [`diagnostics`].
pub fn diagnostic(error: &tera::Error) -> Diagnostic {
    diagnostics(error)
        .into_iter()
        .next()
        .unwrap_or_else(|| Diagnostic::file("templates", error.to_string()))
}

/// Tera's error as diagnostics: `templates/<name>:<line>:<column>: message`, with the nearest
/// known name for an unknown variable, field, filter, test or function.
pub fn diagnostics(error: &tera::Error) -> Vec<Diagnostic> {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let file = if report.filename().is_empty() {
                "templates".to_string()
            } else {
                format!("templates/{}", report.filename())
            };
            let span = report.span();
            vec![
                Diagnostic::at(file, span.start_line, explain(report.message()))
                    .with_column(span.start_col + 1),
            ]
        }
        _ => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            let reports: Vec<Diagnostic> = REPORT
                .captures_iter(&message)
                .map(|c| {
                    let number = |i: usize| c[i].parse::<usize>().unwrap_or(1);
                    Diagnostic::at(format!("templates/{}", &c[2]), number(3), explain(&c[1]))
                        .with_column(number(4))
                })
                .collect();
            if reports.is_empty() {
                vec![Diagnostic::file("templates", lowercase_first(&message))]
            } else {
                reports
            }
        }
    }
}

/// Tera's message in our words: a name unknown, with the nearest known one.
fn explain(message: &str) -> String {
    let name_in = |rest: &str| rest.split('`').nth(1).map(str::to_string);
    for (prefix, what, known) in [
        ("Unknown filter", "filter", FILTERS),
        ("Unknown test", "test", TESTS),
        ("Unknown function", "function", FUNCTIONS),
    ] {
        if let Some(name) = message.strip_prefix(prefix).and_then(name_in) {
            let guess = suggestion(&name, known.iter().copied(), "`");
            return format!(
                "unknown {what} `{name}` ({guess}known: {})",
                known.join(", ")
            );
        }
    }
    if let Some(name) = message.strip_prefix("Unknown template").and_then(name_in) {
        return format!(
            "unknown template `{name}` ({})",
            super::templates::known_names(&name)
        );
    }
    // "Variable `x` is not defined. Available variables: a, b"; the same for fields.
    for (prefix, what) in [("Variable", "variable"), ("Field", "field")] {
        let Some(rest) = message.strip_prefix(prefix) else {
            continue;
        };
        let (Some(name), Some((_, list))) = (name_in(rest), rest.split_once(": ")) else {
            continue;
        };
        if !rest.contains("is not defined") {
            continue;
        }
        let known: Vec<&str> = list.split(", ").map(str::trim).collect();
        let guess = suggestion(&name, known.iter().copied(), "`");
        return format!(
            "unknown {what} `{name}` ({guess}known here: {})",
            known.join(", ")
        );
    }
    lowercase_first(message)
}

fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_filter_test_and_function_named_is_one_tera_knows() {
        for filter in FILTERS {
            let mut tera = tera::Tera::new();
            tera.add_raw_template("t", &format!("{{{{ x | {filter} }}}}"))
                .unwrap_or_else(|e| panic!("{filter}: {e}"));
        }
        for test in TESTS {
            let mut tera = tera::Tera::new();
            tera.add_raw_template("t", &format!("{{% if x is {test} %}}{{% endif %}}"))
                .unwrap_or_else(|e| panic!("{test}: {e}"));
        }
        let mut tera = tera::Tera::new();
        tera.add_raw_template("t", "{{ range(end=2) }}{{ throw(message='x') }}")
            .expect("known functions");
        let mut tera = tera::Tera::new();
        let error = tera
            .add_raw_template("t", "{{ x | upcase }}")
            .expect_err("unknown");
        assert_eq!(
            diagnostic(&error).to_string(),
            format!(
                "templates/t:1:8: unknown filter `upcase` (known: {})",
                FILTERS.join(", ")
            )
        );
    }

    #[test]
    fn variables_get_the_nearest_name() {
        assert_eq!(
            explain(
                "Variable `articel` is not defined. Available variables: alternates, article, title"
            ),
            "unknown variable `articel` (did you mean `article`? known here: alternates, article, title)"
        );
    }
}
