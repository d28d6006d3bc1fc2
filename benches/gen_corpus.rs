//! Generates a deterministic bilingual corpus for benchmarks:
//!
//! ```sh
//! "$(scripts/bench-binary.sh gen_corpus)" --articles 10000 --out /tmp/corpus-10k
//! ```
//!
//! N translation groups: 60 % in French and English, 30 % French only, 10 % English only;
//! about 700 words each, one or two topics, headings, lists, some tables, code blocks,
//! footnotes, and links between articles (some with anchors). The same arguments always give
//! the same bytes. The English version of a pair leaves out `date` and `topics` half the time,
//! to exercise inheritance.
//!
//! With `--vocabulary zipf` (what `scripts/bench.sh` uses), the words are drawn from 80,000
//! per language by Zipf's law (the k-th most frequent word k times rarer than the first), as
//! in a real archive: the hundred-odd real words first, then made-up words of French or
//! English syllables (French ones with accents). The default, `--vocabulary small`, draws
//! from the hundred-odd real words alone, as earlier rounds of BENCHMARKS.md did.
//!
//! With `--actors N` (issue 29's benchmark), it also writes `actors.toml` with N actors of four
//! kinds, each a made-up name of two capitalised words starting with `X` (no vocabulary word
//! does) and its second word as alias, and every article names four of them in its text (two
//! by name, two by alias), drawn by Zipf's law (the k-th actor k times rarer than the first):
//! delete `actors.toml` to build the same texts without actors.
//!
//! With `--hugo DIR`, the same corpus is also written as a Hugo site (for `scripts/bench.sh`):
//! the same Markdown, every version with its own date and topics (Hugo does not inherit), a
//! `translationKey` per group, and templates comparable to `dossier`'s core pages — a base
//! layout, the article with its translations and table of contents, topic lists, the home,
//! feeds and the sitemap.

#![allow(
    clippy::disallowed_methods,
    reason = "benchmark tooling, not the site generator"
)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const TOPICS: [&str; 3] = ["diplomacy", "sanctions", "cybercrime"];

const FRENCH: &[&str] = &[
    "la",
    "Corée",
    "du",
    "Nord",
    "a",
    "déclaré",
    "que",
    "les",
    "sanctions",
    "économiques",
    "des",
    "Nations",
    "unies",
    "restent",
    "en",
    "vigueur",
    "malgré",
    "négociations",
    "diplomatiques",
    "avec",
    "Séoul",
    "et",
    "Washington",
    "pirates",
    "informatiques",
    "ont",
    "volé",
    "millions",
    "de",
    "dollars",
    "en",
    "cryptomonnaies",
    "selon",
    "un",
    "rapport",
    "confidentiel",
    "le",
    "programme",
    "nucléaire",
    "missiles",
    "balistiques",
    "conseil",
    "sécurité",
    "exportations",
    "charbon",
    "pétrole",
    "navires",
    "transferts",
    "illicites",
    "experts",
    "enquêtent",
    "sur",
    "réseaux",
    "blanchiment",
    "plateformes",
    "échange",
    "sommet",
    "dirigeants",
    "accord",
    "pourparlers",
    "dénucléarisation",
    "péninsule",
    "alliés",
    "coopération",
    "trilatérale",
];

const ENGLISH: &[&str] = &[
    "the",
    "North",
    "Korean",
    "regime",
    "said",
    "that",
    "economic",
    "sanctions",
    "of",
    "United",
    "Nations",
    "remain",
    "in",
    "force",
    "despite",
    "diplomatic",
    "talks",
    "with",
    "Seoul",
    "and",
    "Washington",
    "hackers",
    "have",
    "stolen",
    "millions",
    "of",
    "dollars",
    "in",
    "cryptocurrency",
    "according",
    "to",
    "a",
    "confidential",
    "report",
    "nuclear",
    "programme",
    "ballistic",
    "missiles",
    "security",
    "council",
    "exports",
    "coal",
    "oil",
    "ships",
    "illicit",
    "transfers",
    "experts",
    "investigate",
    "laundering",
    "networks",
    "exchanges",
    "summit",
    "leaders",
    "deal",
    "denuclearisation",
    "peninsula",
    "allies",
    "trilateral",
    "cooperation",
    "officials",
];

/// SplitMix64: small, fast, and the same on every machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Distinct words per language with `--vocabulary zipf`.
const ZIPF_WORDS: usize = 80_000;

/// The words of a language and how often each is drawn.
struct Vocabulary {
    words: Vec<String>,
    /// With Zipf's law: the cumulated weights (`k`-th word `1 / k`), for a binary search.
    cumulated: Option<Vec<f64>>,
}

impl Vocabulary {
    fn small(words: &[&str]) -> Vocabulary {
        Vocabulary {
            words: words.iter().map(ToString::to_string).collect(),
            cumulated: None,
        }
    }

    /// The real words, then made-up ones up to `ZIPF_WORDS`, each `k`-th `1 / k` as likely.
    fn zipf(words: &[&str], french: bool) -> Vocabulary {
        const FRENCH_SYLLABLES: &[&str] = &[
            "ba", "ré", "lon", "tu", "mi", "sé", "cha", "pro", "ter", "gé", "di", "vau", "quel",
            "mè", "ra", "fon", "ti", "né", "cou", "pla", "vi", "dé", "lo", "gra", "sa", "ju", "bè",
            "men", "tri", "ço", "pa", "rè", "fi", "ma", "cré", "no", "vo", "sti", "lé", "bri",
            "dan", "gue", "zo", "pé", "ché", "rou", "tan", "mo", "fé", "ci",
        ];
        const ENGLISH_SYLLABLES: &[&str] = &[
            "ba", "ter", "lon", "tu", "mi", "sen", "cha", "pro", "ver", "ge", "di", "wor", "quel",
            "ment", "ra", "fon", "ti", "ne", "cou", "pla", "vi", "de", "lo", "gra", "sa", "ju",
            "ble", "men", "tri", "shi", "pa", "re", "fi", "ma", "cre", "no", "vo", "sti", "le",
            "bri", "dan", "gue", "zo", "pe", "ston", "rou", "tan", "mo", "fer", "ci",
        ];
        let syllables = if french {
            FRENCH_SYLLABLES
        } else {
            ENGLISH_SYLLABLES
        };
        let mut all: Vec<String> = words.iter().map(ToString::to_string).collect();
        let mut seen: std::collections::HashSet<String> = all.iter().cloned().collect();
        let mut n = 0usize;
        while all.len() < ZIPF_WORDS {
            // Two to four syllables drawn by a generator seeded with `n` (those already made
            // are skipped).
            let mut random = Random(n as u64 ^ if french { 0xf00d } else { 0xbeef });
            let mut word = String::new();
            for _ in 0..2 + random.below(3) {
                word.push_str(syllables[random.below(syllables.len())]);
            }
            if seen.insert(word.clone()) {
                all.push(word);
            }
            n += 1;
        }
        let mut total = 0.0;
        let cumulated = (1..=all.len())
            .map(|k| {
                total += 1.0 / k as f64;
                total
            })
            .collect();
        Vocabulary {
            words: all,
            cumulated: Some(cumulated),
        }
    }

    fn pick(&self, random: &mut Random) -> &str {
        let index = match &self.cumulated {
            None => random.below(self.words.len()),
            Some(cumulated) => {
                let total = cumulated[cumulated.len() - 1];
                let at = (random.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
                cumulated
                    .partition_point(|&c| c < at)
                    .min(cumulated.len() - 1)
            }
        };
        &self.words[index]
    }
}

/// Which languages group `i` exists in.
fn languages(i: usize) -> &'static [&'static str] {
    match i % 10 {
        0..=5 => &["fr", "en"],
        6..=8 => &["fr"],
        _ => &["en"],
    }
}

fn slug(i: usize) -> String {
    format!("article-{i:05}")
}

fn topics_of(i: usize) -> Vec<&'static str> {
    let first = TOPICS[i % 3];
    if i % 4 == 0 {
        vec![first, TOPICS[(i + 1) % 3]]
    } else {
        vec![first]
    }
}

fn folder(i: usize) -> &'static str {
    TOPICS[i % 3]
}

fn sentence(random: &mut Random, words: &Vocabulary, length: usize) -> String {
    let mut text = String::new();
    for n in 0..length {
        let word = words.pick(random);
        if n == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                text.extend(first.to_uppercase());
                text.push_str(chars.as_str());
            }
        } else {
            text.push(' ');
            text.push_str(word);
        }
    }
    text.push('.');
    text
}

fn paragraph(random: &mut Random, words: &Vocabulary) -> String {
    let sentences = 3 + random.below(3);
    (0..sentences)
        .map(|_| {
            let length = 10 + random.below(10);
            sentence(random, words, length)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each language's vocabulary: French, then English.
type Vocabularies = [Vocabulary; 2];

/// How many actors `--actors` declares (none by default): the articles name them.
static ACTORS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Actor `k`'s name and alias: two made-up capitalised words, unique for `k` below 4,096.
fn actor_name(k: usize) -> (String, String) {
    const SYLLABLES: [&str; 16] = [
        "ka", "ro", "mi", "tes", "lun", "var", "de", "sho", "ni", "bel", "tor", "qua", "zen", "fi",
        "gor", "al",
    ];
    let word = |mut n: usize, syllables: usize| {
        let mut word = String::from("X");
        for _ in 0..syllables {
            word.push_str(SYLLABLES[n % SYLLABLES.len()]);
            n /= SYLLABLES.len();
        }
        word
    };
    let alias = word(k, 3);
    (format!("{} {alias}", word(k * 7 + 3, 2)), alias)
}

/// `actors.toml` for `count` actors of four kinds.
fn actors_file(count: usize) -> String {
    let mut text = String::from(
        "[kinds.person]\nfr = \"Personnes\"\nen = \"People\"\n[kinds.country]\nfr = \"Pays\"\nen = \"Countries\"\n\
         [kinds.organisation]\nfr = \"Organisations\"\nen = \"Organisations\"\n[kinds.group]\nfr = \"Groupes\"\nen = \"Groups\"\n",
    );
    let kinds = ["person", "country", "organisation", "group"];
    for k in 0..count {
        let (name, alias) = actor_name(k);
        let _ = write!(
            text,
            "\n[actors.actor-{k}]\nkind = \"{}\"\n\
             fr = {{ name = \"{name}\", description = \"Acteur numéro {k} du corpus.\", aliases = [\"{alias}\"] }}\n\
             en = {{ name = \"{name}\", description = \"Actor number {k} of the corpus.\", aliases = [\"{alias}\"] }}\n",
            kinds[k % kinds.len()]
        );
    }
    text
}

/// A sentence that names an actor drawn by Zipf's law, by name or by alias.
fn mention(random: &mut Random, words: &Vocabulary, by_alias: bool) -> Option<String> {
    let count = ACTORS.load(std::sync::atomic::Ordering::Relaxed);
    if count == 0 {
        return None;
    }
    // `count^u - 1` for `u` uniform in [0, 1): the k-th about k times rarer than the first.
    let u = random.below(1_000_000) as f64 / 1_000_000.0;
    let k = ((count as f64).powf(u) as usize)
        .saturating_sub(1)
        .min(count - 1);
    let (name, alias) = actor_name(k);
    let said = sentence(random, words, 8);
    Some(format!(
        "{} {}",
        if by_alias { alias } else { name },
        said.to_lowercase()
    ))
}

fn article(i: usize, lang: &str, groups: usize, seed: u64, words: &Vocabularies) -> String {
    let mut random = Random(seed ^ (i as u64).wrapping_mul(31) ^ if lang == "fr" { 1 } else { 2 });
    let words = if lang == "fr" { &words[0] } else { &words[1] };
    let mut text = String::from("+++\n");
    let title = sentence(&mut random, words, 6);
    let _ = writeln!(text, "title = \"{}\"", title.trim_end_matches('.'));
    let inherits = lang == "en" && languages(i).len() == 2 && i % 2 == 0;
    if !inherits {
        let year = 2015 + (i % 11);
        let month = 1 + (i * 7) % 12;
        let day = 1 + (i * 13) % 28;
        let _ = writeln!(text, "date = {year:04}-{month:02}-{day:02}");
        let topics: Vec<String> = topics_of(i).iter().map(|t| format!("\"{t}\"")).collect();
        let _ = writeln!(text, "topics = [{}]", topics.join(", "));
    }
    let _ = writeln!(text, "summary = \"{}\"", sentence(&mut random, words, 14));
    text.push_str("+++\n\n");
    let _ = writeln!(text, "{}\n", paragraph(&mut random, words));
    // With `--actors`, four actors named: two by name here, two by alias below.
    let named: Vec<String> = (0..4)
        .filter_map(|n| mention(&mut random, words, n >= 2))
        .collect();
    if let [first, second, ..] = named.as_slice() {
        let _ = writeln!(text, "{first} {second}\n");
    }

    for section in 0..4 {
        let heading = if section == 0 {
            if lang == "fr" {
                "Contexte".to_string()
            } else {
                "Background".to_string()
            }
        } else {
            sentence(&mut random, words, 4)
                .trim_end_matches('.')
                .to_string()
        };
        let _ = writeln!(text, "## {heading}\n");
        let _ = writeln!(text, "{}\n", paragraph(&mut random, words));
        match section {
            1 => {
                for _ in 0..4 {
                    let _ = writeln!(text, "- {}", sentence(&mut random, words, 8));
                }
                text.push('\n');
            }
            2 if i % 3 == 0 => {
                text.push_str("| Year | Amount | Source |\n|------|-------:|--------|\n");
                for row in 0..4 {
                    let _ = writeln!(
                        text,
                        "| {} | {} | {} |",
                        2016 + row,
                        100 + random.below(900),
                        words.pick(&mut random)
                    );
                }
                text.push('\n');
            }
            3 if i % 5 == 0 => {
                text.push_str("```toml\n[sanction]\nname = \"example\"\namount = 42\n```\n\n");
            }
            _ => {}
        }
        let _ = writeln!(text, "{}\n", paragraph(&mut random, words));
        if let Some(by_alias) = named.get(2 + section) {
            let _ = writeln!(text, "{by_alias}\n");
        }
    }

    // Links to other articles that exist in this language, some with an anchor.
    let mut links = Vec::new();
    for step in [7usize, 131] {
        let target = (i + step) % groups;
        if languages(target).contains(&lang) {
            let anchor = if target % 2 == 0 {
                if lang == "fr" {
                    "#contexte"
                } else {
                    "#background"
                }
            } else {
                ""
            };
            let relative = format!("../{}/{}.{lang}.md{anchor}", folder(target), slug(target));
            links.push(format!("[{}]({relative})", slug(target)));
        }
    }
    if !links.is_empty() {
        let see = if lang == "fr" {
            "Voir aussi"
        } else {
            "See also"
        };
        let _ = writeln!(text, "{see} : {}.\n", links.join(", "));
    }
    if i % 4 == 0 {
        let _ = writeln!(
            text,
            "{}[^note]\n\n[^note]: {}\n",
            sentence(&mut random, words, 12),
            sentence(&mut random, words, 9)
        );
    }
    text
}

fn config() -> String {
    let config = include_str!("../config.toml");
    config.replace(
        "base_url = \"https://dossier.example.org/\"",
        "base_url = \"https://corpus.example.org/\"",
    )
}

/// The Hugo version of an article: the same text, with Hugo's front matter.
fn hugo_article(i: usize, lang: &str, groups: usize, seed: u64, words: &Vocabularies) -> String {
    let text = article(i, lang, groups, seed, words);
    let (front, body) = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split_once("+++\n"))
        .expect("a front matter");
    let mut hugo = String::from("+++\n");
    for line in front.lines() {
        if let Some(summary) = line.strip_prefix("summary = ") {
            let _ = writeln!(hugo, "description = {summary}");
        } else if !line.starts_with("date = ") && !line.starts_with("topics = ") {
            let _ = writeln!(hugo, "{line}");
        }
    }
    let year = 2015 + (i % 11);
    let month = 1 + (i * 7) % 12;
    let day = 1 + (i * 13) % 28;
    let _ = writeln!(hugo, "date = {year:04}-{month:02}-{day:02}");
    let topics: Vec<String> = topics_of(i).iter().map(|t| format!("\"{t}\"")).collect();
    let _ = writeln!(hugo, "topics = [{}]", topics.join(", "));
    let _ = writeln!(hugo, "translationKey = \"{}\"", slug(i));
    hugo.push_str("+++\n");
    hugo.push_str(body);
    hugo
}

const HUGO_CONFIG: &str = r##"baseURL = "https://corpus.example.org/"
defaultContentLanguage = "fr"
defaultContentLanguageInSubdir = true
disableKinds = ["section"]
enableRobotsTXT = true

[taxonomies]
topic = "topics"

[languages.fr]
label = "Français"
title = "Corée du Nord : diplomatie, sanctions, cybercriminalité"
weight = 1
[languages.en]
label = "English"
title = "North Korea: diplomacy, sanctions, cybercrime"
weight = 2

[markup.goldmark.renderHooks.link]
useEmbedded = "fallback"
[markup.highlight]
noClasses = false

[outputs]
home = ["html", "rss"]
term = ["html", "rss"]
"##;

const HUGO_BASEOF: &str = r##"<!doctype html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<a href="#main">{{ if eq site.Language.Lang "fr" }}Aller au contenu{{ else }}Skip to content{{ end }}</a>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><ul>{{ range site.Taxonomies.topics }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>{{ end }}</ul></nav>
<ul>{{ range .Translations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Label }}</a></li>{{ end }}</ul>
</header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }}</footer>
</body>
</html>
"##;

const HUGO_SINGLE: &str = r##"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ with .GetTerms "topics" }}{{ range . }} <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}{{ end }}</p>
{{ with .Description }}<p>{{ . }}</p>{{ end }}
{{ with .Translations }}<p>{{ range . }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Title }}</a>{{ end }}</p>{{ end }}
{{ .TableOfContents }}
{{ .Content }}
</article>{{ end }}
"##;

const HUGO_LIST: &str = r##"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Description }}</p></li>{{ end }}</ul>{{ end }}
"##;

const HUGO_HOME: &str = r##"{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ range site.Taxonomies.topics }}<section><h2><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></h2>
<ul>{{ range first 5 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul></section>{{ end }}
<h2>{{ if eq site.Language.Lang "fr" }}Derniers articles{{ else }}Latest articles{{ end }}</h2>
<ul>{{ range first 10 site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"##;

/// Writes the Hugo version of the corpus into `out`.
fn write_hugo(out: &Path, groups: usize, seed: u64, words: &Vocabularies) -> usize {
    if out.join("content").exists() {
        fs::remove_dir_all(out.join("content")).expect("remove the old Hugo corpus");
    }
    write(&out.join("hugo.toml"), HUGO_CONFIG);
    write(&out.join("layouts/_default/baseof.html"), HUGO_BASEOF);
    write(&out.join("layouts/_default/single.html"), HUGO_SINGLE);
    write(&out.join("layouts/_default/list.html"), HUGO_LIST);
    write(&out.join("layouts/index.html"), HUGO_HOME);
    write_articles(out, groups, |i, lang| {
        hugo_article(i, lang, groups, seed, words)
    })
}

/// Writes every version of every group under `out/content/`; returns how many.
fn write_articles(out: &Path, groups: usize, text: impl Fn(usize, &str) -> String) -> usize {
    let mut files = 0;
    for i in 0..groups {
        for lang in languages(i) {
            let path = out
                .join("content")
                .join(folder(i))
                .join(format!("{}.{lang}.md", slug(i)));
            write(&path, &text(i, lang));
            files += 1;
        }
    }
    files
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn main() {
    let mut groups = 1000usize;
    let mut out: Option<PathBuf> = None;
    let mut hugo: Option<PathBuf> = None;
    let mut seed = 42u64;
    let mut zipf = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--articles" => {
                groups = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--articles N")
            }
            "--out" => out = args.next().map(PathBuf::from),
            "--hugo" => hugo = args.next().map(PathBuf::from),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed N"),
            "--actors" => ACTORS.store(
                args.next()
                    .and_then(|v| v.parse().ok())
                    .expect("--actors N"),
                std::sync::atomic::Ordering::Relaxed,
            ),
            "--vocabulary" => {
                zipf = match args.next().as_deref() {
                    Some("zipf") => true,
                    Some("small") => false,
                    _ => panic!("--vocabulary zipf|small"),
                }
            }
            other => {
                eprintln!(
                    "unknown argument {other}\nusage: gen_corpus --articles N --out DIR [--hugo DIR] [--seed N] [--vocabulary zipf|small] [--actors N]"
                );
                std::process::exit(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!(
            "usage: gen_corpus --articles N --out DIR [--hugo DIR] [--seed N] [--vocabulary zipf|small] [--actors N]"
        );
        std::process::exit(2);
    };
    if out.join("content").exists() {
        fs::remove_dir_all(out.join("content")).expect("remove the old corpus");
    }
    write(&out.join("config.toml"), &config());
    let actors = ACTORS.load(std::sync::atomic::Ordering::Relaxed);
    if actors > 0 {
        write(&out.join("actors.toml"), &actors_file(actors));
    }
    let words = match zipf {
        true => [
            Vocabulary::zipf(FRENCH, true),
            Vocabulary::zipf(ENGLISH, false),
        ],
        false => [Vocabulary::small(FRENCH), Vocabulary::small(ENGLISH)],
    };
    let files = write_articles(&out, groups, |i, lang| {
        article(i, lang, groups, seed, &words)
    });
    println!(
        "wrote {groups} groups ({files} article files) into {}",
        out.display()
    );
    if let Some(hugo) = hugo {
        let files = write_hugo(&hugo, groups, seed, &words);
        println!(
            "wrote the Hugo version ({files} article files) into {}",
            hugo.display()
        );
    }
}
