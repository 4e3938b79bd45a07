//! Reading one order file and reporting any fault in it with its line and column.

use std::path::Path;

use super::{MAX_FILE_BYTES, StoreError, files};
use crate::domain::order::Order;
use crate::store::stamp::Stamp;

/// Reads and checks one order file.
pub fn read_order(path: &Path) -> Result<Order, StoreError> {
    read_order_stamped(path).map(|(order, _)| order)
}

/// Reads one order file with the stamp of the very version that was read. Only a regular
/// file is read (a FIFO, device or link is reported), and never more than
/// [`MAX_FILE_BYTES`] of it.
pub fn read_order_stamped(path: &Path) -> Result<(Order, Stamp), StoreError> {
    let (bytes, meta) =
        files::read_regular(path, MAX_FILE_BYTES).map_err(|e| StoreError::read(path, e))?;
    Ok((parse_order(path, &bytes)?, Stamp::of(&meta)))
}

/// Parses order file bytes, reporting any fault with line:column.
pub fn parse_order(path: &Path, bytes: &[u8]) -> Result<Order, StoreError> {
    if bytes.starts_with(&[0xef, 0xbb, 0xbf]) {
        return Err(damaged(
            path,
            1,
            1,
            "file starts with a byte-order mark; save it as UTF-8 without BOM".into(),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = position(bytes, e.valid_up_to());
            return Err(damaged(path, line, column, "invalid UTF-8".into()));
        }
    };
    if text.trim().is_empty() {
        return Err(damaged(path, 1, 1, "file is empty".into()));
    }
    let order: Order = ron::from_str(text).map_err(|e| {
        newer_or(path, text, || {
            damaged(
                path,
                e.span.start.line,
                e.span.start.col,
                e.code.to_string(),
            )
        })
    })?;
    check_format(path, text, order.format)?;
    if let Err((field, message)) = order.check_integrity() {
        let (line, column) = field_position(text, field);
        return Err(damaged(path, line, column, message));
    }
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if stem != order.id {
        let (line, column) = field_position(text, "id");
        return Err(damaged(
            path,
            line,
            column,
            format!(
                "the file is named {stem} but holds order {}; rename it to {}.ron",
                order.id, order.id
            ),
        ));
    }
    Ok(order)
}

/// A file that does not parse is from a newer desk when it says so (it may hold fields
/// this desk does not know); otherwise it is damaged as `otherwise` says.
fn newer_or(path: &Path, text: &str, otherwise: impl FnOnce() -> StoreError) -> StoreError {
    match crate::domain::format::declared(text) {
        Some(format) if crate::domain::format::is_newer(format) => StoreError::Newer {
            path: path.to_path_buf(),
            format,
        },
        _ => otherwise(),
    }
}

/// A file that parsed but names a format this desk does not write: newer is reported as
/// such, 0 is damage.
fn check_format(path: &Path, text: &str, format: u32) -> Result<(), StoreError> {
    if crate::domain::format::is_newer(format) {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            format,
        });
    }
    if format == 0 {
        let (line, column) = field_position(text, "format");
        return Err(damaged(
            path,
            line,
            column,
            "format 0 does not exist: formats start at 1".into(),
        ));
    }
    Ok(())
}

fn damaged(path: &Path, line: usize, column: usize, message: String) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

/// 1-based line and column of a byte offset.
fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (
        line,
        String::from_utf8_lossy(&before[start..]).chars().count() + 1,
    )
}

/// Where a field is written in the file, so a semantic fault still points at a line.
fn field_position(text: &str, field: &str) -> (usize, usize) {
    let key = format!("{field}:");
    for (i, line) in text.lines().enumerate() {
        if let Some(col) = line.find(&key)
            && line[..col].trim().is_empty()
        {
            return (i + 1, col + 1);
        }
    }
    (1, 1)
}

/// Parses the bytes of another kind of RON file in the folder (a customer, a quote) with
/// the same faults reported as an order's: byte-order mark, invalid UTF-8, empty, syntax
/// with line:column, and a failed `check` pointed at its field.
pub(super) fn parse_ron_file<T: serde::de::DeserializeOwned>(
    path: &Path,
    bytes: &[u8],
    format_of: impl FnOnce(&T) -> u32,
    check: impl FnOnce(&T) -> Result<(), (&'static str, String)>,
) -> Result<T, StoreError> {
    if bytes.starts_with(&[0xef, 0xbb, 0xbf]) {
        return Err(damaged(
            path,
            1,
            1,
            "file starts with a byte-order mark; save it as UTF-8 without BOM".into(),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = position(bytes, e.valid_up_to());
            return Err(damaged(path, line, column, "invalid UTF-8".into()));
        }
    };
    if text.trim().is_empty() {
        return Err(damaged(path, 1, 1, "file is empty".into()));
    }
    let value: T = ron::from_str(text).map_err(|e| {
        newer_or(path, text, || {
            damaged(
                path,
                e.span.start.line,
                e.span.start.col,
                e.code.to_string(),
            )
        })
    })?;
    check_format(path, text, format_of(&value))?;
    if let Err((field, message)) = check(&value) {
        let (line, column) = field_position(text, field);
        return Err(damaged(path, line, column, message));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fault is reported at its line and column, both counted from 1, characters not
    /// bytes, so a rep can go straight to it.
    #[test]
    fn positions_are_the_line_and_column_of_the_fault() {
        let text = "Order(\n    customer: \"Zoë\",x\n)";
        let offset = text.find(",x").unwrap() + 1;
        assert_eq!(position(text.as_bytes(), offset), (2, 21));
        assert_eq!(position(text.as_bytes(), 0), (1, 1));
        assert_eq!(field_position(text, "customer"), (2, 5));
        assert_eq!(field_position(text, "rep"), (1, 1));
    }
}
