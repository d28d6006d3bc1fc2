//! The pages of a long list (a topic's articles, the timeline): which articles a page holds,
//! and the links between its pages, numbered as Hugo's and Zola's paginators number them.

use serde::Serialize;

use crate::site::urls;

/// How many numbered links a page shows on each side of its own, besides the first and last.
const AROUND: usize = 2;

/// The links between the pages of a list, as `pagination.html` shows them; none when the
/// list fits on one page.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Pagination {
    /// This page's number, from 1.
    pub current: usize,
    pub total: usize,
    /// This page's name (`page 2`).
    pub label: String,
    /// Empty on the first page.
    pub prev_href: String,
    /// Empty on the last page.
    pub next_href: String,
    /// The first and last pages, and those near this one; a gap (`number` 0) where pages are
    /// left out.
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct PageLink {
    /// 0 for a gap.
    pub number: usize,
    pub href: String,
    pub current: bool,
    /// `page 3`, for screen readers (`page_number`); empty for a gap.
    pub label: String,
}

/// The positions of page `page` (from 1) in a list of `count` items, `per_page` a page.
pub(crate) fn slice(count: usize, page: usize, per_page: usize) -> std::ops::Range<usize> {
    let start = (page.max(1) - 1).saturating_mul(per_page).min(count);
    start..start.saturating_add(per_page).min(count)
}

/// The links of page `current` of `total`, from the page at `from`; `path_of(n)` is page `n`'s
/// output path, `page_number` the UI string that names a page (`page {number}`).
pub(crate) fn pagination(
    from: &str,
    current: usize,
    total: usize,
    page_number: &str,
    path_of: impl Fn(usize) -> String,
) -> Option<Pagination> {
    if total <= 1 {
        return None;
    }
    let href = |n: usize| urls::relative(from, &path_of(n));
    let link = |n: usize| PageLink {
        number: n,
        href: href(n),
        current: n == current,
        label: page_number.replace("{number}", &n.to_string()),
    };
    let mut pages = Vec::new();
    let mut last_shown = 0;
    for n in 1..=total {
        let near = n.abs_diff(current) <= AROUND;
        if n == 1 || n == total || near {
            // A gap of one page shows that page instead.
            if n == last_shown + 2 {
                pages.push(link(n - 1));
            } else if n > last_shown + 2 {
                pages.push(PageLink {
                    number: 0,
                    href: String::new(),
                    current: false,
                    label: String::new(),
                });
            }
            pages.push(link(n));
            last_shown = n;
        }
    }
    Some(Pagination {
        current,
        total,
        label: page_number.replace("{number}", &current.to_string()),
        prev_href: if current > 1 {
            href(current - 1)
        } else {
            String::new()
        },
        next_href: if current < total {
            href(current + 1)
        } else {
            String::new()
        },
        pages,
    })
}

/// A page's title with its number after the first page: `Diplomatie · page 2`.
pub(crate) fn numbered(title: &str, page: usize, page_number: &str) -> String {
    match page {
        0 | 1 => title.to_string(),
        _ => [
            title,
            " · ",
            &page_number.replace("{number}", &page.to_string()),
        ]
        .concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_consecutive_slices_and_the_last_what_remains() {
        assert_eq!(slice(120, 1, 50), 0..50);
        assert_eq!(slice(120, 2, 50), 50..100);
        assert_eq!(slice(120, 3, 50), 100..120);
        assert_eq!(slice(120, 4, 50), 120..120);
        assert_eq!(slice(0, 1, 50), 0..0);
    }

    fn numbers(p: &Pagination) -> Vec<String> {
        p.pages
            .iter()
            .map(|l| match (l.number, l.current) {
                (0, _) => "…".to_string(),
                (n, true) => format!("[{n}]"),
                (n, false) => n.to_string(),
            })
            .collect()
    }

    #[test]
    fn links_show_the_ends_and_the_pages_near_this_one() {
        let path = |n: usize| match n {
            1 => "fr/t/index.html".to_string(),
            n => format!("fr/t/page/{n}/index.html"),
        };
        assert_eq!(
            pagination("fr/t/index.html", 1, 1, "page {number}", path),
            None
        );
        let first = pagination("fr/t/index.html", 1, 10, "page {number}", path).unwrap();
        assert_eq!(numbers(&first), ["[1]", "2", "3", "…", "10"]);
        assert_eq!(first.prev_href, "");
        assert_eq!(first.next_href, "page/2/index.html");
        let middle = pagination("fr/t/page/5/index.html", 5, 10, "page {number}", path).unwrap();
        assert_eq!(
            numbers(&middle),
            ["1", "2", "3", "4", "[5]", "6", "7", "…", "10"]
        );
        let further = pagination("fr/t/page/6/index.html", 6, 10, "page {number}", path).unwrap();
        assert_eq!(
            numbers(&further),
            ["1", "…", "4", "5", "[6]", "7", "8", "9", "10"]
        );
        assert_eq!(middle.prev_href, "../4/index.html");
        assert_eq!(middle.pages[0].href, "../../index.html");
        assert_eq!(middle.pages[0].label, "page 1");
        let last = pagination("fr/t/page/10/index.html", 10, 10, "page {number}", path).unwrap();
        assert_eq!(numbers(&last), ["1", "…", "8", "9", "[10]"]);
        assert_eq!(last.next_href, "");
        let near = pagination("fr/t/page/4/index.html", 4, 5, "page {number}", path).unwrap();
        assert_eq!(numbers(&near), ["1", "2", "3", "[4]", "5"]);
    }

    #[test]
    fn later_pages_say_their_number_in_the_title() {
        assert_eq!(numbered("Diplomatie", 1, "page {number}"), "Diplomatie");
        assert_eq!(
            numbered("Diplomatie", 3, "page {number}"),
            "Diplomatie · page 3"
        );
    }
}
