//! Every input error of SPEC §2: exit status 1, a message naming file and line (snapshot),
//! and the previous output left byte-identical.

use crate::support::{Site, tree};

/// Builds the fixture once, breaks it with `change`, builds again: returns stderr after
/// checking the exit status and that the first build's output is untouched.
fn failing_build(change: impl FnOnce(&Site)) -> String {
    let site = Site::fixture("basic");
    let before = tree(&site.build_ok());
    change(&site);
    let output = site.build(&[]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        tree(&site.public()) == before,
        "the previous output changed after a failed build"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

const ARTICLE: &str = "content/cybercrime/lazarus.fr.md";

fn article(front_matter: &str) -> String {
    format!("+++\n{front_matter}\n+++\n\nTexte.\n")
}

macro_rules! error_case {
    ($name:ident, |$site:ident| $change:block) => {
        #[test]
        fn $name() {
            let stderr = failing_build(|$site: &Site| $change);
            insta::assert_snapshot!(stderr);
        }
    };
}

error_case!(unknown_field_suggests_a_name, |site| {
    site.write(
        ARTICLE,
        article("title = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\nsumary = \"x\""),
    );
});

error_case!(unknown_topic, |site| {
    site.write(ARTICLE, article("title = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\", \"weather\", \"sanction\"]"));
});

error_case!(unknown_language_suffix, |site| {
    site.write(
        "content/cybercrime/lazarus.de.md",
        article("title = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]"),
    );
});

error_case!(missing_language_suffix, |site| {
    site.write(
        "content/cybercrime/notes.md",
        article("title = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]"),
    );
});

error_case!(two_files_claim_one_language_of_a_translation, |site| {
    site.write(
        "content/diplomacy/autre-sommet.fr.md",
        article("title = \"T\"\ndate = 2025-01-01\ntopics = [\"diplomacy\"]\ntranslation_key = \"hanoi-summit\""),
    );
});

error_case!(missing_title, |site| {
    site.write(
        ARTICLE,
        article("date = 2025-01-01\ntopics = [\"cybercrime\"]"),
    );
});

error_case!(missing_date_with_nothing_to_inherit, |site| {
    site.write(ARTICLE, article("title = \"T\"\ntopics = [\"cybercrime\"]"));
});

error_case!(translation_key_that_matches_nothing, |site| {
    site.write(
        "content/diplomacy/summit-hanoi.en.md",
        "+++\ntitle = \"The Hanoi summit\"\ntranslation_key = \"hanoi-sumit\"\n+++\n\nText.\n",
    );
});

error_case!(
    links_to_misspelt_or_moved_files_suggest_the_nearest,
    |site| {
        site.write(
        ARTICLE,
        "+++\ntitle = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\n+++\n\n[a](../sanctions/un-reprot.fr.md) [b](../diplomacy/un-report.fr.md)\n",
    );
    }
);

// One run: a front-matter error, a broken link in another article, a template that does not
// compile — all three, not the first alone.
error_case!(every_kind_of_error_in_one_run, |site| {
    site.write(
        ARTICLE,
        article("title = \"T\"\ndate = \"hier\"\ntopics = [\"cybercrime\"]"),
    );
    site.write(
        "content/cybercrime/wannacry.en.md",
        "+++\ntitle = \"WannaCry\"\ndate = 2022-05-12\ntopics = [\"cybercrime\"]\n+++\n\nSee [the report](../sanctions/absent.en.md).\n",
    );
    site.write(
        "templates/topic.html",
        "{% extends \"base.html\" %}{% block main %}{{ topic.name }{% endblock main %}",
    );
});

// Front matter that cannot be parsed, in YAML and in JSON, each at its line; an alias that
// leads outside the site.
error_case!(yaml_json_and_alias_syntax, |site| {
    site.write(
        ARTICLE,
        "---\ntitle: T\ntopics: [cybercrime\n---\n\nTexte.\n",
    );
    site.write(
        "content/sanctions/un-report.fr.md",
        "{\n  \"title\": \"Rapport\",\n  \"date\": \"2019-08-05\",\n}\n\nTexte.\n",
    );
    site.write(
        "content/diplomacy/sommet.fr.md",
        "+++\ntitle = \"Le sommet\"\ndate = 2019-02-28\ntopics = [\"diplomacy\"]\ntranslation_key = \"hanoi-summit\"\naliases = [\"/../etc/\", \"https://old.example.org/a/\"]\n+++\n\nTexte.\n",
    );
});

error_case!(missing_topics, |site| {
    site.write(ARTICLE, article("title = \"T\"\ndate = 2025-01-01"));
});

error_case!(empty_topics, |site| {
    site.write(
        ARTICLE,
        article("title = \"T\"\ndate = 2025-01-01\ntopics = []"),
    );
});

error_case!(malformed_toml, |site| {
    site.write(
        ARTICLE,
        article("title = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"\nsummary = 3"),
    );
});

error_case!(wrong_type, |site| {
    site.write(
        ARTICLE,
        article("title = \"T\"\ndate = \"yesterday\"\ntopics = [\"cybercrime\"]"),
    );
});

error_case!(front_matter_never_closed, |site| {
    site.write(ARTICLE, "+++\ntitle = \"T\"\ndate = 2025-01-01\n\nTexte.\n");
});

error_case!(no_front_matter, |site| {
    site.write(ARTICLE, "# Lazarus\n\nTexte.\n");
});

error_case!(empty_file, |site| {
    site.write(ARTICLE, "");
});

error_case!(impossible_date, |site| {
    site.write(
        ARTICLE,
        article("title = \"T\"\ndate = 2025-02-29\ntopics = [\"cybercrime\"]"),
    );
});

error_case!(translations_disagree_on_topics, |site| {
    site.write(
        "content/sanctions/un-report.en.md",
        article("title = \"The UN report\"\ntopics = [\"diplomacy\"]"),
    );
});

error_case!(duplicate_slug, |site| {
    site.write(
        "content/diplomacy/lazarus.fr.md",
        article("title = \"T\"\ndate = 2025-01-01\ntopics = [\"diplomacy\"]"),
    );
});

error_case!(unsafe_slug, |site| {
    site.write(
        ARTICLE,
        article(
            "title = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\nslug = \"../../etc\"",
        ),
    );
});

error_case!(link_to_missing_article, |site| {
    site.write(ARTICLE, "+++\ntitle = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\n+++\n\nVoir [ceci](../sanctions/absent.fr.md).\n");
});

error_case!(link_to_missing_heading, |site| {
    site.write(
        ARTICLE,
        "+++\ntitle = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\n+++\n\nIntro.\n\nVoir [ceci](@/sanctions/un-report.fr.md#conclusion).\n",
    );
});

error_case!(invalid_utf8, |site| {
    site.write(
        ARTICLE,
        b"+++\ntitle = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\n+++\n\nCor\xe9e\n",
    );
});

error_case!(broken_config, |site| {
    let config = std::fs::read_to_string(site.root.join("config.toml")).unwrap();
    site.write(
        "config.toml",
        config.replace("default_language = \"fr\"", "default_language = fr"),
    );
});

error_case!(config_unknown_field, |site| {
    let config = std::fs::read_to_string(site.root.join("config.toml")).unwrap();
    site.write("config.toml", config.replace("base_url =", "baseurl ="));
});

error_case!(config_unknown_output, |site| {
    let config = std::fs::read_to_string(site.root.join("config.toml")).unwrap();
    site.write(
        "config.toml",
        format!("{config}\n[outputs]\nside-by-side = false\n"),
    );
});

// A string no language gives is reported once, not once per language.
error_case!(config_string_missing_in_every_language, |site| {
    let config = std::fs::read_to_string(site.root.join("config.toml")).unwrap();
    let config: String = config
        .lines()
        .filter(|line| !line.starts_with("contents = "))
        .map(|line| format!("{line}\n"))
        .collect();
    site.write("config.toml", config);
});

error_case!(config_unknown_default_language, |site| {
    let config = std::fs::read_to_string(site.root.join("config.toml")).unwrap();
    site.write(
        "config.toml",
        config.replace("default_language = \"fr\"", "default_language = \"de\""),
    );
});

error_case!(config_briefing_path_of_the_timeline, |site| {
    let config = std::fs::read_to_string(site.root.join("config.toml")).unwrap();
    site.write(
        "config.toml",
        config.replace(
            "briefing_path = \"dossier-imprimable\"",
            "briefing_path = \"chronologie\"",
        ),
    );
});

error_case!(template_syntax_error, |site| {
    site.write(
        "templates/topic.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ topic.name \n{% endblock main %}\n",
    );
});

error_case!(template_unknown_variable, |site| {
    site.write("templates/topic.html", "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ topic.nme }}</p>\n{% endblock main %}\n");
});

error_case!(template_error_in_a_side_by_side_row, |site| {
    site.write(
        "templates/parallel-row.html",
        "<div>{% for cell in row.cells %}{{ cell.nope }}{% endfor %}</div>\n",
    );
});

/// An `actors.toml` with a kind, and an actor whose French table `fr` stands for.
fn actors(fr: &str) -> String {
    format!(
        "[kinds.person]\nfr = \"Personnes\"\nen = \"People\"\n\n\
         [actors.kim-jong-un]\nkind = \"person\"\n[actors.kim-jong-un.fr]\n{fr}\n\
         [actors.kim-jong-un.en]\nname = \"Kim Jong Un\"\ndescription = \"Leader.\"\n\n\
         [actors.lazarus]\nkind = \"person\"\n\
         fr = {{ name = \"Lazarus\", description = \"Groupe.\" }}\n\
         en = {{ name = \"Lazarus Group\", description = \"A group.\", aliases = [\"Kim Jong Un\"] }}\n"
    )
}

error_case!(actors_unknown_field, |site| {
    site.write(
        "actors.toml",
        actors("name = \"Kim Jong-un\"\ndescripton = \"Dirigeant.\""),
    );
});

error_case!(actors_empty_name_and_names_claimed_twice, |site| {
    site.write(
        "actors.toml",
        actors("name = \"\"\ndescription = \"Dirigeant.\"\naliases = [\"Lazarus\"]"),
    );
});

error_case!(actors_in_front_matter_unknown_and_both_ways, |site| {
    site.write("actors.toml", crate::actors::ACTORS);
    site.write(
        ARTICLE,
        article(
            "title = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\nactors = [\"lazarus\", \"interpool\"]\nnot_actors = [\"lazarus\"]",
        ),
    );
});

error_case!(actors_undeclared_kind_and_language, |site| {
    site.write(
        "actors.toml",
        actors("name = \"Kim Jong-un\"\ndescription = \"Dirigeant.\"")
            .replace(
                "kind = \"person\"\n[actors.kim",
                "kind = \"persons\"\n[actors.kim",
            )
            .replace("[actors.kim-jong-un.en]", "[actors.kim-jong-un.de]"),
    );
});

/// The built-in article template with one change.
fn article_template(from: &str, to: &str) -> String {
    let text =
        std::fs::read_to_string(crate::support::repo().join("templates/article.html")).unwrap();
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

// An `{% if %}` left open is reported where it opens, not at the end of the file.
error_case!(template_if_left_open, |site| {
    site.write(
        "templates/article.html",
        article_template(
            "{% if article.lede %}<p class=\"lede\">{{ article.lede }}</p>{% endif %}",
            "{% if article.lede %}<p class=\"lede\">{{ article.lede }}</p>",
        ),
    );
});

error_case!(template_unknown_tag_with_a_suggestion, |site| {
    site.write(
        "templates/article.html",
        article_template("{% endfor %}</p>", "{% endfro %}</p>"),
    );
});

error_case!(template_unknown_filter, |site| {
    site.write(
        "templates/article.html",
        article_template("{{ article.title }}", "{{ article.title | upcase }}"),
    );
});

error_case!(template_unknown_variable_with_a_suggestion, |site| {
    site.write(
        "templates/article.html",
        article_template("{{ article.title }}", "{{ articel.title }}"),
    );
});

error_case!(template_stray_end_tag, |site| {
    site.write(
        "templates/article.html",
        article_template("</article>", "</article>{% endif %}"),
    );
});

error_case!(template_unknown_include, |site| {
    site.write(
        "templates/article.html",
        article_template("{{ article.title }}", "{% include \"partial.html\" %}"),
    );
});

error_case!(template_misnamed_override, |site| {
    site.write(
        "templates/articles.html",
        article_template("{{ article.title }}", "{{ article.title }}!"),
    );
});

#[test]
fn a_site_template_that_a_template_includes_is_no_misnamed_override() {
    let site = Site::fixture("basic");
    site.write(
        "templates/byline.html",
        "<p class=\"byline\">{{ article.title }}</p>\n",
    );
    site.write(
        "templates/article.html",
        article_template(
            "<h1>{{ article.title }}</h1>",
            "<h1>{{ article.title }}</h1>{% include \"byline.html\" %}",
        ),
    );
    let public = site.build_ok();
    let page = std::fs::read_to_string(public.join("fr/articles/lazarus/index.html")).unwrap();
    assert!(page.contains("<p class=\"byline\">"), "{page}");
}

#[test]
fn several_errors_are_reported_together() {
    let stderr = failing_build(|site| {
        site.write(
            ARTICLE,
            article("title = \"T\"\ndate = 2025-01-01\ntopics = [\"weather\"]"),
        );
        site.write(
            "content/cybercrime/wannacry.en.md",
            article("title = \"T\"\ndate = 2025-13-01\ntopics = [\"cybercrime\"]"),
        );
    });
    assert!(
        stderr.contains("lazarus.fr.md:4: unknown topic"),
        "{stderr}"
    );
    assert!(stderr.contains("wannacry.en.md:3:"), "{stderr}");
}

/// Articles are read in parallel, but their problems come in path order, the same at every
/// build.
#[test]
fn files_that_are_not_utf8_are_reported_in_path_order() {
    let files = [
        "content/cybercrime/lazarus.fr.md",
        "content/cybercrime/wannacry.en.md",
        "content/diplomacy/sommet.fr.md",
        "content/diplomacy/summit-hanoi.en.md",
        "content/sanctions/un-report.en.md",
        "content/sanctions/un-report.fr.md",
    ];
    let stderr = failing_build(|site| {
        for file in files {
            site.write(file, b"+++\ntitle = \"T\"\n+++\n\nCor\xe9e\n");
        }
    });
    let places: Vec<usize> = files
        .iter()
        .map(|file| {
            stderr
                .find(&format!("{file}:5: the file is not valid UTF-8"))
                .unwrap_or_else(|| panic!("{file} not reported: {stderr}"))
        })
        .collect();
    assert!(places.is_sorted(), "{stderr}");
}

#[test]
fn byte_order_mark_and_windows_line_endings_are_accepted() {
    let site = Site::fixture("basic");
    site.write(ARTICLE, "\u{feff}+++\r\ntitle = \"Le groupe Lazarus\"\r\ndate = 2025-02-21\r\ntopics = [\"cybercrime\"]\r\n+++\r\n\r\nTexte : ici.\r\n");
    let public = site.build_ok();
    let page = crate::support::read(&public.join("fr/articles/lazarus/index.html"));
    assert!(page.contains("<p>Texte\u{a0}: ici.</p>"), "{page}");
}

#[test]
fn usage_errors_exit_with_2() {
    let output = std::process::Command::new(crate::support::BIN)
        .args(["build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(crate::support::BIN)
        .arg("build")
        .arg("--root")
        .arg(empty.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no config.toml here"));
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let site = Site::fixture("basic");
    site.write("public/precious.txt", "do not delete");
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(site.public().join("precious.txt").exists());
    let output = site.build(&[
        "--output-dir",
        site.root.join("content/out").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
}

error_case!(translations_disagree_on_translation_key, |site| {
    site.write(
        "content/sanctions/un-report.en.md",
        "+++\ntitle = \"The UN report\"\ntranslation_key = \"un-report-2019\"\n+++\n\nText.\n",
    );
    site.write(
        "content/sanctions/un-report.fr.md",
        "+++\ntitle = \"Le rapport\"\ndate = 2019-03-11\ntopics = [\"sanctions\"]\ntranslation_key = \"rapport-onu\"\n+++\n\nTexte.\n",
    );
});

error_case!(topic_listed_twice, |site| {
    site.write(
        ARTICLE,
        article("title = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\", \"sanctions\", \"cybercrime\"]"),
    );
});

error_case!(unsafe_translation_key, |site| {
    site.write(
        ARTICLE,
        article("title = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\ntranslation_key = \"../../etc\""),
    );
    site.write(
        "content/cybercrime/wannacry.en.md",
        article("title = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\ntranslation_key = \"a\\u0007b\""),
    );
});

error_case!(source_url_that_is_not_a_web_address, |site| {
    site.write(
        ARTICLE,
        article("title = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\nsource = { name = \"X\", url = \"javascript:alert(1)\" }"),
    );
});

error_case!(link_that_runs_a_script, |site| {
    site.write(
        ARTICLE,
        "+++\ntitle = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\n+++\n\n[Cliquez](javascript:alert(document.cookie))\n",
    );
});

error_case!(symbolic_link_loop, |site| {
    std::os::unix::fs::symlink("..", site.root.join("content/cybercrime/loop")).unwrap();
});

// Two links that lead to each other.
error_case!(symbolic_links_to_each_other, |site| {
    std::os::unix::fs::symlink("b.fr.md", site.root.join("content/sanctions/a.fr.md")).unwrap();
    std::os::unix::fs::symlink("a.fr.md", site.root.join("content/sanctions/b.fr.md")).unwrap();
});

// A file listed and gone before it could be read looks like a link to nothing.
error_case!(symbolic_link_to_a_file_that_is_gone, |site| {
    std::os::unix::fs::symlink(
        "/nonexistent/draft.fr.md",
        site.root.join("content/cybercrime/draft.fr.md"),
    )
    .unwrap();
});

error_case!(briefing_not_a_boolean_and_on_a_reference_page, |site| {
    site.write(
        ARTICLE,
        article("title = \"T\"\ndate = 2025-01-01\ntopics = [\"cybercrime\"]\nbriefing = \"yes\""),
    );
    site.write(
        "content/about.fr.md",
        article("title = \"À propos\"\nkind = \"page\"\nbriefing = true"),
    );
});

error_case!(lists_of_no_article, |site| {
    let config = std::fs::read_to_string(site.root.join("config.toml")).unwrap();
    site.write(
        "config.toml",
        config.replacen("[markdown]", "[lists]\nper_page = 0\n\n[markdown]", 1),
    );
});
