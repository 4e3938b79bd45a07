//! Exporting the order open in the detail view (`x`): ask the format in a small popup,
//! then let the loop write the document and say where it went.

use super::super::action::Effect;
use super::super::state::{Exported, Popup, Screen, State};
use crate::document::DocFormat;

/// `x`: the format popup, for the order open in the detail view and read in full. In the
/// table the key only says how to reach it: it acts on what is visible.
pub fn ask(state: &mut State) {
    if state.screen != Screen::Orders {
        return;
    }
    match state.orders.detail.as_ref() {
        Some(detail) if detail.order().is_some() => {
            state.message = None;
            state.popup = Some(Popup::Export(Exported::Order(detail.id.clone())));
        }
        Some(_) => state.info("The order is still being read or cannot be read: nothing to export"),
        None => state.info("x exports the order open in the detail: open one with Enter first"),
    }
    state.about(Screen::Orders);
}

/// A format picked in the popup: the loop renders and writes the order open now.
pub fn export_as(state: &mut State, format: DocFormat, fx: &mut Vec<Effect>) {
    if matches!(state.popup, Some(Popup::Export(Exported::Quote(_)))) {
        return super::quotes::export_as(state, format, fx);
    }
    let Some(Popup::Export(Exported::Order(id))) = state.popup.take() else {
        return;
    };
    let order = state
        .orders
        .detail
        .as_ref()
        .filter(|d| d.id == id)
        .and_then(|d| d.order().cloned());
    match order {
        Some(order) => {
            state.progress(format!("Writing order {id} as {}…", format.label()));
            fx.push(Effect::ExportOrder {
                order: Box::new(order),
                format,
            });
        }
        None => state.warn(format!(
            "Order {id} is no longer open: nothing was exported"
        )),
    }
}

/// The loop wrote the document (or why not): the status bar says where it went.
pub fn exported(state: &mut State, result: Result<(std::path::PathBuf, bool), String>) {
    // The path is the news: the seller profile hint lives in the popup, so the status
    // bar has room for the whole path.
    match result {
        Ok((path, seller)) => {
            state.export.seller = Some(seller);
            written(state, path, "Exported to");
        }
        Err(why) => {
            state.error(format!("Not exported: {why}"));
            state.popup = Some(Popup::Notice {
                title: "Not exported".into(),
                body: crate::domain::text::clean(&why).into_owned(),
                level: crate::tui::state::Level::Error,
            });
        }
    }
    state.about(Screen::Orders);
}

/// `X` on Orders, Quotes, Reports or Customers: the rows listed, as they are listed, to
/// CSV.
pub fn list(state: &mut State, ctx: &super::Ctx, fx: &mut Vec<Effect>) {
    use crate::tui::export::Listed;
    let listed = match state.screen {
        Screen::Orders => Listed::Orders(
            state
                .orders
                .index
                .iter()
                .filter_map(|r| match r {
                    crate::tui::model::order_book::RowRef::Order(i) => {
                        let o = &state.orders.book.orders[*i as usize];
                        Some((o.clone(), o.effective_status(ctx.today)))
                    }
                    crate::tui::model::order_book::RowRef::Damaged(_) => None,
                })
                .collect(),
        ),
        Screen::Quotes => Listed::Quotes(
            state
                .quotes
                .index
                .iter()
                .filter_map(|r| match r {
                    crate::tui::model::quotes::QuoteRow::Quote(i) => {
                        let q = &state.quotes.quotes[*i];
                        Some((q.clone(), q.standing(ctx.today)))
                    }
                    crate::tui::model::quotes::QuoteRow::Damaged(_) => None,
                })
                .collect(),
        ),
        Screen::Reports => match &state.reports.figures {
            Some(f) => Listed::Report(Box::new(f.report.clone())),
            None => {
                state.info("The report is still being made: X writes it once it shows");
                return;
            }
        },
        // The rows listed, the search applied, as `customers --format csv` writes them.
        Screen::Customers => {
            let keys: std::collections::HashSet<&str> = state
                .customers_tab
                .rows
                .iter()
                .map(|r| r.key.as_str())
                .collect();
            Listed::Customers(
                crate::report::customers::rows(
                    &state.customers,
                    &state.orders.book.orders,
                    &state.quotes.quotes,
                    ctx.today,
                )
                .iter()
                .filter(|r| keys.contains(crate::domain::customer::name_key(&r.name).as_str()))
                .map(crate::report::csv::customer_record)
                .collect(),
            )
        }
        Screen::Catalog | Screen::Cart => return,
    };
    if listed.is_empty() {
        state.info("Nothing listed: nothing to write");
        state.about(state.screen);
        return;
    }
    state.progress(format!("Writing {} row(s) as CSV…", listed.len()));
    fx.push(Effect::ExportList(listed));
}

/// The list was written: where, or why not.
/// A file written: where, and that Ctrl-O opens it where the system has an opener.
pub fn written(state: &mut State, path: std::path::PathBuf, said: &str) {
    let shown = crate::domain::text::path(&path);
    let open = if state.export.opener.is_some() {
        " · Ctrl-O opens it"
    } else {
        ""
    };
    state.info(format!("{said} {shown}{open}"));
    state.export.last = Some(path);
}

/// Ctrl-O: the last file written, opened with the system's opener (`xdg-open`, `open`).
pub fn open_last(state: &mut State, fx: &mut Vec<Effect>) {
    match (&state.export.last, &state.export.opener) {
        (None, _) => state.warn("Nothing exported yet: x exports a quote or order, X the list"),
        (Some(path), None) => {
            let shown = crate::domain::text::path(path);
            state.warn(format!(
                "No system opener (xdg-open or open) on this machine: the file is {shown}"
            ));
        }
        (Some(path), Some(opener)) => fx.push(Effect::OpenFile {
            opener: opener.clone(),
            path: path.clone(),
        }),
    }
}

pub fn list_written(state: &mut State, result: Result<(std::path::PathBuf, usize), String>) {
    match result {
        Ok((path, rows)) => written(state, path, &format!("Wrote {rows} row(s) to")),
        Err(why) => state.error(format!("Not written: {why}")),
    }
}

/// The export came back: where the file went, or why not.
pub(super) fn quote_exported(state: &mut State, result: Result<std::path::PathBuf, String>) {
    match result {
        Ok(file) => written(state, file, "Exported to"),
        Err(why) => {
            state.error(format!(
                "Not exported: {}",
                crate::domain::text::clean(&why)
            ));
            state.about(Screen::Quotes);
            // The reason whole (a script the PDF cannot print names the character and
            // what to do), not cut at the status line's width.
            state.popup = Some(Popup::Notice {
                title: "Not exported".into(),
                body: crate::domain::text::clean(&why).into_owned(),
                level: crate::tui::state::Level::Error,
            });
        }
    }
}
