//! The PDF form, written natively with krilla: A4 or Letter pages (the seller profile's
//! `paper`), DejaVu Sans embedded (subset) so
//! Latin, Cyrillic and Greek names print and `pdftotext` reads every word back. A text
//! the fonts or the left-to-right layout cannot print right is refused first
//! ([`super::coverage`]).
//!
//! Layout is done here in two passes: the document is laid out into pages of positioned
//! texts and rules (wrapping at words, cutting only a word wider than its column, the
//! lines table's header repeated on every page), then each page is drawn with "page n of
//! m" at its foot. Column widths come from the content: the amount columns are as wide
//! as their widest amount, so an amount is never cut; the service column takes the rest.

use std::sync::LazyLock;

use krilla::Document as Pdf;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};

use super::DocumentError;
use super::model::Document;
use crate::document::seller::Paper;

static REGULAR_TTF: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../data/fonts/DejaVuSans-Bold.ttf");

/// Glyph advances for measuring text; parsed once per process.
static METRICS: LazyLock<[ttf_parser::Face<'static>; 2]> = LazyLock::new(|| {
    [
        ttf_parser::Face::parse(REGULAR_TTF, 0).expect("the bundled font parses"),
        ttf_parser::Face::parse(BOLD_TTF, 0).expect("the bundled font parses"),
    ]
});

const LEFT: f32 = 48.0;
/// The right margin's width.
const RIGHT_MARGIN: f32 = 48.0;
const TOP: f32 = 52.0;
/// How far above the page's foot the body ends; the footer sits below it.
const BOTTOM_MARGIN: f32 = 60.0;
const PAD: f32 = 5.0;

const INK: (u8, u8, u8) = (0x1b, 0x1f, 0x24);
const MUTED: (u8, u8, u8) = (0x57, 0x60, 0x6a);
const ACCENT: (u8, u8, u8) = (0x1f, 0x4e, 0x79);
const HAIRLINE: (u8, u8, u8) = (0xc8, 0xce, 0xd4);

#[derive(Debug, Clone, Copy, PartialEq)]
struct Style {
    size: f32,
    bold: bool,
    color: (u8, u8, u8),
}

const BODY: Style = Style {
    size: 9.0,
    bold: false,
    color: INK,
};
const SMALL: Style = Style {
    size: 7.5,
    bold: false,
    color: MUTED,
};
const LABEL: Style = Style {
    size: 8.0,
    bold: true,
    color: MUTED,
};
const STRONG: Style = Style {
    size: 9.0,
    bold: true,
    color: INK,
};

impl Style {
    fn leading(self) -> f32 {
        self.size * 1.35
    }
}

/// One thing drawn on a page; `y` is the text's baseline or the rule's top.
#[derive(Debug, Clone)]
enum Op {
    Text {
        x: f32,
        y: f32,
        style: Style,
        text: String,
    },
    Rule {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: (u8, u8, u8),
    },
}

/// Which font draws a run of text: the embedded DejaVu Sans (in the style's weight), or
/// a fallback face ([`super::fonts`]) for what DejaVu does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    Embedded,
    Fallback(super::fonts::FaceId),
}

fn embedded_has(ch: char, bold: bool) -> bool {
    METRICS[usize::from(bold)]
        .glyph_index(ch)
        .is_some_and(|g| g.0 != 0)
}

/// `text` cut into runs each drawn by one font. Spaces and marks stay with the run
/// around them, so a cluster is never split between fonts.
fn runs(text: &str, style: Style) -> Vec<(Face, String)> {
    let mut out: Vec<(Face, String)> = Vec::new();
    for ch in text.chars() {
        let face = if ch.is_whitespace() || embedded_has(ch, style.bold) {
            Face::Embedded
        } else {
            super::fonts::fallback()
                .face_for(ch)
                .map_or(Face::Embedded, Face::Fallback)
        };
        let joins = ch.is_whitespace()
            || unicode_normalization::char::is_combining_mark(ch)
            || ch == '\u{200d}';
        match out.last_mut() {
            Some((last, run)) if *last == face || (joins && !run.is_empty()) => run.push(ch),
            _ => out.push((face, ch.to_string())),
        }
    }
    out
}

/// `text` (one line) as it is drawn from left to right: the Unicode bidirectional
/// algorithm's runs in visual order, the document's own direction left to right, each cut
/// into runs of one font. A right-to-left run (Arabic, Hebrew) is shaped right to left
/// and its fonts' runs are placed in visual order, so "مرحبا Zürich" keeps its order and
/// Zürich reads left to right.
fn visual_runs(text: &str, style: Style) -> Vec<(Face, String, TextDirection)> {
    let bidi = unicode_bidi::ParagraphBidiInfo::new(text, Some(unicode_bidi::Level::ltr()));
    if bidi.is_pure_ltr {
        return runs(text, style)
            .into_iter()
            .map(|(face, run)| (face, run, TextDirection::LeftToRight))
            .collect();
    }
    let (levels, line_runs) = bidi.visual_runs(0..text.len());
    let mut out = Vec::new();
    for range in line_runs {
        let rtl = levels[range.start].is_rtl();
        let mut pieces = runs(&text[range], style);
        if rtl {
            pieces.reverse();
        }
        let direction = if rtl {
            TextDirection::RightToLeft
        } else {
            TextDirection::LeftToRight
        };
        out.extend(pieces.into_iter().map(|(face, run)| (face, run, direction)));
    }
    out
}

/// Width of `text` in points.
fn width(text: &str, style: Style) -> f32 {
    runs(text, style)
        .iter()
        .map(|(face, run)| match face {
            Face::Embedded => embedded_width(run, style),
            Face::Fallback(id) => super::fonts::fallback().width(*id, run, style.size),
        })
        .sum()
}

/// Width of `text` in the embedded font.
fn embedded_width(text: &str, style: Style) -> f32 {
    if super::fonts::needs_shaping(text) {
        let bytes = if style.bold { BOLD_TTF } else { REGULAR_TTF };
        if let Some(width) = super::fonts::shaped_width(bytes, 0, text, style.size) {
            return width;
        }
    }
    let face = &METRICS[usize::from(style.bold)];
    let units: u32 = text
        .chars()
        .map(|c| {
            let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            u32::from(face.glyph_hor_advance(glyph).unwrap_or(0))
        })
        .sum();
    units as f32 * style.size / f32::from(face.units_per_em())
}

/// Greedy wrap to `max` points at spaces; a word wider than a line is cut where it must.
fn wrap(text: &str, style: Style, max: f32) -> Vec<String> {
    let mut rows = Vec::new();
    let mut row = String::new();
    for word in text.split_whitespace() {
        let candidate = if row.is_empty() {
            word.to_string()
        } else {
            format!("{row} {word}")
        };
        if width(&candidate, style) <= max {
            row = candidate;
            continue;
        }
        if !row.is_empty() {
            rows.push(std::mem::take(&mut row));
        }
        if width(word, style) <= max {
            row = word.to_string();
            continue;
        }
        for c in word.chars() {
            row.push(c);
            if width(&row, style) > max && row.chars().count() > 1 {
                let last = row.pop().expect("two or more characters");
                rows.push(std::mem::replace(&mut row, last.to_string()));
            }
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// Pages being laid out, with the baseline where the next row goes.
struct Layout {
    /// The page's width and height in points.
    size: (f32, f32),
    /// The right edge of the body.
    right: f32,
    /// The lowest baseline of the body.
    bottom: f32,
    pages: Vec<Vec<Op>>,
    y: f32,
    /// Drawn again at the top of each new page (the lines table's header).
    repeat: Option<Vec<(f32, String, Style, Align)>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
}

impl Layout {
    fn new(paper: Paper) -> Layout {
        let size = paper.points();
        Layout {
            size,
            right: size.0 - RIGHT_MARGIN,
            bottom: size.1 - BOTTOM_MARGIN,
            pages: vec![Vec::new()],
            y: TOP,
            repeat: None,
        }
    }

    fn page(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("there is always a page")
    }

    /// Starts a new page when `height` more points do not fit on this one.
    fn room(&mut self, height: f32) {
        if self.y + height > self.bottom {
            self.pages.push(Vec::new());
            self.y = TOP;
            if let Some(header) = self.repeat.clone() {
                self.table_header(&header);
            }
        }
    }

    fn text(&mut self, x: f32, y: f32, style: Style, text: &str, align: Align) {
        let x = match align {
            Align::Left => x,
            Align::Right => x - width(text, style),
        };
        self.page().push(Op::Text {
            x,
            y,
            style,
            text: text.to_string(),
        });
    }

    fn rule(&mut self, y: f32, h: f32, color: (u8, u8, u8)) {
        let w = self.right - LEFT;
        self.page().push(Op::Rule {
            x: LEFT,
            y,
            w,
            h,
            color,
        });
    }

    /// A wrapped paragraph across the full width, breaking pages between its rows.
    fn paragraph(&mut self, text: &str, style: Style) {
        for row in wrap(text, style, self.right - LEFT) {
            self.room(style.leading());
            self.y += style.leading();
            self.text(LEFT, self.y, style, &row, Align::Left);
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    fn table_header(&mut self, header: &[(f32, String, Style, Align)]) {
        let style = LABEL;
        self.y += style.leading();
        for (x, text, style, align) in header {
            self.text(*x, self.y, *style, text, *align);
        }
        self.y += 3.0;
        self.rule(self.y, 0.8, MUTED);
        self.y += 1.0;
    }
}

/// Lays out a column of rows starting at `y`; returns the baseline below the last one.
fn column(layout: &mut Layout, x: f32, w: f32, mut y: f32, rows: &[(Style, String)]) -> f32 {
    for (style, text) in rows {
        for row in wrap(text, *style, w) {
            y += style.leading();
            layout.text(x, y, *style, &row, Align::Left);
        }
    }
    y
}

fn header(layout: &mut Layout, doc: &Document) {
    let title = Style {
        size: 18.0,
        bold: true,
        color: ACCENT,
    };
    let right_w = width(&doc.title, title).max(width(&doc.number, BODY)) + 4.0;
    let right = layout.right;
    let left_w = right - LEFT - right_w - 24.0;
    let mut left = Vec::new();
    if let Some(s) = &doc.seller {
        left.push((
            Style {
                size: 14.0,
                bold: true,
                color: ACCENT,
            },
            s.company.clone(),
        ));
        left.extend(s.address.iter().map(|l| (BODY, l.clone())));
        if !s.contact.is_empty() {
            left.push((BODY, s.contact.clone()));
        }
    }
    let start = layout.y;
    let below_left = column(layout, LEFT, left_w, start, &left);
    let mut y = start + title.leading();
    layout.text(right, y, title, &doc.title, Align::Right);
    y += BODY.leading();
    layout.text(right, y, BODY, &doc.number, Align::Right);
    layout.y = below_left.max(y) + 8.0;
    layout.rule(layout.y, 1.5, ACCENT);
    layout.y += 6.0;
}

fn parties(layout: &mut Layout, doc: &Document) {
    let half = (layout.right - LEFT - 24.0) / 2.0;
    let c = &doc.customer;
    let mut left = vec![
        (
            LABEL,
            if doc.kind == super::model::Kind::Quote {
                "PREPARED FOR".to_string()
            } else {
                "CUSTOMER".to_string()
            },
        ),
        (
            Style {
                size: 11.0,
                bold: true,
                color: INK,
            },
            c.name.clone(),
        ),
    ];
    if !c.country.is_empty() {
        left.push((BODY, c.country.clone()));
    }
    left.extend(c.address.iter().map(|l| (BODY, l.clone())));
    for (label, value) in [
        ("Contact: ", &c.contact),
        ("", &c.email),
        ("Tax id: ", &c.tax_id),
    ] {
        if !value.is_empty() {
            left.push((BODY, format!("{label}{value}")));
        }
    }
    let start = layout.y;
    let below_left = column(layout, LEFT, half, start, &left);
    let label_w = doc
        .facts
        .iter()
        .map(|f| width(&f.label, SMALL))
        .fold(0.0, f32::max)
        + 12.0;
    let x = LEFT + half + 24.0;
    let mut y = start + LABEL.leading();
    layout.text(x, y, LABEL, "DETAILS", Align::Left);
    for f in &doc.facts {
        let rows = wrap(&f.value, BODY, half - label_w);
        y += BODY.leading();
        layout.text(x, y, SMALL, &f.label, Align::Left);
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                y += BODY.leading();
            }
            layout.text(x + label_w, y, BODY, row, Align::Left);
        }
    }
    layout.y = below_left.max(y) + 10.0;
}

fn region(layout: &mut Layout, doc: &Document) {
    let r = &doc.region;
    layout.paragraph(
        &format!("Price region {}: {} ({})", r.code, r.name, r.coverage),
        STRONG,
    );
    if !r.choice.is_empty() {
        layout.paragraph(&format!("Region {}", r.choice), BODY);
    }
    layout.gap(8.0);
}

/// The lines table: columns sized from their content, the service column takes the rest.
fn lines(layout: &mut Layout, doc: &Document) {
    // Each column is as wide as its widest cell or its heading.
    let widest = |heading: &str, cell: &dyn Fn(&super::model::Line) -> String| {
        doc.lines
            .iter()
            .map(|l| width(&cell(l), BODY))
            .fold(width(heading, LABEL), f32::max)
    };
    let w_num = widest("#", &|l| l.number.to_string());
    // A tier name longer than this wraps rather than squeezing the service column.
    let w_tier = widest("Tier", &|l| l.tier.clone()).min(90.0);
    let w_unit = widest("Unit", &|l| l.unit.clone());
    let w_qty = widest("Qty", &|l| l.quantity.to_string());
    let w_price = widest("Unit price", &|l| l.unit_price.clone());
    let w_total = widest("Line total", &|l| l.line_total.clone()).max(width(&doc.total, STRONG));
    let gap = 2.0 * PAD;
    // The amounts and the quantity are right-aligned from the right edge (x is their right
    // edge), the unit and tier columns sit to their left (x is their left edge), and the
    // service column takes whatever is left.
    let x_total = layout.right;
    let x_price = x_total - w_total - gap;
    let x_qty = x_price - w_price - gap;
    let x_unit = x_qty - w_qty - gap - w_unit;
    let x_tier = x_unit - gap - w_tier;
    let x_num = LEFT + w_num;
    let x_service = x_num + gap;
    let w_service = (x_tier - gap - x_service).max(40.0);

    let header = vec![
        (x_num, "#".to_string(), LABEL, Align::Right),
        (x_service, "Service".to_string(), LABEL, Align::Left),
        (x_tier, "Tier".to_string(), LABEL, Align::Left),
        (x_unit, "Unit".to_string(), LABEL, Align::Left),
        (x_qty, "Qty".to_string(), LABEL, Align::Right),
        (x_price, "Unit price".to_string(), LABEL, Align::Right),
        (x_total, "Line total".to_string(), LABEL, Align::Right),
    ];
    layout.room(LABEL.leading() + 4.0 * BODY.leading());
    layout.table_header(&header);
    layout.repeat = Some(header);
    for l in &doc.lines {
        let service = wrap(&l.service, BODY, w_service);
        let sku = wrap(&l.sku, SMALL, w_service);
        let tier = wrap(&l.tier, BODY, w_tier);
        let rows = (service.len() + sku.len()).max(tier.len());
        let height = rows as f32 * BODY.leading() + 4.0;
        layout.room(height);
        let top = layout.y;
        let first = top + BODY.leading();
        layout.text(x_num, first, BODY, &l.number.to_string(), Align::Right);
        let mut y = top;
        for row in &service {
            y += BODY.leading();
            layout.text(x_service, y, BODY, row, Align::Left);
        }
        for row in &sku {
            y += SMALL.leading();
            layout.text(x_service, y, SMALL, row, Align::Left);
        }
        let mut ty = top;
        for row in &tier {
            ty += BODY.leading();
            layout.text(x_tier, ty, BODY, row, Align::Left);
        }
        layout.text(x_unit, first, BODY, &l.unit, Align::Left);
        layout.text(x_qty, first, BODY, &l.quantity.to_string(), Align::Right);
        layout.text(x_price, first, BODY, &l.unit_price, Align::Right);
        layout.text(x_total, first, BODY, &l.line_total, Align::Right);
        layout.y = y.max(ty) + 4.0;
        layout.rule(layout.y - 1.5, 0.4, HAIRLINE);
    }
    layout.repeat = None;
    let total = Style {
        size: 10.5,
        bold: true,
        color: INK,
    };
    layout.room(total.leading() + 6.0);
    layout.rule(layout.y, 1.2, ACCENT);
    layout.y += total.leading() + 2.0;
    layout.text(
        x_service,
        layout.y,
        total,
        &format!("Total ({})", doc.currency),
        Align::Left,
    );
    layout.text(x_total, layout.y, total, &doc.total, Align::Right);
    layout.gap(10.0);
}

fn section_title(layout: &mut Layout, title: &str) {
    layout.room(LABEL.leading() * 3.0);
    layout.gap(6.0);
    layout.paragraph(title, LABEL);
    layout.gap(2.0);
}

fn rest(layout: &mut Layout, doc: &Document) {
    if !doc.note.is_empty() {
        layout.paragraph(&format!("Note: {}", doc.note), BODY);
    }
    if !doc.history.is_empty() {
        section_title(layout, "STATUS HISTORY");
        for h in &doc.history {
            let note = if h.note.is_empty() {
                String::new()
            } else {
                format!(": {}", h.note)
            };
            layout.paragraph(&format!("{}  {}, by {}{note}", h.at, h.change, h.by), BODY);
        }
    }
    section_title(layout, "TERMS");
    for t in &doc.terms {
        layout.room(STRONG.leading() + BODY.leading());
        layout.paragraph(&t.heading, STRONG);
        layout.paragraph(&t.text, BODY);
        layout.gap(3.0);
    }
}

fn color(c: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// The document as PDF bytes.
pub fn render(doc: &Document, paper: Paper) -> Result<Vec<u8>, DocumentError> {
    // Every character in both weights, or the export is refused before anything is laid
    // out: never a box where a name should be.
    super::coverage::check(doc, |ch| {
        (embedded_has(ch, false) && embedded_has(ch, true))
            || super::fonts::fallback().face_for(ch).is_some()
    })?;
    let mut layout = Layout::new(paper);
    header(&mut layout, doc);
    parties(&mut layout, doc);
    region(&mut layout, doc);
    lines(&mut layout, doc);
    rest(&mut layout, doc);

    let regular = Font::new(REGULAR_TTF.into(), 0)
        .ok_or_else(|| DocumentError::Pdf("the bundled font does not load".into()))?;
    let bold = Font::new(BOLD_TTF.into(), 0)
        .ok_or_else(|| DocumentError::Pdf("the bundled font does not load".into()))?;
    // The fallback faces this document uses, each made a krilla font once.
    let mut fallback_fonts = std::collections::HashMap::new();
    let footer_seed = Op::Text {
        x: 0.0,
        y: 0.0,
        style: SMALL,
        text: match &doc.seller {
            Some(s) => s.company.clone(),
            None => String::new(),
        },
    };
    for ops in layout.pages.iter().chain([&vec![footer_seed]]) {
        for op in ops {
            if let Op::Text { style, text, .. } = op {
                for (face, _) in runs(text, *style) {
                    if let Face::Fallback(id) = face
                        && !fallback_fonts.contains_key(&id)
                        && let Some((bytes, index)) = super::fonts::fallback().data(id)
                        && let Some(font) = Font::new(bytes.into(), index)
                    {
                        fallback_fonts.insert(id, font);
                    }
                }
            }
        }
    }
    let mut pdf = Pdf::new();
    pdf.set_metadata(
        Metadata::new()
            .title(format!("{} {}", doc.title, doc.number))
            .creator("Order Desk".to_string()),
    );
    let count = layout.pages.len();
    let footer_text = match &doc.seller {
        Some(s) => format!("{} {}, {}", doc.title, doc.number, s.company),
        None => format!("{} {}", doc.title, doc.number),
    };
    for (n, ops) in layout.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(layout.size.0, layout.size.1)
            .ok_or_else(|| DocumentError::Pdf("bad page size".into()))?;
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            if let Op::Rule {
                x,
                y,
                w,
                h,
                color: c,
            } = op
            {
                let mut path = PathBuilder::new();
                if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                    path.push_rect(rect);
                }
                if let Some(path) = path.finish() {
                    surface.set_fill(Some(color(*c)));
                    surface.draw_path(&path);
                }
            }
        }
        let mut draw = |x: f32, y: f32, style: Style, text: &str| {
            surface.set_fill(Some(color(style.color)));
            let mut x = x;
            for (face, run, direction) in visual_runs(text, style) {
                let font = match face {
                    Face::Embedded if style.bold => bold.clone(),
                    Face::Embedded => regular.clone(),
                    Face::Fallback(id) => match fallback_fonts.get(&id) {
                        Some(font) => font.clone(),
                        None => continue,
                    },
                };
                surface.draw_text(
                    Point::from_xy(x, y),
                    font,
                    style.size,
                    &run,
                    false,
                    direction,
                );
                x += width(&run, style);
            }
        };
        let page_no = format!("Page {} of {count}", n + 1);
        let foot_y = layout.size.1 - 32.0;
        let footer: String = wrap(
            &footer_text,
            SMALL,
            layout.right - LEFT - width(&page_no, SMALL) - 20.0,
        )
        .into_iter()
        .next()
        .unwrap_or_default();
        draw(LEFT, foot_y, SMALL, &footer);
        draw(
            layout.right - width(&page_no, SMALL),
            foot_y,
            SMALL,
            &page_no,
        );
        for op in ops {
            if let Op::Text { x, y, style, text } = op {
                draw(*x, *y, *style, text);
            }
        }
        surface.finish();
        page.finish();
    }
    pdf.finish()
        .map_err(|e| DocumentError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No `.notdef` (glyph 0, the empty box) is ever drawn: every character of a name in
    /// each script the regions need goes to a face that has its glyph. Needs the Noto
    /// fonts `.ci/run` installs.
    #[test]
    fn every_character_goes_to_a_face_that_has_its_glyph() {
        for name in [
            "京都ロボティクス株式会社",
            "上海智能科技有限公司",
            "서울 로보틱스",
            "บริษัท กรุงเทพ จำกัด",
            "भारत टेक्नोलॉजीज",
            "مرحبا Zürich",
            "שלום Tel Aviv office",
            "Щедрость Ωμέγα",
        ] {
            for style in [BODY, STRONG] {
                for (face, run, _) in visual_runs(name, style) {
                    for ch in run.chars().filter(|c| !c.is_whitespace()) {
                        let has = match face {
                            Face::Embedded => embedded_has(ch, style.bold),
                            Face::Fallback(id) => {
                                let (bytes, index) = crate::document::fonts::fallback()
                                    .data(id)
                                    .expect("the face reads");
                                ttf_parser::Face::parse(&bytes, index)
                                    .unwrap()
                                    .glyph_index(ch)
                                    .is_some_and(|g| g.0 != 0)
                            }
                        };
                        assert!(
                            has,
                            "{ch} (U+{:04X}) of {name} would be a box; the Noto fonts (.ci/run installs them) are needed",
                            u32::from(ch)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn wrapping_keeps_every_character_and_each_row_fits() {
        let text = "Ωμέγα Щедрость Long-name-without-any-space-at-all-repeated-many-times-over";
        let rows = wrap(text, BODY, 60.0);
        assert!(rows.len() > 2);
        for row in &rows {
            assert!(
                width(row, BODY) <= 60.0 || row.chars().count() == 1,
                "{row}"
            );
        }
        let joined: String = rows.concat();
        assert_eq!(
            joined.replace(' ', ""),
            text.replace(' ', ""),
            "nothing is lost"
        );
    }

    #[test]
    fn the_font_covers_latin_cyrillic_and_greek() {
        let face = &METRICS[0];
        for c in "AzÄßØ ЖЩЯжщя ΑΩαωέ $€".chars().filter(|c| *c != ' ') {
            assert!(face.glyph_index(c).is_some(), "{c}");
        }
    }
}
