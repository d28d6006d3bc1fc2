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
        assert_eq!(
            matter.source.unwrap().value.url.as_deref(),
            Some("https://x.org")
        );
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
