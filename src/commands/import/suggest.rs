//! What `dossier import` suggests about an article: its language, its topics (from the
//! config's keywords, with the evidence), and which article of the other language it
//! translates (from the numbers, names and quotations both share, with a confidence). Pure.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::config::Config;
use crate::render::search::{fold, words};

/// whatlang's language for a config code (`fr`, `pt-BR`): ISO 639-1 to whatlang's 639-3.
pub fn whatlang_lang(code: &str) -> Option<whatlang::Lang> {
    let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
    let three = match primary.as_str() {
        "en" => "eng",
        "fr" => "fra",
        "de" => "deu",
        "es" => "spa",
        "it" => "ita",
        "pt" => "por",
        "nl" => "nld",
        "ru" => "rus",
        "uk" => "ukr",
        "pl" => "pol",
        "cs" => "ces",
        "sk" => "slk",
        "sl" => "slv",
        "hr" => "hrv",
        "sr" => "srp",
        "bg" => "bul",
        "mk" => "mkd",
        "be" => "bel",
        "ro" => "ron",
        "hu" => "hun",
        "fi" => "fin",
        "et" => "est",
        "lv" => "lav",
        "lt" => "lit",
        "sv" => "swe",
        "da" => "dan",
        "nb" | "no" => "nob",
        "el" => "ell",
        "tr" => "tur",
        "ar" => "ara",
        "he" => "heb",
        "yi" => "yid",
        "fa" => "pes",
        "ur" => "urd",
        "hi" => "hin",
        "bn" => "ben",
        "mr" => "mar",
        "ta" => "tam",
        "te" => "tel",
        "kn" => "kan",
        "ml" => "mal",
        "gu" => "guj",
        "pa" => "pan",
        "ja" => "jpn",
        "zh" => "cmn",
        "ko" => "kor",
        "vi" => "vie",
        "th" => "tha",
        "id" => "ind",
        "jv" => "jav",
        "tl" => "tgl",
        "ka" => "kat",
        "hy" => "hye",
        "az" => "aze",
        "uz" => "uzb",
        "tk" => "tuk",
        "am" => "amh",
        "af" => "afr",
        "zu" => "zul",
        "sn" => "sna",
        "ak" => "aka",
        "ca" => "cat",
        "cy" => "cym",
        "eo" => "epo",
        "la" => "lat",
        "ne" => "nep",
        "si" => "sin",
        "km" => "khm",
        "my" => "mya",
        "or" => "ori",
        _ => return None,
    };
    whatlang::Lang::from_code(three)
}

/// The detector reads at most this many bytes of a text: plenty to tell a language.
const DETECTION_SAMPLE: usize = 20_000;

/// The language of `text` among the config's, and the detector's confidence (0 to 1).
pub fn detect_language(config: &Config, text: &str) -> Result<(usize, f64), String> {
    let mut end = text.len().min(DETECTION_SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let known: Vec<(usize, whatlang::Lang)> = config
        .languages
        .iter()
        .enumerate()
        .filter_map(|(index, l)| whatlang_lang(&l.code).map(|lang| (index, lang)))
        .collect();
    if known.is_empty() {
        return Err(format!(
            "cannot tell which of the dossier's languages ({}) it is in: give --lang",
            config.language_codes()
        ));
    }
    // A text plainly in a language the dossier does not have is not imported as one it has.
    if let Some(info) = whatlang::detect(text) {
        if info.is_reliable() && !known.iter().any(|(_, l)| *l == info.lang()) {
            return Err(format!(
                "it seems to be in {} ({}), which the dossier does not have (languages: {}): give --lang to import it anyway",
                info.lang().eng_name(),
                info.lang().code(),
                config.language_codes()
            ));
        }
    }
    let detector = whatlang::Detector::with_allowlist(known.iter().map(|(_, l)| *l).collect());
    let info = detector.detect(text).ok_or_else(|| {
        format!(
            "cannot tell which of the dossier's languages ({}) it is in: give --lang",
            config.language_codes()
        )
    })?;
    let index = known
        .iter()
        .find(|(_, l)| *l == info.lang())
        .map(|(i, _)| *i)
        .expect("an allowed language");
    Ok((index, info.confidence()))
}

/// One topic's score for an article and the keywords that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicScore {
    pub topic: usize,
    pub score: usize,
    /// Keyword as written in the config, and how many times it matched (title counted thrice).
    pub evidence: Vec<(String, usize)>,
}

/// A match in the title counts this many times.
const TITLE_WEIGHT: usize = 3;

/// The keywords of a topic in a language: the config's, or else the words of the topic's name.
fn keywords(config: &Config, topic: usize, lang: usize) -> Vec<String> {
    let topic = &config.topics[topic];
    match topic.keywords.get(lang) {
        Some(list) if !list.is_empty() => list.clone(),
        _ => vec![topic.names[lang].clone()],
    }
}

/// One word of a keyword: whole (plurals in `s`, `x`, `es` too), or a prefix (`cyber*`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct KeyWord {
    folded: String,
    prefix: bool,
}

impl KeyWord {
    fn matches(&self, word: &str) -> bool {
        match word.strip_prefix(self.folded.as_str()) {
            Some(rest) => self.prefix || matches!(rest, "" | "s" | "x" | "es"),
            None => false,
        }
    }
}

/// A keyword as written in the config (`Conseil de sécurité`, `cyber*`) as folded words.
fn phrase(keyword: &str) -> Vec<KeyWord> {
    let mut out = Vec::new();
    for piece in keyword.split_whitespace() {
        let prefix = piece.ends_with('*');
        let folded = fold(piece);
        let parts: Vec<&str> = words(&folded).collect();
        for (index, part) in parts.iter().enumerate() {
            out.push(KeyWord {
                folded: (*part).to_string(),
                prefix: prefix && index + 1 == parts.len(),
            });
        }
    }
    out
}

/// How many times the phrase occurs in `text` (folded words).
fn occurrences(phrase: &[KeyWord], text: &[&str]) -> usize {
    if phrase.is_empty() || phrase.len() > text.len() {
        return 0;
    }
    text.windows(phrase.len())
        .filter(|window| window.iter().zip(phrase).all(|(w, k)| k.matches(w)))
        .count()
}

/// Every topic's score for an article in `lang`, best first (config order among equals).
pub fn score_topics(config: &Config, lang: usize, title: &str, body: &str) -> Vec<TopicScore> {
    let title = fold(title);
    let title: Vec<&str> = words(&title).collect();
    let body = fold(body);
    let body: Vec<&str> = words(&body).collect();
    let mut scores: Vec<TopicScore> = (0..config.topics.len())
        .map(|topic| {
            let mut evidence = Vec::new();
            for keyword in keywords(config, topic, lang) {
                let phrase = phrase(&keyword);
                let n = TITLE_WEIGHT * occurrences(&phrase, &title) + occurrences(&phrase, &body);
                if n > 0 {
                    evidence.push((keyword, n));
                }
            }
            evidence.sort_by_key(|e| std::cmp::Reverse(e.1));
            TopicScore {
                topic,
                score: evidence.iter().map(|(_, n)| n).sum(),
                evidence,
            }
        })
        .collect();
    scores.sort_by(|a, b| b.score.cmp(&a.score).then(a.topic.cmp(&b.topic)));
    scores
}

/// The topics to suggest from the scores: the best, and those that score at least
/// `SECOND_TOPIC` of it (three at most). Empty when no keyword matched.
pub fn chosen_topics(scores: &[TopicScore]) -> Vec<usize> {
    let Some(best) = scores.first().filter(|s| s.score > 0) else {
        return Vec::new();
    };
    scores
        .iter()
        .take(3)
        .filter(|s| s.score > 0 && s.score * 100 >= best.score * SECOND_TOPIC)
        .map(|s| s.topic)
        .collect()
}

/// A topic is suggested beside the best one when it scores at least this percentage of it.
const SECOND_TOPIC: usize = 40;

/// What an article's text gives to compare it with articles of other languages.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub lang: usize,
    /// The numbers, in order of appearance, written the same way in every language.
    pub numbers: Vec<String>,
    /// Proper names (folded) and how they are written.
    pub names: HashMap<String, String>,
    /// The quotations.
    pub quotations: usize,
    /// Length of the text, in characters.
    pub chars: usize,
}

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:[.,\u{a0}\u{202f}]\d+)*").expect("compiles"));

/// The numbers compared are the first this many of a text (their common sequence takes the
/// product of two counts in time and memory).
const MOST_NUMBERS: usize = 1000;

/// A number as written in `lang` (`1,34` in French, `1.34` or `1,340` in English) in one
/// form: thousands separators dropped, a decimal point.
fn canonical_number(raw: &str, french: bool) -> String {
    let raw: String = raw
        .chars()
        .filter(|c| !matches!(c, '\u{a0}' | '\u{202f}'))
        .collect();
    let (thousands, decimal) = if french { ('.', ',') } else { (',', '.') };
    let groups: Vec<&str> = raw.split(thousands).collect();
    let raw = if groups.len() > 1 && groups[1..].iter().all(|g| g.len() >= 3) {
        raw.replace(thousands, "")
    } else {
        raw
    };
    raw.replace(decimal, ".")
}

/// The profile of an article's plain text in `lang`.
pub fn profile(config: &Config, lang: usize, text: &str) -> Profile {
    let french = config.languages[lang].code.split('-').next() == Some("fr");
    let numbers = NUMBER
        .find_iter(text)
        .take(MOST_NUMBERS)
        .map(|m| canonical_number(m.as_str().trim_end_matches([',', '.']), french))
        .collect();
    Profile {
        lang,
        numbers,
        names: names(text),
        quotations: text.matches(['«', '“']).count() + text.matches('"').count() / 2,
        chars: text.chars().count(),
    }
}

/// Words written with a capital inside sentences (names), and acronyms: `Kim`, `DTEX`.
/// A word the text also writes in lower case is a common word that began a sentence.
fn names(text: &str) -> HashMap<String, String> {
    let mut lower: HashSet<String> = HashSet::new();
    let mut found: HashMap<String, String> = HashMap::new();
    let mut sentence_start = true;
    for token in text.split(|c: char| c.is_whitespace()) {
        let word: &str = token.trim_matches(|c: char| !c.is_alphanumeric());
        let word = word.split(['’', '\'']).next_back().unwrap_or(word);
        let ends = token
            .trim_end_matches(['»', '”', '"', '’', ')'])
            .ends_with(['.', '!', '?', ':', '…']);
        let starts_quote = token.starts_with(['«', '“', '"']);
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            let rest: Vec<char> = chars.collect();
            let acronym = !rest.is_empty()
                && first.is_uppercase()
                && rest.iter().all(|c| c.is_uppercase() || c.is_ascii_digit());
            if first.is_lowercase() {
                lower.insert(fold(word));
            } else if first.is_uppercase()
                && !rest.is_empty()
                && (acronym || (!sentence_start && !starts_quote))
            {
                found.entry(fold(word)).or_insert_with(|| word.to_string());
            }
        }
        sentence_start = ends || token.is_empty() && sentence_start;
    }
    found.retain(|folded, _| !lower.contains(folded));
    found
}

/// How alike two articles of different languages are.
#[derive(Debug, Clone, Default)]
pub struct Likeness {
    /// From 0 to 1.
    pub confidence: f64,
    /// The numbers both give in the same order.
    pub numbers: Vec<String>,
    pub numbers_of: (usize, usize),
    /// The names both use, rarest first.
    pub names: Vec<String>,
    pub quotations: (usize, usize),
}

/// A proposed translation with at least this confidence is paired (`translation_key`).
pub const HIGH: f64 = 0.6;
/// Below this, no translation is proposed.
pub const POSSIBLE: f64 = 0.35;

/// The longest common subsequence of two sequences.
fn common_sequence(a: &[String], b: &[String]) -> Vec<String> {
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push(a[i].clone());
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// How many of the profiles compared use each name: names every article uses say little.
pub fn name_counts<'a>(profiles: impl Iterator<Item = &'a Profile>) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for profile in profiles {
        for name in profile.names.keys() {
            *counts.entry(name.clone()).or_insert(0) += 1;
        }
    }
    counts
}

/// How likely `a` and `b` (of different languages) are translations of each other, from the
/// numbers they give in the same order, the names they share (weighted by rarity among the
/// `total` profiles of `counts`), and how many quotations they hold; lengths far apart lower
/// it.
pub fn likeness(
    a: &Profile,
    b: &Profile,
    counts: &HashMap<String, usize>,
    total: usize,
) -> Likeness {
    let numbers = common_sequence(&a.numbers, &b.numbers);
    let (confidence, shared) = confidence(a, b, numbers.len(), counts, total);
    Likeness {
        confidence,
        numbers,
        numbers_of: (a.numbers.len(), b.numbers.len()),
        names: shared.iter().map(|n| a.names[n.as_str()].clone()).collect(),
        quotations: (a.quotations, b.quotations),
    }
}

/// At least [`likeness`]'s confidence, in time linear in the texts: the numbers are counted
/// shared in any order. Used to pick the few articles of a large dossier worth comparing.
pub fn likeness_bound(
    a: &Profile,
    b: &Profile,
    counts: &HashMap<String, usize>,
    total: usize,
) -> f64 {
    let mut left: HashMap<&str, usize> = HashMap::new();
    for n in &a.numbers {
        *left.entry(n).or_insert(0) += 1;
    }
    let mut shared = 0;
    for n in &b.numbers {
        if let Some(k) = left.get_mut(n.as_str()).filter(|k| **k > 0) {
            *k -= 1;
            shared += 1;
        }
    }
    confidence(a, b, shared, counts, total).0
}

/// The confidence from `numbers` shared in order, the names shared (weighted by rarity) and
/// the quotations; and the names shared, rarest first.
fn confidence<'a>(
    a: &'a Profile,
    b: &Profile,
    numbers: usize,
    counts: &HashMap<String, usize>,
    total: usize,
) -> (f64, Vec<&'a String>) {
    let mut parts: Vec<(f64, f64)> = Vec::new();
    if a.numbers.len() >= 2 && b.numbers.len() >= 2 {
        let longest = a.numbers.len().max(b.numbers.len());
        parts.push((0.5, numbers as f64 / longest as f64));
    }
    let weight = |name: &str| {
        let n = counts.get(name).copied().unwrap_or(1) as f64;
        ((total as f64 + 1.0) / n).ln().max(0.05)
    };
    let mut shared: Vec<&String> = a
        .names
        .keys()
        .filter(|n| b.names.contains_key(*n))
        .collect();
    shared.sort_by(|x, y| weight(y).total_cmp(&weight(x)).then(x.cmp(y)));
    if a.names.len() >= 2 && b.names.len() >= 2 {
        let sum = |p: &Profile| p.names.keys().map(|n| weight(n)).sum::<f64>();
        let common: f64 = shared.iter().map(|n| weight(n)).sum();
        parts.push((0.35, common / sum(a).min(sum(b))));
    }
    if parts.is_empty() {
        return (0.0, shared);
    }
    let most = a.quotations.max(b.quotations);
    if most > 0 {
        parts.push((0.15, a.quotations.min(b.quotations) as f64 / most as f64));
    }
    let total_weight: f64 = parts.iter().map(|(w, _)| w).sum();
    let mut confidence = parts.iter().map(|(w, v)| w * v).sum::<f64>() / total_weight;
    let ratio = a.chars.max(1) as f64 / b.chars.max(1) as f64;
    if !(0.6..=1.7).contains(&ratio) {
        confidence *= 0.5;
    }
    (confidence, shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_one_way() {
        assert_eq!(canonical_number("1,34", true), "1.34");
        assert_eq!(canonical_number("1.34", false), "1.34");
        assert_eq!(canonical_number("1,340", false), "1340");
        assert_eq!(canonical_number("1.340", true), "1340");
        assert_eq!(canonical_number("10\u{202f}000", true), "10000");
        assert_eq!(canonical_number("2025", true), "2025");
    }

    #[test]
    fn names_inside_sentences() {
        let names =
            names("Le président Donald Trump a parlé. Il a vu Kim Jong Un et la DTEX. Le rapport.");
        let mut found: Vec<&str> = names.values().map(String::as_str).collect();
        found.sort_unstable();
        assert_eq!(found, ["DTEX", "Donald", "Jong", "Kim", "Trump", "Un"]);
    }

    #[test]
    fn common_subsequence_keeps_order() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            common_sequence(
                &s(&["2025", "10", "20", "103"]),
                &s(&["2025", "10", "20", "350", "103"])
            ),
            s(&["2025", "10", "20", "103"])
        );
        assert!(common_sequence(&s(&["1", "2"]), &s(&["2", "1"])).len() == 1);
    }

    proptest::proptest! {
        #[test]
        fn the_bound_is_never_below_the_confidence(
            a in proptest::collection::vec(0u8..6, 0..30),
            b in proptest::collection::vec(0u8..6, 0..30),
            quotes in (0usize..4, 0usize..4),
        ) {
            let profile = |numbers: &[u8], quotations: usize| Profile {
                lang: 0,
                numbers: numbers.iter().map(u8::to_string).collect(),
                names: [("kim", "Kim"), ("dtex", "DTEX"), ("trump", "Trump")]
                    .iter()
                    .take(numbers.len() % 4)
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                quotations,
                chars: 100 + numbers.len() * 10,
            };
            let (a, b) = (profile(&a, quotes.0), profile(&b, quotes.1));
            let counts = name_counts([&a, &b].into_iter());
            let exact = likeness(&a, &b, &counts, 2).confidence;
            proptest::prop_assert!(likeness_bound(&a, &b, &counts, 2) >= exact - 1e-12);
            proptest::prop_assert!((0.0..=1.0).contains(&exact));
        }
    }

    #[test]
    fn keywords_match_words_plurals_and_prefixes() {
        let text = [
            "le",
            "conseil",
            "de",
            "securite",
            "des",
            "nations",
            "unies",
            "cyberattaques",
            "accords",
            "important",
        ];
        assert_eq!(occurrences(&phrase("Conseil de sécurité"), &text), 1);
        assert_eq!(occurrences(&phrase("cyber*"), &text), 1);
        assert_eq!(occurrences(&phrase("cyber"), &text), 0);
        assert_eq!(occurrences(&phrase("accord"), &text), 1);
        assert_eq!(occurrences(&phrase("import"), &text), 0);
        assert_eq!(occurrences(&phrase("sécurité nationale"), &text), 0);
    }
}
