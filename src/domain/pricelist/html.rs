//! A billing page saved as HTML, read with a real HTML parser (`scraper`, html5ever):
//! its paragraphs, headings, list items and table cells become the same cells, in the same
//! order, as the page's copied text, so one reading serves both forms. A cell spanning
//! rows (`rowspan`) is written once, as the copied text writes it; the breadcrumbs and
//! "Was this page helpful?" (in `div`s) are not part of the page.

use scraper::{ElementRef, Html, Selector};

const BLOCKS: &str = "p, h1, h2, h3, h4, h5, h6, th, td, li";

/// The page's cells in document order.
pub fn cells(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    let Ok(blocks) = Selector::parse(BLOCKS) else {
        return Vec::new();
    };
    document
        .select(&blocks)
        // A paragraph inside a cell is part of the cell, not a cell of its own.
        .filter(|e| !inside_another_block(e))
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|t| !t.is_empty())
        .collect()
}

fn inside_another_block(e: &ElementRef) -> bool {
    e.ancestors().filter_map(ElementRef::wrap).any(|a| {
        matches!(
            a.value().name(),
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" | "td" | "li"
        )
    })
}
