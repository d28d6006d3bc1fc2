//! An article's reading paths (`model::reading`) as its page shows them: for each of its
//! topics a link back to the topic and to the next older and newer article of it, then its
//! related articles. A link to a page in another language says so, with `hreflang`.
//!
//! Made here as one piece of HTML (`article.reading_paths`), not through the template: some
//! ten links a page, each looked up field by field in Tera, cost more than the rest of the
//! article's furniture (BENCHMARKS.md). A template places it, or leaves it out; its classes
//! are the stylesheet's.

use std::fmt::Write;
use std::sync::Arc;

use super::Renderer;
use super::markdown::escape;
use crate::model::reading::Paths;
use crate::site::urls;

impl Renderer<'_> {
    /// Every article's reading paths, made once per build (or handed over: `with_reading_paths`).
    pub(crate) fn reading_paths(&self) -> &[Paths] {
        self.reading
            .get_or_init(|| Arc::new(self.dossier.reading_paths()))
    }

    /// The reading paths, shared, to keep for the next build while nothing they depend on
    /// changes (the live preview's text edits).
    pub fn reading_arc(&self) -> Arc<Vec<Paths>> {
        self.reading_paths();
        Arc::clone(self.reading.get().expect("made above"))
    }

    /// The renderer, with the reading paths of its dossier already made.
    pub fn with_reading_paths(self, paths: Arc<Vec<Paths>>) -> Self {
        let _ = self.reading.set(paths);
        self
    }

    /// The `<nav>` of the article `id`'s reading paths, linked from `from` (empty when it
    /// leads nowhere: a reference page).
    pub(crate) fn paths_html(&self, id: usize, from: &str) -> String {
        let paths = &self.reading_paths()[id];
        if paths.topics.is_empty() && paths.related.is_empty() {
            return String::new();
        }
        let lang = self.dossier.articles[id].lang;
        let config = self.config();
        let language = &config.languages[lang];
        let string = |key: &str| escape(language.string(key));
        let mut html = String::with_capacity(2048);
        let _ = write!(
            html,
            "  <nav class=\"reading-paths\" aria-labelledby=\"paths-heading\">\n    <h2 id=\"paths-heading\">{}</h2>\n",
            string("continue_reading")
        );
        if !paths.topics.is_empty() {
            html.push_str("    <ul class=\"topic-paths\">\n");
            for n in &paths.topics {
                let href = urls::relative(from, &self.nav_targets[lang].topics[n.topic]);
                let _ = writeln!(
                    html,
                    "      <li class=\"topic-path\"><a class=\"topic-path-name\" href=\"{}\">{}</a>",
                    escape(&href),
                    escape(&config.topics[n.topic].names[lang])
                );
                if n.newer.is_some() || n.older.is_some() {
                    html.push_str("        <ul>\n");
                    for (class, key, rel, target) in [
                        ("newer", "newer", " rel=\"next\"", n.newer),
                        ("older", "older", " rel=\"prev\"", n.older),
                    ] {
                        if let Some(target) = target {
                            let _ = write!(
                                html,
                                "          <li class=\"{class}\"><span class=\"path-direction\">{}</span> ",
                                string(key)
                            );
                            self.path_link(&mut html, target, lang, from, rel);
                            html.push_str("</li>\n");
                        }
                    }
                    html.push_str("        </ul>\n");
                }
                html.push_str("      </li>\n");
            }
            html.push_str("    </ul>\n");
        }
        if !paths.related.is_empty() {
            let _ = write!(
                html,
                "    <h3 class=\"related-heading\">{}</h3>\n    <ul class=\"related\">\n",
                string("related")
            );
            for &target in &paths.related {
                html.push_str("      <li>");
                self.path_link(&mut html, target, lang, from, "");
                let _ = writeln!(
                    html,
                    " <time datetime=\"{}\">{}</time></li>",
                    self.dossier.articles[target].date_iso(),
                    escape(&self.date_in(lang, target))
                );
            }
            html.push_str("    </ul>\n");
        }
        html.push_str("  </nav>\n");
        html
    }

    /// A link to `target` from the page `from` in `lang`, with its relation `rel`
    /// (` rel="prev"`): `hreflang`, a `lang` on its title and a mark ("in French", in the
    /// page's language) when the target is in another language.
    fn path_link(&self, html: &mut String, target: usize, lang: usize, from: &str, rel: &str) {
        let languages = &self.config().languages;
        let article = &self.dossier.articles[target];
        let href = urls::relative(from, self.article_path(target));
        let (attributes, rest) = self.link_texts[target * languages.len() + lang].get_or_init(|| {
            let title = escape(&languages[article.lang].typeset(&article.title));
            match article.lang == lang {
                true => (String::new(), [">", &title, "</a>"].concat()),
                false => {
                    let code = &languages[article.lang].code;
                    let mark = escape(languages[lang].string(&["in_", code].concat()));
                    (
                        format!(" hreflang=\"{code}\""),
                        format!(
                            "><span lang=\"{code}\">{title}</span></a> <span class=\"in-lang\">({mark})</span>"
                        ),
                    )
                }
            }
        });
        html.push_str("<a href=\"");
        html.push_str(&escape(&href));
        html.push('"');
        html.push_str(attributes);
        html.push_str(rel);
        html.push_str(rest);
    }
}
