//! The Markdown form: a document to paste into an email. Every text from a file is
//! escaped, so a customer named `*Acme* [click](http://x)` stays those characters.

use std::fmt::Write;

use super::model::Document;

/// Escapes Markdown's special characters; line breaks become spaces (one cell, one line).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// [`escape`] for text that starts a line, where `#`, `-`, `+` or `1.` would start a
/// heading or a list.
pub fn escape_start(text: &str) -> String {
    let escaped = escape(text);
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    let after = escaped[digits..].chars().next();
    if matches!(escaped.chars().next(), Some('#' | '-' | '+' | '='))
        || (digits > 0 && matches!(after, Some('.' | ')')))
    {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    escaped
}

/// The document as Markdown.
pub fn render(doc: &Document) -> String {
    let mut md = String::new();
    // Writing to a String cannot fail.
    let _ = write_doc(doc, &mut md);
    md
}

fn write_doc(doc: &Document, md: &mut String) -> std::fmt::Result {
    writeln!(md, "# {} {}", escape(&doc.title), escape(&doc.number))?;
    writeln!(md)?;
    if let Some(s) = &doc.seller {
        writeln!(md, "**From:** {}  ", escape(&s.company))?;
        for line in &s.address {
            writeln!(md, "{}  ", escape_start(line))?;
        }
        if !s.contact.is_empty() {
            writeln!(md, "{}  ", escape_start(&s.contact))?;
        }
        writeln!(md)?;
    }
    let c = &doc.customer;
    writeln!(md, "**For:** {}  ", escape(&c.name))?;
    if !c.country.is_empty() {
        writeln!(md, "Country: {}  ", escape(&c.country))?;
    }
    for line in &c.address {
        writeln!(md, "{}  ", escape_start(line))?;
    }
    for (label, value) in [
        ("Contact", &c.contact),
        ("Email", &c.email),
        ("Tax id", &c.tax_id),
    ] {
        if !value.is_empty() {
            writeln!(md, "{label}: {}  ", escape(value))?;
        }
    }
    writeln!(md)?;
    for f in &doc.facts {
        writeln!(md, "- **{}:** {}", escape(&f.label), escape(&f.value))?;
    }
    let r = &doc.region;
    writeln!(
        md,
        "- **Region:** {} {} ({})",
        escape(&r.code),
        escape(&r.name),
        escape(&r.coverage)
    )?;
    if !r.choice.is_empty() {
        writeln!(md, "- **Region chosen:** {}", escape(&r.choice))?;
    }
    writeln!(md)?;
    writeln!(
        md,
        "| # | Service | Tier | Unit | Qty | Unit price ({cur}) | Line total ({cur}) |",
        cur = escape(&doc.currency)
    )?;
    writeln!(md, "|--:|:--|:--|:--|--:|--:|--:|")?;
    for l in &doc.lines {
        writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} |",
            l.number,
            escape(&l.service),
            escape(&l.tier),
            escape(&l.unit),
            l.quantity,
            escape(&l.unit_price),
            escape(&l.line_total)
        )?;
    }
    writeln!(md, "| | **Total** | | | | | **{}** |", escape(&doc.total))?;
    writeln!(md)?;
    writeln!(
        md,
        "**Total: {} {}**",
        escape(&doc.total),
        escape(&doc.currency)
    )?;
    if !doc.note.is_empty() {
        writeln!(md)?;
        writeln!(md, "Note: {}", escape(&doc.note))?;
    }
    if !doc.history.is_empty() {
        writeln!(md)?;
        writeln!(md, "## Status history")?;
        writeln!(md)?;
        for h in &doc.history {
            write!(
                md,
                "- {}: {} by {}",
                escape(&h.at),
                escape(&h.change),
                escape(&h.by)
            )?;
            if !h.note.is_empty() {
                write!(md, " ({})", escape(&h.note))?;
            }
            writeln!(md)?;
        }
    }
    writeln!(md)?;
    writeln!(md, "## Terms")?;
    writeln!(md)?;
    for t in &doc.terms {
        writeln!(md, "**{}.** {}", escape(&t.heading), escape(&t.text))?;
        writeln!(md)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_start};

    #[test]
    fn markdown_specials_are_escaped() {
        assert_eq!(
            escape("*Acme* [x](http://y) | <b>"),
            "\\*Acme\\* \\[x\\](http://y) \\| \\<b\\>"
        );
        assert_eq!(escape("a\nb"), "a b");
        assert_eq!(escape_start("1. Main St"), "1\\. Main St");
        assert_eq!(escape_start("- x"), "\\- x");
        assert_eq!(escape_start("$1,300,000.00"), "$1,300,000.00");
    }
}
