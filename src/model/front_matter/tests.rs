use super::*;

fn read(text: &str) -> Result<FrontMatter, Vec<LineError>> {
    let split = split(text).map_err(|e| vec![e])?;
    super::read(split.format, split.front_matter, split.front_matter_line)
}

fn messages(text: &str) -> Vec<(usize, String)> {
    read(text)
        .unwrap_err()
        .into_iter()
        .map(|e| (e.line, e.message))
        .collect()
}

#[test]
fn splits_front_matter_and_body() {
    let text = "+++\ntitle = \"T\"\n+++\n\nBody\n";
    let split = split(text).unwrap();
    assert_eq!(split.format, Format::Toml);
    assert_eq!(split.front_matter, "title = \"T\"\n");
    assert_eq!(split.front_matter_line, 2);
    assert_eq!(split.body, "\nBody\n");
    assert_eq!(split.body_line, 4);
}

#[test]
fn reports_unclosed_and_missing_front_matter() {
    assert_eq!(split("+++\ntitle = \"T\"\n").unwrap_err().line, 1);
    assert!(
        split("---\ntitle: T\n")
            .unwrap_err()
            .message
            .contains("`---`")
    );
    assert!(
        split("{\"title\": \"T\"\n")
            .unwrap_err()
            .message
            .contains("JSON")
    );
    assert!(
        split("title = \"T\"\n")
            .unwrap_err()
            .message
            .contains("expected `+++`")
    );
    assert!(split("").unwrap_err().message.contains("empty"));
}

#[test]
fn accepts_a_closing_line_at_end_of_file() {
    let split = split("+++\ntitle = \"T\"\n+++").unwrap();
    assert_eq!(split.body, "");
}

#[test]
fn a_json_front_matter_ends_where_its_object_closes() {
    let text = "{\n  \"title\": \"a } in {text\",\n  \"source\": {\"name\": \"N\"}\n}\nBody\n";
    let split = split(text).unwrap();
    assert_eq!(split.format, Format::Json);
    assert_eq!(split.body, "Body\n");
    assert_eq!(split.body_line, 5);
    let one_line = super::split("{\"title\": \"T\"}\n\nBody").unwrap();
    assert_eq!((one_line.body, one_line.body_line), ("\nBody", 2));
    assert_eq!(
        super::split("{\"title\": \"T\"} Body").unwrap_err().message,
        "the JSON front matter must end with `}` alone on its line"
    );
}

/// The same front matter in the three formats reads the same, lines included.
#[test]
fn the_three_formats_read_alike() {
    let toml = "+++\ntitle = \"Été\"\ndate = 2019-08-05\ntopics = [\"a\", \"b\"]\nsource = { name = \"N\", url = \"https://x.org\" }\ndraft = true\n+++\nBody";
    let yaml = "---\ntitle: Été\ndate: 2019-08-05\ntopics:\n  - a\n  - b\nsource: {name: N, url: \"https://x.org\"}\ndraft: true\n---\nBody";
    let json = "{\n\"title\": \"Été\",\n\"date\": \"2019-08-05\",\n\"topics\": [\"a\", \"b\"],\n\"source\": {\"name\": \"N\", \"url\": \"https://x.org\"},\n\"draft\": true\n}\nBody";
    for text in [toml, yaml, json] {
        let matter = read(text).unwrap();
        assert_eq!(matter.title.value, "Été", "{text}");
        assert_eq!(matter.title.line, 2, "{text}");
        assert_eq!(matter.date.unwrap().value.iso(), "2019-08-05");
        let topics = matter.topics.unwrap();
        assert_eq!(topics.line, 4);
        let names: Vec<&str> = topics.value.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        let sources = matter.sources.unwrap();
        assert_eq!(sources.value[0].value.url.as_deref(), Some("https://x.org"));
        assert!(matter.draft);
    }
}

#[test]
fn error_lines_are_file_lines() {
    let errors = messages("+++\ntitle = \"T\"\ndate = 2019-08-05\ntitel = \"x\"\n+++\n");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].0, 4);
    assert!(
        errors[0].1.contains("did you mean `title`"),
        "{}",
        errors[0].1
    );
    let errors = messages("---\ntitle: T\n\ndate: [1]\n---\n");
    assert_eq!(errors[0].0, 4);
}

#[test]
fn every_field_error_of_a_file_is_reported() {
    let errors = messages("---\ndate: 5 août 2019\ntopics: 3\nsumary: x\n---\n");
    let lines: Vec<usize> = errors.iter().map(|e| e.0).collect();
    assert_eq!(lines, [2, 2, 3, 4], "{errors:?}");
    assert!(
        errors[1]
            .1
            .contains("`date` is the text \"5 août 2019\", not a date: write it as 2019-08-05"),
        "{errors:?}"
    );
    assert!(errors[0].1.contains("missing required field `title`"));
}

#[test]
fn dates_may_be_text_with_a_time_and_offset() {
    for date in [
        "\"2019-08-05\"",
        "2019-08-05T09:30:00+02:00",
        "\"2019-08-05 09:30:00Z\"",
    ] {
        let matter = read(&format!("+++\ntitle = \"T\"\ndate = {date}\n+++\n")).unwrap();
        assert_eq!(matter.date.unwrap().value.iso(), "2019-08-05", "{date}");
    }
    let matter = read("---\ntitle: T\ndate: 2019-08-05T09:30:00+02:00\n---\n").unwrap();
    assert_eq!(matter.date.unwrap().value.iso(), "2019-08-05");
}

#[test]
fn syntax_errors_name_their_line_and_format() {
    let errors = messages("---\ntitle: T\ntopics: [a\n---\n");
    assert!(errors[0].1.starts_with("invalid YAML"), "{errors:?}");
    let errors = messages("{\n\"title\": \"T\",\n}\n");
    assert_eq!(errors[0].0, 3, "{errors:?}");
    assert!(errors[0].1.starts_with("invalid JSON: "), "{errors:?}");
    let errors = messages("---\ntitle: T\ntitle: U\n---\n");
    assert!(errors[0].1.contains("duplicate"), "{errors:?}");
}

#[test]
fn yaml_reads_numbers_as_titles_and_empty_values_as_none() {
    let matter = read("---\ntitle: 1984\nsummary:\n---\n").unwrap();
    assert_eq!(matter.title.value, "1984");
    assert_eq!(matter.summary, None);
    assert!(read("---\n---\n").unwrap_err()[0].message.contains("title"));
}

/// `sources` as a list of tables in the three formats, and `authors` with names by language:
/// the same values and lines whatever the format.
#[test]
fn sources_and_authors_read_alike_in_every_format() {
    let toml = "+++\ntitle = \"T\"\nauthors = [\"Ann\", { fr = \"La rédaction\", en = \"The editors\" }]\n[[sources]]\nname = \"BBC\"\nkind = \"press\"\ndate = 2019-08-05\n[[sources]]\nname = \"UN\"\ntitle = \"Report\"\nkind = \"report\"\n+++\nBody";
    let yaml = "---\ntitle: T\nauthors:\n  - Ann\n  - {fr: La rédaction, en: The editors}\nsources:\n  - name: BBC\n    kind: press\n    date: 2019-08-05\n  - name: UN\n    title: Report\n    kind: report\n---\nBody";
    let json = "{\n\"title\": \"T\",\n\"authors\": [\"Ann\", {\"fr\": \"La rédaction\", \"en\": \"The editors\"}],\n\"sources\": [{\"name\": \"BBC\", \"kind\": \"press\", \"date\": \"2019-08-05\"},\n{\"name\": \"UN\", \"title\": \"Report\", \"kind\": \"report\"}]\n}\nBody";
    for text in [toml, yaml, json] {
        let matter = read(text).unwrap();
        let sources: Vec<_> = matter
            .sources
            .unwrap()
            .value
            .into_iter()
            .map(|s| s.value)
            .collect();
        assert_eq!(sources.len(), 2, "{text}");
        assert_eq!(sources[0].name, "BBC");
        assert_eq!(
            sources[0].kind,
            Some(crate::model::credits::SourceKind::Press)
        );
        assert_eq!(sources[0].date.unwrap().iso(), "2019-08-05");
        assert_eq!(sources[1].title.as_deref(), Some("Report"));
        let authors = matter.authors.unwrap();
        assert_eq!(authors.line, 3, "{text}");
        assert_eq!(authors.value[0].value.name.as_deref(), Some("Ann"));
        assert_eq!(
            authors.value[1].value.names,
            [
                ("fr".to_string(), "La rédaction".to_string()),
                ("en".to_string(), "The editors".to_string())
            ]
        );
    }
}

/// Each mistake in the credit fields is named with its place in the list and its line.
#[test]
fn credit_mistakes_name_the_entry() {
    let cases = [
        (
            "sources = [{ title = \"x\" }]",
            "`sources[1]` needs a `name`",
        ),
        (
            "sources = [{ name = \"a\" }, { name = \"b\", kind = \"pres\" }]",
            "`sources[2].kind` is \"pres\", which is not a kind of source; did you mean \"press\"?",
        ),
        (
            "sources = [{ name = \"a\", link = \"x\" }]",
            "unknown field `sources[1].link`",
        ),
        ("sources = \"BBC\"", "`sources` must be a table such as"),
        (
            "source = { name = \"a\" }\nsources = [{ name = \"b\" }]",
            "`sources` repeats `source`",
        ),
        ("authors = [\"\"]", "`authors[1]` has an empty name"),
        (
            "authors = [\"a\", true]",
            "`authors[2]` must be a name in quotes",
        ),
    ];
    for (field, expected) in cases {
        let text = format!("+++\ntitle = \"T\"\n{field}\n+++\nBody");
        let errors = read(&text).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains(expected) && e.line >= 3),
            "{field}: {errors:?}"
        );
    }
}
