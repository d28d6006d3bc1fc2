//! What every page's template context has (`Common`), how a page's context is put into Tera's,
//! and the parts of it shared by several kinds of page.

use std::sync::Arc;

use serde::Serialize;

use super::templates::{self};
use super::{Nav, Renderer};
use crate::config::Language;
use crate::error::Diagnostic;
use crate::site::pages::{Alternate, Page, alternates};
use crate::site::urls;

/// What differs between pages in their `<head>` and switcher.
pub(crate) struct Head {
    pub root: String,
    pub title: String,
    pub description: String,
    pub alternates: Vec<Alternate>,
    pub switcher: Vec<Switch>,
}

/// The context of a whole page: its own fields beside the ones every page has.
pub(crate) trait PageContext {
    fn common(&self) -> &Common;
    /// Puts the page's own fields into its context, each under its name.
    fn insert_into(&self, context: &mut tera::Context) -> Result<(), Diagnostic>;
}

/// Puts `value` into `context` under `key`, made into a template value.
pub(crate) fn put(
    context: &mut tera::Context,
    key: &'static str,
    value: &(impl Serialize + ?Sized),
) -> Result<(), Diagnostic> {
    let value = tera::Value::try_from_serializable(value).map_err(|e| templates::diagnostic(&e))?;
    context.insert_value(key, value);
    Ok(())
}

/// `PageContext` for each page's context: a struct of `common` and the fields named, each a
/// variable of its template (the destructuring fails to compile when one is left out).
macro_rules! page_context {
    ($($context:ident { $($field:ident),* }),* $(,)?) => {
        $(impl $crate::render::PageContext for $context {
            fn common(&self) -> &$crate::render::Common {
                &self.common
            }

            fn insert_into(
                &self,
                context: &mut tera::Context,
            ) -> Result<(), $crate::error::Diagnostic> {
                let $context { common: _, $($field),* } = self;
                $($crate::render::put(context, stringify!($field), $field)?;)*
                Ok(())
            }
        })*
    };
}
pub(crate) use page_context;

pub(crate) struct Common {
    /// `lang`, `site`, `topics_nav` and the links of the navigation and stylesheets
    /// (`home_href`…), as template values shared by the pages that link alike.
    pub nav: Arc<Nav>,
    /// The language whose UI strings the page shows: they go into its context as a value
    /// converted once (`Renderer::strings`), not serialized again for every page.
    pub strings: usize,
    /// Prefix from this page to the output root: `../../`, empty at the root, `base_url` on 404.
    pub root: String,
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    /// The page's language as Open Graph writes it (`fr_FR`), and its other versions'.
    pub og_locale: String,
    pub og_locale_alternates: Vec<String>,
    pub languages: Vec<Switch>,
    /// True on the timeline itself (the navigation marks it).
    pub timeline_current: bool,
    /// True on the search page itself (it has its own search field).
    pub search_current: bool,
    /// True on the briefing itself.
    pub briefing_current: bool,
}

impl Common {
    /// Puts the fields every page has into its context (the navigation's and the strings'
    /// values are put in by `Renderer::to_context`).
    pub(crate) fn insert_into(&self, context: &mut tera::Context) -> Result<(), Diagnostic> {
        let Common {
            nav: _,
            strings: _,
            root,
            title,
            description,
            canonical,
            alternates,
            og_locale,
            og_locale_alternates,
            languages,
            timeline_current,
            search_current,
            briefing_current,
        } = self;
        put(context, "root", root)?;
        put(context, "title", title)?;
        put(context, "description", description)?;
        put(context, "canonical", canonical)?;
        put(context, "alternates", alternates)?;
        put(context, "og_locale", og_locale)?;
        put(context, "og_locale_alternates", og_locale_alternates)?;
        put(context, "languages", languages)?;
        put(context, "timeline_current", timeline_current)?;
        put(context, "search_current", search_current)?;
        put(context, "briefing_current", briefing_current)?;
        Ok(())
    }
}

/// A language code as Open Graph's `og:locale` writes it (`fr` → `fr_FR`): a code with its
/// region as it is, the usual region of the common languages, else the code alone.
pub(crate) fn og_locale(code: &str) -> String {
    if let Some((language, region)) = code.split_once(['-', '_']) {
        return format!("{}_{}", language.to_lowercase(), region.to_uppercase());
    }
    let region = match code {
        "fr" => "FR",
        "en" => "GB",
        "de" => "DE",
        "es" => "ES",
        "it" => "IT",
        "pt" => "PT",
        "nl" => "NL",
        "ko" => "KR",
        "ja" => "JP",
        "zh" => "CN",
        "ru" => "RU",
        "ar" => "AR",
        _ => return code.to_string(),
    };
    format!("{code}_{region}")
}

#[derive(Serialize)]
pub(crate) struct LangContext {
    pub code: String,
    pub name: String,
}

#[derive(Serialize)]
pub(crate) struct SiteContext {
    pub title: String,
    pub description: String,
    pub base_url: String,
}

/// One entry of the language switcher.
#[derive(Serialize)]
pub(crate) struct Switch {
    pub code: String,
    pub name: String,
    pub href: String,
    pub current: bool,
    /// False when the page has no version in this language: `href` leads to that
    /// language's home and `notice` says so, in that language.
    pub available: bool,
    pub notice: String,
}

impl Renderer<'_> {
    /// A page's context: each of its fields, and of the fields every page has, under its own
    /// name (made into a template value one by one: no map of the whole page is made first).
    pub(crate) fn to_context<T: PageContext>(
        &self,
        value: &T,
    ) -> Result<tera::Context, Diagnostic> {
        let mut context = tera::Context::new();
        let common = value.common();
        common.insert_into(&mut context)?;
        value.insert_into(&mut context)?;
        context.insert_value("strings", self.strings[common.strings].clone());
        for (key, value) in &common.nav.values {
            context.insert_value(*key, value.clone());
        }
        Ok(context)
    }

    pub(crate) fn common(&self, lang: usize, path: &str, head: Head) -> Common {
        self.common_marking(lang, path, head, &[])
    }

    /// The common context of a page whose navigation marks the `current` topics.
    pub(crate) fn common_marking(
        &self,
        lang: usize,
        path: &str,
        head: Head,
        current: &[usize],
    ) -> Common {
        let Head {
            root,
            title,
            description,
            alternates,
            switcher,
        } = head;
        let code = &self.config().languages[lang].code;
        let og_locale_alternates = alternates
            .iter()
            .filter(|a| a.hreflang != "x-default" && a.hreflang != *code)
            .map(|a| og_locale(&a.hreflang))
            .collect();
        Common {
            nav: self.nav(lang, path, &root, current),
            og_locale: og_locale(code),
            og_locale_alternates,
            strings: lang,
            timeline_current: false,
            search_current: false,
            briefing_current: false,
            canonical: urls::absolute(self.config(), path),
            root,
            title,
            description,
            alternates,
            languages: switcher,
        }
    }

    /// Alternates and switcher for pages that exist in every language (homes, topic pages).
    pub(crate) fn everywhere(
        &self,
        page: Page,
        lang: usize,
        path_in: impl Fn(&Language) -> String,
        from: &str,
    ) -> (Vec<Alternate>, Vec<Switch>) {
        let alternates = alternates(self.dossier, page);
        let switcher = self.every_language(lang, |l| urls::relative(from, &path_in(l)));
        (alternates, switcher)
    }

    /// The switcher of a page that every language has: each language, at `href`, `lang`'s
    /// marked current.
    pub(crate) fn every_language(
        &self,
        lang: usize,
        href: impl Fn(&Language) -> String,
    ) -> Vec<Switch> {
        self.config()
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| Switch {
                code: l.code.clone(),
                name: l.name.clone(),
                href: href(l),
                current: i == lang,
                available: true,
                notice: String::new(),
            })
            .collect()
    }

    /// The common context of a page that every language has under a name of its own
    /// (timeline, search, briefing): titled with the string `key`, described by
    /// `<key>_description`.
    pub(crate) fn named_page(
        &self,
        page: Page,
        lang: usize,
        path_in: impl Fn(&Language) -> String,
        path: &str,
        key: &str,
    ) -> Common {
        let language = &self.config().languages[lang];
        let (alternates, switcher) = self.everywhere(page, lang, path_in, path);
        self.common(
            lang,
            path,
            Head {
                root: urls::root_of(path),
                title: format!("{} · {}", language.string(key), language.title),
                description: language.string(&format!("{key}_description")).to_string(),
                alternates,
                switcher,
            },
        )
    }
}
