//! The side-by-side reading's alignment: the versions of one article cut into rows, block by
//! block. Pure: it sees only each version's top-level blocks and which of them are headings.
//!
//! Headings anchor the alignment. Each version is cut into sections at its headings (with the
//! blocks before the first heading as a section of their own); sections are paired in order.
//! A heading gets a row of its own, so that paired headings always stand side by side. Within
//! paired sections that hold as many blocks in every version, each block gets a row; otherwise
//! the whole section is one row, each cell holding all its blocks, so that a translation that
//! splits or merges paragraphs stays readable. When versions have different numbers of
//! headings, the sections left over after pairing follow, each in a row of its own with the
//! other cells empty.

use std::ops::Range;

use crate::render::markdown::Block;

/// One row of the view: for each version (column), the range of its blocks shown there
/// (possibly empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Row {
    /// True when the row holds the headings that open paired sections.
    pub heading: bool,
    pub cells: Vec<Range<usize>>,
}

/// A version's sections: the range of blocks of each; the first one holds the blocks before
/// any heading (and is empty when the body opens with a heading), each other opens with one.
fn sections(blocks: &[Block]) -> Vec<Range<usize>> {
    let mut starts: Vec<usize> = vec![0];
    starts.extend(
        blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.heading.is_some())
            .map(|(i, _)| i),
    );
    let ends = starts.iter().skip(1).copied().chain([blocks.len()]);
    starts.iter().zip(ends).map(|(&s, e)| s..e).collect()
}

/// The rows that show `columns` (each version's blocks) side by side.
pub(super) fn align(columns: &[&[Block]]) -> Vec<Row> {
    let sections: Vec<Vec<Range<usize>>> = columns.iter().map(|b| sections(b)).collect();
    let count = sections.iter().map(Vec::len).max().unwrap_or(0);
    let mut rows = Vec::new();
    for s in 0..count {
        let parts: Vec<Range<usize>> = sections
            .iter()
            .map(|list| list.get(s).cloned().unwrap_or_default())
            .collect();
        let opens_with_heading = |column: usize, part: &Range<usize>| {
            !part.is_empty() && columns[column][part.start].heading.is_some()
        };
        // The headings in a row of their own, when the section opens with one in any version.
        let headed: Vec<bool> = parts
            .iter()
            .enumerate()
            .map(|(c, part)| opens_with_heading(c, part))
            .collect();
        let rest: Vec<Range<usize>> = if headed.iter().any(|&h| h) {
            rows.push(Row {
                heading: true,
                cells: parts
                    .iter()
                    .zip(&headed)
                    .map(|(part, &h)| if h { part.start..part.start + 1 } else { 0..0 })
                    .collect(),
            });
            parts
                .iter()
                .zip(&headed)
                .map(|(part, &h)| {
                    if h {
                        part.start + 1..part.end
                    } else {
                        part.clone()
                    }
                })
                .collect()
        } else {
            parts
        };
        let lengths: Vec<usize> = rest.iter().map(|r| r.len()).collect();
        if lengths.iter().all(|&n| n == 0) {
            continue;
        }
        if lengths.iter().all(|&n| n == lengths[0]) {
            for i in 0..lengths[0] {
                rows.push(Row {
                    heading: false,
                    cells: rest.iter().map(|r| r.start + i..r.start + i + 1).collect(),
                });
            }
        } else {
            rows.push(Row {
                heading: false,
                cells: rest,
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks from a pattern: `h` a heading, `p` anything else.
    fn blocks(pattern: &str) -> Vec<Block> {
        pattern
            .chars()
            .enumerate()
            .map(|(i, c)| Block {
                range: i..i + 1,
                heading: (c == 'h').then_some(2),
            })
            .collect()
    }

    /// Rows as text: `H` for heading rows, each cell's block range.
    fn shape(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| {
                let cells: Vec<String> = r
                    .cells
                    .iter()
                    .map(|c| format!("{}..{}", c.start, c.end))
                    .collect();
                format!("{}{}", if r.heading { "H " } else { "" }, cells.join(" | "))
            })
            .collect()
    }

    #[test]
    fn equal_counts_align_block_by_block() {
        let fr = blocks("pphpph");
        let en = blocks("pphpph");
        assert_eq!(
            shape(&align(&[&fr, &en])),
            [
                "0..1 | 0..1",
                "1..2 | 1..2",
                "H 2..3 | 2..3",
                "3..4 | 3..4",
                "4..5 | 4..5",
                "H 5..6 | 5..6",
            ]
        );
    }

    #[test]
    fn different_paragraph_counts_keep_headings_aligned() {
        // The English version splits the first section's paragraph in two.
        let fr = blocks("phpph");
        let en = blocks("phppphp");
        assert_eq!(
            shape(&align(&[&fr, &en])),
            [
                "0..1 | 0..1",
                "H 1..2 | 1..2",
                "2..4 | 2..5",
                "H 4..5 | 5..6",
                "5..5 | 6..7",
            ]
        );
    }

    #[test]
    fn different_heading_counts_pair_in_order_and_let_the_rest_follow() {
        let fr = blocks("hphphp");
        let en = blocks("hpp");
        assert_eq!(
            shape(&align(&[&fr, &en])),
            [
                "H 0..1 | 0..1",
                "1..2 | 1..3",
                "H 2..3 | 0..0",
                "3..4 | 0..0",
                "H 4..5 | 0..0",
                "5..6 | 0..0",
            ]
        );
    }

    #[test]
    fn a_preamble_in_one_version_only() {
        let fr = blocks("pphp");
        let en = blocks("hp");
        // Preambles pair with preambles, so the headings still stand side by side.
        assert_eq!(
            shape(&align(&[&fr, &en])),
            ["0..2 | 0..0", "H 2..3 | 0..1", "3..4 | 1..2"]
        );
    }

    #[test]
    fn empty_bodies_have_no_rows() {
        assert!(align(&[&[], &[]]).is_empty());
        assert_eq!(shape(&align(&[&blocks("p"), &[]])), ["0..1 | 0..0"]);
    }
}
