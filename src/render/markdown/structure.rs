//! The parts of a body's walk that are not text: raw HTML (and its comments), task boxes,
//! tables and footnotes.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::ids::{Definition, definition_open};
use super::{Walk, autolinks, comments, footnotes, raw_html};

impl<'a> Walk<'a, '_> {
    /// Text with addresses in it: each address a link, the rest text.
    pub(super) fn autolinks(&mut self, pieces: Vec<autolinks::Piece<'_>>) {
        for piece in pieces {
            match piece {
                autolinks::Piece::Text(text) => {
                    let event = self.text(Event::Text(CowStr::from(text.to_string())));
                    self.push(event);
                }
                autolinks::Piece::Link { text, href } => {
                    self.push(Event::Start(Tag::Link {
                        link_type: LinkType::Autolink,
                        dest_url: href.into(),
                        title: CowStr::Borrowed(""),
                        id: CowStr::Borrowed(""),
                    }));
                    // The address as written: no typography in it.
                    self.plain(text);
                    self.push(Event::Text(CowStr::from(text.to_string())));
                    self.push(Event::End(TagEnd::Link));
                }
            }
        }
    }

    /// Raw HTML as written: comments left out whatever the config says (they hide what their
    /// author did not want published), and the rest kept only when the config allows raw HTML;
    /// else left out too, the first tag of the body noted for a warning. `None` when nothing
    /// is left.
    pub(super) fn raw_html(
        &mut self,
        html: CowStr<'a>,
        range: std::ops::Range<usize>,
        inline: bool,
    ) -> Option<CowStr<'a>> {
        let (kept, had_comment) = comments::strip(&html, &mut self.in_comment);
        if had_comment {
            self.not_text.push(range.clone());
        }
        let kept = kept?;
        if kept.trim().is_empty() {
            return None;
        }
        if self.settings.allow_raw_html {
            let line = self.line_at(range.start);
            if !inline {
                // The lines of an HTML block are read together when it ends (a tag may span
                // several): see `flush_html_block`.
                let (_, block) = self.html_block.get_or_insert_with(|| (line, String::new()));
                block.push_str(&kept);
                return None;
            }
            let written =
                raw_html::rewrite(&kept, line, self.settings, &mut self.balance, &mut self.out);
            return Some(written.into());
        }
        if self.html_left_out.is_none() {
            let tag = comments::first_tag(&kept)
                .unwrap_or_else(|| kept.trim().chars().take(20).collect());
            self.html_left_out = Some((self.line_at(range.start), tag));
        }
        None
    }

    /// The HTML block read so far, written back whole (allowed raw HTML only).
    pub(super) fn flush_html_block(&mut self) {
        if let Some((line, block)) = self.html_block.take() {
            let written = raw_html::rewrite(
                &block,
                line,
                self.settings,
                &mut self.balance,
                &mut self.out,
            );
            if !written.trim().is_empty() {
                self.events.push(Event::Html(written.into()));
            }
        }
    }

    /// Task boxes, tables (wrapped, to scroll on their own) and footnotes.
    pub(super) fn structure(
        &mut self,
        event: Event<'a>,
        range: std::ops::Range<usize>,
    ) -> Event<'a> {
        match event {
            Event::TaskListMarker(checked) => {
                self.open_label = true;
                let checked = if checked { " checked=\"\"" } else { "" };
                Event::Html(
                    format!(
                        "<label class=\"task\"><input type=\"checkbox\" disabled=\"\"{checked}> "
                    )
                    .into(),
                )
            }
            Event::Start(Tag::Table(alignments)) => {
                self.events.push(Event::Html(
                    "<div class=\"table-wrap\" tabindex=\"0\">\n".into(),
                ));
                Event::Start(Tag::Table(alignments))
            }
            Event::End(TagEnd::Table) => {
                self.events.push(Event::End(TagEnd::Table));
                Event::Html("</div>\n".into())
            }
            Event::FootnoteReference(label) => {
                let (note, number) = self.footnotes.number(&label, &mut self.used_ids);
                // Only the first reference to a note carries the id its back link leads to.
                let id = if note.referenced {
                    String::new()
                } else {
                    format!(" id=\"fnref-{}\"", note.id)
                };
                note.referenced = true;
                Event::InlineHtml(
                    format!("<sup class=\"footnote-reference\"{id}><a href=\"#fn-{}\">{number}</a></sup>", note.id).into(),
                )
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let line = self.line_at(range.start);
                let (note, number) = self.footnotes.number(&label, &mut self.used_ids);
                // A label defined twice: the second definition gets no id.
                let with_id = !note.defined;
                note.defined = true;
                // With its link back for now: `unmatched_footnotes` takes it away if no text
                // refers to the note.
                let html = definition_open(&note.id, with_id, number, true);
                self.footnotes.definitions.push(Definition {
                    event: self.events.len(),
                    number,
                    line,
                    label: label.to_string(),
                    with_id,
                });
                Event::Html(html.into())
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html("</div>\n".into()),
            other => other,
        }
    }

    /// Footnotes that do not meet: a definition no text refers to is listed without a link
    /// back (there is nothing to go back to), and a reference without a definition, which
    /// Markdown leaves as text, is pointed out. Both are warnings.
    pub(super) fn unmatched_footnotes(&mut self) {
        for definition in std::mem::take(&mut self.footnotes.definitions) {
            let note = &self.footnotes.notes[definition.number - 1];
            if note.referenced {
                continue;
            }
            if let Some(event) = self.events.get_mut(definition.event) {
                let html = definition_open(&note.id, definition.with_id, definition.number, false);
                *event = Event::Html(html.into());
            }
            self.out.warnings.push((
                definition.line,
                format!("footnote `[^{}]` is defined but no text refers to it: refer to it with `[^{}]`, or remove it", definition.label, definition.label),
            ));
        }
        if !crate::text::has(self.body, "[^") {
            return;
        }
        for (at, label) in footnotes::references(self.body, &self.not_text) {
            if !self.footnotes.is_defined(label) {
                self.out.warnings.push((
                    self.line_at(at),
                    format!("footnote `[^{label}]` has no definition, so it shows as text: add a line `[^{label}]: …`"),
                ));
            }
        }
    }
}

/// The start or end of a block (anything but emphasis, links and pictures).
pub(super) fn is_block_boundary(event: &Event) -> bool {
    match event {
        Event::Rule => true,
        Event::Start(tag) => !matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => !matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}
