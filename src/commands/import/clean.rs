//! Raw text → the blocks of an article: paragraphs recovered, headings and lists found, the
//! title taken, and the debris of the web page it was copied from set aside with the reason.
//! Pure: no IO.

use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

/// One block of the article's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading, level 2 or 3.
    Heading(u8, String),
    Paragraph(String),
    /// A list item; `Some(n)` when the source numbered it.
    Item(Option<u32>, String),
    /// A publisher's notice (disclaimer, editor's note), set in italics.
    Note(String),
}

impl Block {
    /// Its text, whatever its kind.
    pub fn text(&self) -> &str {
        match self {
            Block::Heading(_, t) | Block::Paragraph(t) | Block::Item(_, t) | Block::Note(t) => t,
        }
    }
}

/// Why a line was left out of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// "Lire la suite", "Read Next", "Voir aussi : …", "Articles similaires".
    MoreLinks,
    /// Photo credits and image captions.
    Caption,
    /// A comment form and its labels.
    Comments,
    /// Share buttons.
    Share,
    /// The page's own navigation ("Retour en haut", "Newsletter").
    Navigation,
    /// A short line in another script than the article's (a button label).
    OtherScript,
    /// A section label above or below the headline ("INTERNATIONAL").
    Label,
    /// A pattern of `[import] debris` in the config.
    Config,
    /// The source's name, moved into the front matter.
    Source,
}

impl Why {
    pub fn words(self) -> &'static str {
        match self {
            Why::MoreLinks => "links to other articles",
            Why::Caption => "photo credit or caption",
            Why::Comments => "comment form",
            Why::Share => "share buttons",
            Why::Navigation => "page navigation",
            Why::OtherScript => "a line in another script",
            Why::Label => "section label",
            Why::Config => "[import] debris of config.toml",
            Why::Source => "moved to `source`",
        }
    }
}

/// A line left out: its number in the source, why, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub line: usize,
    pub why: Why,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The headline and its line, when the text has one.
    pub headline: Option<(String, usize)>,
    pub blocks: Vec<Block>,
    pub removed: Vec<Removed>,
    /// The source named by a `Source : …` line.
    pub source: Option<String>,
}

/// Unicode text as it comes from a copied page: byte-order mark, `\r`, zero-width and control
/// characters removed, tabs made spaces.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

fn pattern(source: &str) -> Regex {
    RegexBuilder::new(source)
        .case_insensitive(true)
        .build()
        .expect("built-in patterns compile")
}

/// Built-in debris, French and English, each matched against a whole trimmed line.
static DEBRIS: LazyLock<Vec<(Why, Regex)>> = LazyLock::new(|| {
    let q = "['’]";
    vec![
        (
            Why::MoreLinks,
            pattern(&format!(
                r"^(?:lire la suite|lire aussi|à lire aussi|a lire aussi|à lire également|voir aussi|read next|read more|read also|see also|also read|related|related articles?|related posts?|related stories|related news|more on this|more from [\p{{L}}\s]+|articles? similaires|articles? connexes|articles? liés|sur le même sujet|dans la même rubrique|les plus lus|most read|most popular|you may also like|you might also like|vous aimerez aussi|vous aimerez peut-être aussi|recommended(?: for you)?|à découvrir|à ne pas manquer|don{q}t miss|continuer la lecture|continue reading|suite de l{q}article)\s*[:：.…]*$"
            )),
        ),
        (
            Why::MoreLinks,
            pattern(
                r"^(?:lire aussi|à lire aussi|a lire aussi|voir aussi|read next|read more|see also|also read|related|à lire également|sur le même sujet)\s*[:：]\s*\S.*$",
            ),
        ),
        (
            Why::Caption,
            pattern(&format!(
                r"^(?:photo|photos|image|images|illustration|crédits?|credits?|crédits? photo|photo credits?|image credits?|photo courtesy(?: of)?|courtesy(?: of)?|photo avec l{q}aimable autorisation(?: de)?|avec l{q}aimable autorisation(?: de)?|source(?: de l{q}image| photo| image)|légende|caption)\s*[:：].*$"
            )),
        ),
        (Why::Caption, pattern(r"^(?:©|\(c\)|copyright\b).{0,120}$")),
        (
            Why::Caption,
            pattern(r"^\(?(?:photo|image|crédit|credit)s?\s*[:：][^()]{0,120}\)?$"),
        ),
        (
            Why::Caption,
            pattern(
                r"^[\p{L}\p{N}\s'’,&-]{0,60}\b(?:illustration|image|photo|picture|thumbnail|infographic|infographie|diaporama|slideshow|gallery|galerie)s?$",
            ),
        ),
        (
            Why::Caption,
            pattern(
                r"^(?:getty images|afp|reuters|ap photo|shutterstock|istock|adobe stock)(?:\s*/\s*[\p{L}\s.]+)?$",
            ),
        ),
        (
            Why::Comments,
            pattern(
                r"^(?:laisser un commentaire|laissez un commentaire|ajouter un commentaire|écrire un commentaire|leave a (?:reply|comment)|post a comment|add a comment|write a comment|\d+\s+(?:commentaires?|comments?|réponses?|replies)|commentaires?|comments?|réagir|réagissez|répondre|reply|annuler la réponse|cancel reply|publier le commentaire|envoyer le commentaire|post comment|submit comment|nom\s*\*?|name\s*\*|e-?mail\s*\*|adresse (?:e-?mail|de messagerie|électronique)\s*\*?|site web|website|commentaire\s*\*|comment\s*\*|votre adresse (?:e-?mail|de messagerie|électronique|courriel) ne sera pas publiée.*|your email address will not be published.*|les champs obligatoires sont indiqués avec.*|required fields are marked.*|enregistrer mon nom.*|save my name,? email.*|connectez-vous pour (?:commenter|réagir).*|log in to (?:comment|reply).*|vous devez être connecté.*|you must be logged in.*)$",
            ),
        ),
        (
            Why::Share,
            pattern(
                r"^(?:(?:partager|partagez|share|tweet|tweeter|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|bluesky|threads|mastodon|messenger|flipboard|e-?mail|courriel|imprimer|print|copier le lien|copy link|copy url|lien copié|link copied|envoyer|send)(?:\s*[,|·•/:：]\s*|\s+|$))+$",
            ),
        ),
        (
            Why::Share,
            pattern(
                r"^(?:partager|partagez|share)(?:\s+(?:cet article|this article|this story|this|sur|on|via|par|by)(?:\s+[\p{L}\s]{0,30})?)?\s*[:：]?$",
            ),
        ),
        (
            Why::Navigation,
            pattern(
                r"^(?:bouton )?(?:retour en haut(?: de (?:la )?page)?|back to top(?: button)?|haut de (?:la )?page|scroll to top|remonter|retour à l['’]accueil|back to home|accueil|home|menu|newsletter|s['’]abonner|abonnez-vous|subscribe|sign up|inscrivez-vous|publicité|advertisement|sponsored|contenu sponsorisé|sponsorisé|annonce|ad|pub|fermer|close|rechercher|search|suivez-nous|follow us|tags?\s*[:：].*|mots-clés\s*[:：].*|étiquettes\s*[:：].*|catégories?\s*[:：].*|categories\s*[:：].*)$",
            ),
        ),
    ]
});

/// `Source : state.gov`, `Sources: Reuters`.
static SOURCE: LazyLock<Regex> = LazyLock::new(|| pattern(r"^sources?\s*[:：]\s*(\S.{0,150})$"));

/// A publisher's notice at the start of a paragraph: `[Avertissement] …`, `Disclaimer: …`.
static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?:\[(avertissement|disclaimer|note|note de la rédaction|editor['’]s note|mise à jour|update|correction)\]\s*[:：]?|(avertissement|disclaimer|note de la rédaction|editor['’]s note|mise à jour|update|correction)\s*[:：])\s*(\S.*)$",
    )
});

/// A list item: a bullet, or a number followed by `.` or `)`.
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[•◦▪▫●○■□‣⁃∙·*–—-]\s+|(\d{1,3})[.)]\s+)(\S.*)$").expect("compiles")
});

/// Why `line` is debris, if it is (the config's patterns first).
pub fn debris(line: &str, extra: &[Regex]) -> Option<Why> {
    if extra.iter().any(|r| r.is_match(line)) {
        return Some(Why::Config);
    }
    DEBRIS
        .iter()
        .find(|(_, regex)| regex.is_match(line))
        .map(|(why, _)| *why)
}

/// The text ends a sentence (or a clause before a list, a quotation): not a heading.
fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".!?…:;,»”\"’)]".contains(c))
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A line that may be a heading or a headline: short, with no sentence ending.
fn heading_like(line: &str) -> bool {
    !ends_sentence(line) && line.chars().count() <= 160 && word_count(line) <= 24
}

/// A line that may be a headline: headlines run longer than headings.
fn headline_like(line: &str) -> bool {
    !ends_sentence(line) && line.chars().count() <= 250 && word_count(line) <= 40
}

/// The letters of `text` are mostly of another script than `main`.
fn other_script(text: &str, main: Option<whatlang::Script>) -> bool {
    let Some(main) = main else {
        return false;
    };
    text.chars().count() <= 120
        && whatlang::detect_script(text).is_some_and(|script| script != main)
}

/// One line, or one paragraph of a hard-wrapped text, with its first line.
struct Unit {
    line: usize,
    text: String,
}

/// True when the text is hard-wrapped: paragraphs run over several short lines, separated by
/// blank lines.
fn hard_wrapped(lines: &[&str]) -> bool {
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    if longest > 100 {
        return false;
    }
    lines.windows(2).any(|pair| {
        let (a, b) = (pair[0].trim(), pair[1].trim());
        a.chars().count() >= 40
            && !ends_sentence(a)
            && b.chars().next().is_some_and(char::is_lowercase)
    })
}

/// The lines of the text as units: each non-blank line, or in a hard-wrapped text each run of
/// lines between blank lines (list items start their own).
fn units(text: &str) -> Vec<Unit> {
    let lines: Vec<&str> = text.lines().collect();
    let wrapped = hard_wrapped(&lines);
    let mut units: Vec<Unit> = Vec::new();
    let mut open = false;
    for (index, raw) in lines.iter().enumerate() {
        let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            open = false;
            continue;
        }
        if wrapped && open && !ITEM.is_match(&line) {
            let last = units.last_mut().expect("an open unit");
            last.text.push(' ');
            last.text.push_str(&line);
            continue;
        }
        units.push(Unit {
            line: index + 1,
            text: line,
        });
        open = wrapped;
    }
    units
}

/// A unit kept in the article, before blocks are made of it.
enum Kept {
    Text(usize, String),
    Item(Option<u32>, String),
}

/// Cleans a normalized raw text (see [`normalize`]); `extra` holds the config's patterns.
pub fn clean(text: &str, extra: &[Regex]) -> Cleaned {
    let main_script = whatlang::detect_script(text);
    let mut cleaned = Cleaned::default();
    let mut kept: Vec<Kept> = Vec::new();
    for unit in units(text) {
        let line = unit.text;
        let why = debris(&line, extra)
            .or_else(|| other_script(&line, main_script).then_some(Why::OtherScript));
        if let Some(why) = why {
            cleaned.removed.push(Removed {
                line: unit.line,
                why,
                text: line,
            });
            continue;
        }
        if let Some(found) = SOURCE.captures(&line) {
            if cleaned.source.is_none() {
                cleaned.source = Some(found[1].trim().to_string());
            }
            cleaned.removed.push(Removed {
                line: unit.line,
                why: Why::Source,
                text: line,
            });
            continue;
        }
        match ITEM.captures(&line) {
            Some(item) => {
                let number = item.get(1).and_then(|n| n.as_str().parse().ok());
                kept.push(Kept::Item(number, item[2].to_string()));
            }
            None => kept.push(Kept::Text(unit.line, line)),
        }
    }

    // The lines above the first paragraph: the headline (the first of three words or more)
    // and, around it, short section labels. Without a headline they are headings.
    let first_paragraph = kept
        .iter()
        .position(|k| !matches!(k, Kept::Text(_, t) if headline_like(t)))
        .unwrap_or(kept.len());
    let header = &kept[..first_paragraph];
    let headline = header
        .iter()
        .position(|k| matches!(k, Kept::Text(_, t) if word_count(t) >= 3));
    let mut body: Vec<&Kept> = Vec::new();
    match headline {
        Some(at) if first_paragraph < kept.len() => {
            for (index, k) in header.iter().enumerate() {
                let Kept::Text(line, text) = k else {
                    body.push(k);
                    continue;
                };
                if index == at {
                    cleaned.headline = Some((text.clone(), *line));
                } else if word_count(text) <= 3 {
                    cleaned.removed.push(Removed {
                        line: *line,
                        why: Why::Label,
                        text: text.clone(),
                    });
                } else {
                    body.push(k);
                }
            }
            body.extend(&kept[first_paragraph..]);
        }
        _ => body.extend(&kept),
    }
    cleaned.removed.sort_by_key(|r| r.line);

    let mut blocks = Vec::new();
    for (index, k) in body.iter().enumerate() {
        match k {
            Kept::Item(number, text) => blocks.push(Block::Item(*number, text.clone())),
            Kept::Text(_, text) => {
                if heading_like(text) && index + 1 < body.len() {
                    blocks.push(Block::Heading(2, text.clone()));
                } else if let Some(notice) = NOTICE.captures(text) {
                    let word = notice.get(1).or(notice.get(2)).expect("one word");
                    blocks.push(Block::Note(format!(
                        "{}{}{}",
                        capitalize(word.as_str()),
                        if is_french_notice(word.as_str()) {
                            " : "
                        } else {
                            ": "
                        },
                        &notice[3]
                    )));
                } else {
                    blocks.extend(split_wall(text).into_iter().map(Block::Paragraph));
                }
            }
        }
    }
    levels(&mut blocks);
    cleaned.blocks = blocks;
    cleaned
}

fn is_french_notice(word: &str) -> bool {
    let word = word.to_lowercase();
    ["avertissement", "note de la rédaction", "mise à jour"].contains(&word.as_str())
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Headings that follow one another open a section with sub-sections: the first is level 2,
/// and the headings after it level 3, until the next such pair.
fn levels(blocks: &mut [Block]) {
    let mut sub = false;
    for index in 0..blocks.len() {
        if !matches!(blocks[index], Block::Heading(..)) {
            continue;
        }
        let opens = matches!(blocks.get(index + 1), Some(Block::Heading(..)));
        let level = if opens {
            sub = true;
            2
        } else if sub {
            3
        } else {
            2
        };
        if let Block::Heading(l, _) = &mut blocks[index] {
            *l = level;
        }
    }
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "Mgr", "St", "Ste", "Mr", "Mrs", "Ms",
    "Jr", "Sr", "Co", "Corp", "Inc", "Ltd", "Gen", "Col", "Lt", "Sgt", "Gov", "Sen", "Rep", "Prof",
    "No", "Nos", "vol", "p", "pp", "art", "av", "bd", "etc", "cf", "env", "janv", "févr", "avr",
    "juil", "sept", "oct", "nov", "déc", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "U.S", "U.N", "U.K", "E.U",
];

/// The sentences of a paragraph: cut after `.`, `!`, `?` or `…` (and closing quotes) before a
/// capital letter, an opening quote or a digit, except after an abbreviation or an initial.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '»' | '’' | ')' | '\u{a0}')
            {
                j += 1;
            }
            let spaced = j < chars.len() && chars[j].1 == ' ';
            let next = chars.get(j + 1).map(|&(_, n)| n);
            let starts = next.is_some_and(|n| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '«' | '“' | '"' | '(')
            });
            // (The word before is looked at only where a sentence may end: once per word.)
            let abbreviation = || {
                let word_before = text[start..at]
                    .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                    .next()
                    .unwrap_or("");
                c == '.'
                    && (ABBREVIATIONS.contains(&word_before)
                        || (word_before.chars().count() == 1
                            && word_before.chars().all(char::is_uppercase)))
            };
            if spaced && starts && !abbreviation() {
                let end = chars[j].0;
                out.push(text[start..end].trim());
                start = end;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// A paragraph longer than this is a wall of text run together by the copy: it is cut into
/// paragraphs of whole sentences.
const WALL: usize = 1200;
/// Sentences are gathered into a paragraph until it reaches this length.
const PARAGRAPH: usize = 450;

fn split_wall(text: &str) -> Vec<String> {
    if text.chars().count() <= WALL {
        return vec![text.to_string()];
    }
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for sentence in sentences(text) {
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(sentence);
        if current.chars().count() >= PARAGRAPH {
            paragraphs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        // A short tail joins the paragraph before it.
        match paragraphs.last_mut() {
            Some(last) if current.chars().count() < PARAGRAPH / 3 => {
                last.push(' ');
                last.push_str(&current);
            }
            _ => paragraphs.push(current),
        }
    }
    paragraphs
}

/// Text as Markdown that shows it as it is: the characters Markdown would read as syntax are
/// escaped.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // What would start a block: a heading, a quotation, a list, a rule, a numbered item.
    static START: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(#|\+|-|=|(\d{1,9})([.)]))").expect("compiles"));
    if let Some(found) = START.captures(&out) {
        let cut = found.get(2).map_or(0, |digits| digits.end());
        out.insert(cut, '\\');
    }
    // Entity references (`&amp;`) would be decoded.
    static ENTITY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"&(#?[A-Za-z0-9]+;)").expect("compiles"));
    ENTITY.replace_all(&out, r"\&$1").into_owned()
}

/// The blocks as Markdown.
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Block> = None;
    for (index, block) in blocks.iter().enumerate() {
        let item = matches!(block, Block::Item(..));
        if previous.is_some() {
            // Items of one list follow one another; every other block is set apart.
            out.push_str(if item && matches!(previous, Some(Block::Item(..))) {
                "\n"
            } else {
                "\n\n"
            });
        }
        match block {
            Block::Heading(level, text) => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(&escape_markdown(text));
            }
            Block::Paragraph(text) => out.push_str(&escape_markdown(text)),
            Block::Item(Some(number), text) => {
                out.push_str(&format!("{number}. {}", escape_markdown(text)));
            }
            Block::Item(None, text) => {
                out.push_str("- ");
                out.push_str(&escape_markdown(text));
            }
            Block::Note(text) => {
                // A notice that closes the article is set apart by a rule.
                if index + 1 == blocks.len() && index > 0 {
                    out.push_str("---\n\n");
                }
                out.push('*');
                out.push_str(&escape_markdown(text));
                out.push('*');
            }
        }
        previous = Some(block);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debris_lines() {
        for line in [
            "Lire la suite :",
            "Read Next:",
            "Voir aussi : Jensen Huang veut savoir si CC Wei « paie encore sa » dîner",
            "Articles similaires",
            "Photo courtesy: Shutterstock",
            "Photo avec l’aimable autorisation de : Shutterstock",
            "Laisser un commentaire",
            "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Bouton retour en haut de la page",
            "Back to top button",
            "Summary illustration",
            "Background and Context illustration",
            "Partager",
            "Share this article",
            "Facebook Twitter LinkedIn Email",
            "Partager : Facebook, X, WhatsApp",
            "© AFP 2024",
        ] {
            assert!(debris(line, &[]).is_some(), "{line}");
        }
        for line in [
            "Actualités connexes",
            "Résumé de l’actualité",
            "Points clés :",
            "Related talks were held in Seoul on Friday.",
            "Le rapport divulgué, envoyé au comité des sanctions.",
            "Photographs taken by the satellite show a new launch pad.",
            "Share prices fell after the announcement.",
            "Share prices fell",
            "Trump Pursues Direct Diplomacy Despite Nuclear Escalation",
        ] {
            assert_eq!(debris(line, &[]), None, "{line}");
        }
    }

    #[test]
    fn share_buttons_in_another_script_go() {
        let text = "Titre de l’article sur la Corée du Nord\n\nUn paragraphe en français, assez long pour être un paragraphe.\n\nタイトルとURLをコピーしました\n";
        let cleaned = clean(text, &[]);
        assert_eq!(cleaned.removed.len(), 1);
        assert_eq!(cleaned.removed[0].why, Why::OtherScript);
        assert_eq!(cleaned.removed[0].line, 5);
    }

    #[test]
    fn headline_labels_headings_lists_notices() {
        let text = "INTERNATIONAL\n\nLa Corée du Nord a volé 2 milliards de dollars\n\nActualités Internationales\n\n[Avertissement] Cet article a été reconstruit.\n\nNotre commentaire\n\nContexte\n\nUn paragraphe.\n\nPoints clés :\n\n  • Un.\n  • Deux.\n\nAnalyse\n\nUn autre paragraphe.\n\nSource : state.gov-Collected Department Releases\n";
        let cleaned = clean(text, &[]);
        assert_eq!(
            cleaned.headline,
            Some(("La Corée du Nord a volé 2 milliards de dollars".into(), 3))
        );
        assert_eq!(
            cleaned.source.as_deref(),
            Some("state.gov-Collected Department Releases")
        );
        let removed: Vec<(usize, Why)> = cleaned.removed.iter().map(|r| (r.line, r.why)).collect();
        assert_eq!(
            removed,
            [(1, Why::Label), (5, Why::Label), (24, Why::Source)]
        );
        assert_eq!(
            markdown(&cleaned.blocks),
            "*Avertissement : Cet article a été reconstruit.*\n\n## Notre commentaire\n\n### Contexte\n\nUn paragraphe.\n\nPoints clés :\n\n- Un.\n- Deux.\n\n### Analyse\n\nUn autre paragraphe.\n"
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "A headline for the text\n\nThe first paragraph of a text that was wrapped\nat seventy-two columns by the program that saved\nit, as mail programs do.\n\nThe second one, which\nis shorter.\n";
        let cleaned = clean(text, &[]);
        assert_eq!(cleaned.headline.as_ref().map(|h| h.1), Some(1));
        assert_eq!(
            cleaned.blocks,
            [
                Block::Paragraph("The first paragraph of a text that was wrapped at seventy-two columns by the program that saved it, as mail programs do.".into()),
                Block::Paragraph("The second one, which is shorter.".into()),
            ]
        );
    }

    #[test]
    fn sentence_cuts() {
        assert_eq!(
            sentences(
                "M. Kim a parlé. Korean Air Lines Co. announced orders. « Oui », dit-il ! 2019 fut long."
            ),
            [
                "M. Kim a parlé.",
                "Korean Air Lines Co. announced orders.",
                "« Oui », dit-il !",
                "2019 fut long."
            ]
        );
        assert_eq!(
            sentences("The U.S. Treasury acted. J. Smith agreed."),
            ["The U.S. Treasury acted.", "J. Smith agreed."]
        );
    }

    #[test]
    fn walls_are_cut_at_sentences() {
        let sentence =
            "Une phrase d’une longueur moyenne, comme on en écrit dans un article de presse. ";
        let wall = sentence.repeat(30);
        let paragraphs = split_wall(wall.trim());
        assert!(paragraphs.len() > 3);
        assert!(paragraphs.iter().all(|p| p.ends_with('.')));
        assert_eq!(paragraphs.join(" "), wall.trim());
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(escape_markdown("2019. Une année"), "2019\\. Une année");
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(
            escape_markdown("a *b* [c](d) <e> AT&amp;T"),
            "a \\*b\\* \\[c\\](d) \\<e\\> AT\\&amp;T"
        );
        assert_eq!(escape_markdown("- dash"), "\\- dash");
    }
}
