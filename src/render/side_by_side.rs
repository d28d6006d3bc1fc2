//! The side-by-side reading of a translated article, on its own page: its body cut into rows
//! aligned with the other versions' (`super::align`), each row holding a cell per version, the
//! page's own first. Read alone, the rows are not boxes and the other cells are hidden, so the
//! page reads as its own text; its anchor (`#cote-a-cote`) shows the columns. One page per
//! version holds every text once more, where a view of their own held them all again: fewer
//! files and bytes (issue 28). Each cell's part of a body is put in after Tera: the page's own
//! as it is, the others moved onto the page (links made relative to it, ids prefixed).

use std::sync::{Arc, OnceLock};

use serde::Serialize;

use super::markdown::{self, Rendered};
use super::relocate::{self, Move};
use super::{CELL, Cut, Piece, ROWS, Renderer, cut_at_markers, numbered_marker};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::site::urls;

/// The parts of the bodies a side-by-side reading shows: each version (the page's own
/// first), its page and id prefix (none for the page's own, `en-` for the others), and each
/// cell's version (by column) and range of its body's HTML.
pub(crate) struct Cells<'a> {
    /// The page's language.
    lang: usize,
    versions: Vec<usize>,
    moves: Vec<(&'a str, String)>,
    parts: Vec<(usize, std::ops::Range<usize>)>,
    /// The view's rows, as the renderer keeps them.
    rows: Vec<Arc<RowMade>>,
}

/// What the article's template knows of its side-by-side reading (`article.parallel`).
#[derive(Serialize)]
pub(crate) struct Parallel {
    /// The anchor that shows it: the id of the article's body (`cote-a-cote`).
    pub(super) id: String,
    /// One per version, the page's own first, then the others in the configured order.
    columns: Vec<Column>,
}

#[derive(Serialize)]
pub(crate) struct Column {
    code: String,
    name: String,
    title: String,
    /// The version's own page (empty for the page's own).
    href: String,
    date: String,
    date_iso: String,
    /// The version in the page's language.
    current: bool,
}

/// A row of a side-by-side reading: whether it holds headings, then each cell's language (by
/// index) and marker (its number plus one, 0 for an empty cell).
pub(crate) type RowKey = Vec<u32>;

/// A row of side-by-side readings, as every page that has it shares it.
pub(crate) struct RowMade {
    /// The row as a template value (`parallel_row`).
    value: tera::Value,
    /// The row through `parallel-row.html`, by the page's language: rendered when a page
    /// first prints it.
    html: Vec<OnceLock<String>>,
}

/// The template value of a row of a side-by-side reading, from its key.
pub(crate) fn side_by_side_row(config: &Config, key: &[u32]) -> tera::Value {
    let (heading, cells) = key.split_first().expect("a row key");
    tera::Value::from_serializable(&Row {
        heading: *heading == 1,
        cells: cells
            .chunks(2)
            .map(|cell| {
                let code = &config.languages[cell[0] as usize].code;
                Cell {
                    lang: code.clone(),
                    tag: code.to_uppercase(),
                    html: tera::Value::safe_string(&match cell[1] {
                        0 => String::new(),
                        n => numbered_marker(CELL, n as usize - 1),
                    }),
                }
            })
            .collect(),
    })
}

#[derive(Serialize)]
pub(crate) struct Row {
    /// The row holds the headings that open paired sections.
    heading: bool,
    /// One per column: that version's blocks in this row (may be empty).
    cells: Vec<Cell>,
}

#[derive(Serialize)]
pub(crate) struct Cell {
    lang: String,
    /// The language code in capitals, as the cell's tag shows it (the template makes no
    /// `upper` call for each cell of each view).
    tag: String,
    /// Empty, or the cell's marker: a safe string, printed as it is.
    html: tera::Value,
}

impl Renderer<'_> {
    /// The side-by-side reading of article `id` on its page at `path`: every version in a
    /// column, the page's own first, then the others in the order of the configured
    /// languages, cut into aligned rows (see `align::align`). The page's own body goes in as
    /// it is; the others are moved onto the page (`relocate::moved`): their links made
    /// relative to it, their ids prefixed with their language code, so that two versions
    /// never share one.
    pub(crate) fn side_by_side(&self, id: usize, path: &str) -> (Parallel, Cells<'_>) {
        let config = self.config();
        let lang = self.dossier.articles[id].lang;
        let versions: Vec<usize> = std::iter::once(id)
            .chain(self.dossier.group_of(id).existing().filter(|&v| v != id))
            .collect();
        let bodies: Vec<&Rendered> = versions.iter().map(|&v| &*self.bodies[v]).collect();
        let moves: Vec<(&str, String)> = versions
            .iter()
            .map(|&v| {
                let prefix = match v == id {
                    true => String::new(),
                    false => [&config.languages[self.dossier.articles[v].lang].code, "-"].concat(),
                };
                (self.article_path(v), prefix)
            })
            .collect();
        let blocks: Vec<&[markdown::Block]> = bodies.iter().map(|b| b.blocks.as_slice()).collect();
        // Each cell's HTML is a marker in the row, replaced after Tera by the part of the
        // body it stands for (see `splice_cells`).
        let mut parts: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        // Each row by what makes it (its cells' languages and markers): most pages' rows are
        // alike, and are made into template values once.
        let keys: Vec<RowKey> = super::align::align(&blocks)
            .into_iter()
            .map(|row| {
                let mut key = Vec::with_capacity(1 + 2 * row.cells.len());
                key.push(u32::from(row.heading));
                for (column, ((cell, body), &v)) in
                    row.cells.iter().zip(&bodies).zip(&versions).enumerate()
                {
                    let mut marker = 0;
                    if let (Some(first), Some(last)) =
                        (body.blocks.get(cell.start), cell.end.checked_sub(1))
                        && !cell.is_empty()
                    {
                        parts.push((column, first.range.start..body.blocks[last].range.end));
                        marker = parts.len() as u32;
                    }
                    key.extend([self.dossier.articles[v].lang as u32, marker]);
                }
                key
            })
            .collect();
        let made: Vec<Arc<RowMade>> = {
            let mut made = self.side_by_side_rows.lock().expect("row cache");
            keys.into_iter()
                .map(|key| {
                    made.entry(key)
                        .or_insert_with_key(|key| {
                            Arc::new(RowMade {
                                value: side_by_side_row(config, key),
                                html: config.languages.iter().map(|_| OnceLock::new()).collect(),
                            })
                        })
                        .clone()
                })
                .collect()
        };
        let columns = versions
            .iter()
            .map(|&v| {
                let version = &self.dossier.articles[v];
                let written_in = &config.languages[version.lang];
                Column {
                    code: written_in.code.clone(),
                    name: written_in.name.clone(),
                    title: written_in.typeset(&version.title),
                    href: match v == id {
                        true => String::new(),
                        false => urls::relative(path, self.article_path(v)),
                    },
                    date: self.date_in(version.lang, v),
                    date_iso: version.date_iso(),
                    current: v == id,
                }
            })
            .collect();
        let parallel = Parallel {
            id: config.languages[lang].parallel_anchor.clone(),
            columns,
        };
        (
            parallel,
            Cells {
                lang,
                versions,
                moves,
                parts,
                rows: made,
            },
        )
    }

    /// The article's page with its rows' marker (`article.html`) replaced by its rows
    /// (`parallel-row.html`, each distinct row rendered once per language), and each cell's
    /// marker by its part of the body, handed to `out` piece by piece (Tera's bytes as they
    /// are, each other version's cell moved into one buffer).
    pub(crate) fn splice_rows(
        &self,
        shell: &[u8],
        cells: &Cells,
        path: &str,
        out: &mut dyn FnMut(Piece),
    ) -> Result<(), Diagnostic> {
        let mut html = String::new();
        for cut in cut_at_markers(shell, &[ROWS]) {
            match cut {
                Cut::Text(text) => self.splice_cells(text, cells, path, &mut html, out),
                Cut::Marker { n: 0, .. } => {
                    for row in &cells.rows {
                        let made = &row.html[cells.lang];
                        let row_html = match made.get() {
                            Some(row_html) => row_html,
                            None => {
                                let mut context = tera::Context::new();
                                context.insert_value("row", row.value.clone());
                                let rendered =
                                    self.render_piece("parallel-row.html", cells.lang, context)?;
                                // Another thread may have rendered it too: the same text.
                                made.get_or_init(|| rendered)
                            }
                        };
                        self.splice_cells(row_html.as_bytes(), cells, path, &mut html, out);
                    }
                }
                Cut::Marker { text: marker, .. } => out(Piece::Made(marker)),
            }
        }
        Ok(())
    }

    /// `html` with each cell's marker replaced by its part of the body, moved (in `buffer`).
    pub(crate) fn splice_cells(
        &self,
        html: &[u8],
        cells: &Cells,
        path: &str,
        buffer: &mut String,
        out: &mut dyn FnMut(Piece),
    ) {
        for cut in cut_at_markers(html, &[CELL]) {
            let (column, range) = match cut {
                Cut::Text(text) => {
                    out(Piece::Made(text));
                    continue;
                }
                Cut::Marker {
                    n, text: marker, ..
                } => match cells.parts.get(n) {
                    Some(part) => part,
                    None => {
                        out(Piece::Made(marker));
                        continue;
                    }
                },
            };
            let (page, id_prefix) = &cells.moves[*column];
            let html = &self.bodies[cells.versions[*column]].html[range.clone()];
            if id_prefix.is_empty() {
                // The page's own body, where it was rendered for.
                out(Piece::Made(html.as_bytes()));
                continue;
            }
            let to = Move {
                page,
                to: path,
                id_prefix,
                headings_down: 0,
                section_of: &|_| None,
            };
            out(Piece::Made(relocate::moved(html, &to, buffer).as_bytes()));
        }
    }
}
