//! The Customers tab: its rows worked out again whenever it is on screen, the search, a
//! customer's page (Enter opens the quote or order selected there), the add and edit
//! form saved through the store, and a two-desk clash settled as `customer decide` does.

use super::super::action::Effect;
use super::super::field::TextField;
use super::super::model::customers::{
    CustomerEdit, CustomerField, CustomerLine, ItemKind, Page, PageItem,
};
use super::super::state::{Popup, Screen, State};
use super::Ctx;
use crate::domain::customer::{Customer, name_key};
use crate::domain::order::local_date;
use crate::report::customers::rows;

/// What the rows are made of, as one number: the orders' generation (it changes
/// whenever an order does), every quote's id and standing, the book, and the day (expiry
/// moves amounts).
fn stamp(state: &State, today: jiff::civil::Date) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    today.hash(&mut h);
    state.orders.book.generation().hash(&mut h);
    for q in &state.quotes.quotes {
        (&q.id, q.standing(today).label()).hash(&mut h);
    }
    format!("{:?}", state.customers).hash(&mut h);
    h.finish()
}

/// The rows again from what the app has read (the book, the orders, the quotes), worked
/// out anew only when that changed, the search applied, the selection kept on the same
/// customer where it can be.
pub(crate) fn refresh(state: &mut State, today: jiff::civil::Date) {
    let now = stamp(state, today);
    if state.customers_tab.stamp != Some(now) {
        let every = rows(
            &state.customers,
            &state.orders.book.orders,
            &state.quotes.quotes,
            today,
        )
        .iter()
        .map(|r| {
            let country = r.country().map(str::to_string);
            CustomerLine {
                name: r.name.clone(),
                key: name_key(&r.name),
                region: country
                    .as_deref()
                    .and_then(|c| crate::domain::region::find(c).ok())
                    .and_then(|a| a.region),
                country,
                open_quotes: r.open_quotes(today),
                orders: r.orders.len(),
                booked: r.measures.booked,
                net: r.measures.net(),
                in_book: r.customer.is_some(),
                disputed: r.disputed(),
                orders_at: r.orders_at.iter().map(|&i| i as u32).collect(),
                quotes_at: r.quotes_at.iter().map(|&i| i as u32).collect(),
            }
        })
        .collect();
        let tab = &mut state.customers_tab;
        tab.every = every;
        tab.stamp = Some(now);
    }
    let keep = state.customers_tab.selected_line().map(|l| l.key.clone());
    let words: Vec<String> = state
        .customers_tab
        .search
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let tab = &mut state.customers_tab;
    tab.all = tab.every.len();
    tab.rows = tab
        .every
        .iter()
        .filter(|r| {
            let name = r.name.to_lowercase();
            words.iter().all(|w| name.contains(w.as_str()))
        })
        .cloned()
        .collect();
    tab.selected = keep
        .and_then(|k| tab.rows.iter().position(|r| r.key == k))
        .unwrap_or(tab.selected)
        .min(tab.rows.len().saturating_sub(1));
    page_items(state, today);
}

/// The open page's quotes and orders, newest first, from where its row says they are.
fn page_items(state: &mut State, today: jiff::civil::Date) {
    let Some(page) = &state.customers_tab.page else {
        return;
    };
    let Some(line) = state.customers_tab.every.iter().find(|r| r.key == page.key) else {
        state.customers_tab.page = None;
        return;
    };
    let quotes = line
        .quotes_at
        .iter()
        .filter_map(|&at| state.quotes.quotes.get(at as usize))
        .map(|q| PageItem {
            kind: ItemKind::Quote,
            id: q.id.clone(),
            date: local_date(q.created_at),
            status: q.standing(today).label().to_string(),
            total: q.total,
        });
    let orders = line
        .orders_at
        .iter()
        .filter_map(|&at| state.orders.book.orders.get(at as usize))
        .map(|o| PageItem {
            kind: ItemKind::Order,
            id: o.id.clone(),
            date: local_date(o.created_at),
            status: o.effective_status(today).label().to_string(),
            total: o.total,
        });
    let mut items: Vec<PageItem> = quotes.chain(orders).collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    if let Some(page) = &mut state.customers_tab.page {
        page.selected = page.selected.min(items.len().saturating_sub(1));
        page.items = items;
    }
}

/// The book's customer on the selected row (or the open page), if in the book.
fn book_customer(state: &State) -> Option<Customer> {
    let key = match &state.customers_tab.page {
        Some(page) => page.key.clone(),
        None => state.customers_tab.selected_line()?.key.clone(),
    };
    state
        .customers
        .iter()
        .find(|c| name_key(&c.name) == key)
        .cloned()
}

/// Enter: the selected customer's page; on the page, the selected quote or order.
pub(super) fn enter(state: &mut State, ctx: &Ctx, fx: &mut Vec<Effect>) {
    if let Some(page) = &state.customers_tab.page {
        let Some(item) = page.items.get(page.selected).cloned() else {
            state.info("No quotes or orders yet: Esc goes back to the customers");
            return;
        };
        match item.kind {
            ItemKind::Order => super::quotes::jump_to_order(state, &item.id, ctx, fx),
            ItemKind::Quote => super::quotes::jump_to_quote(state, &item.id, ctx, fx),
        }
        return;
    }
    let Some(line) = state.customers_tab.selected_line() else {
        state.warn("No customer selected: Esc clears the search, a adds one");
        return;
    };
    state.customers_tab.page = Some(Page {
        key: line.key.clone(),
        ..Page::default()
    });
    refresh(state, ctx.today);
}

/// Opens the page of the customer named `name` (the palette's jump).
pub(crate) fn show_page(state: &mut State, name: &str, ctx: &Ctx, fx: &mut Vec<Effect>) {
    super::show(state, Screen::Customers, fx);
    state.customers_tab.search.clear();
    state.customers_tab.page = Some(Page {
        key: name_key(name),
        ..Page::default()
    });
    refresh(state, ctx.today);
    if let Some(at) = state.customers_tab.position(name) {
        state.customers_tab.selected = at;
    }
}

/// ↑ ↓ on the list or the page.
pub(super) fn move_to(state: &mut State, to: impl Fn(usize, usize) -> usize) {
    let tab = &mut state.customers_tab;
    match &mut tab.page {
        Some(page) => {
            page.selected =
                to(page.selected, page.items.len()).min(page.items.len().saturating_sub(1));
        }
        None => {
            tab.selected = to(tab.selected, tab.rows.len()).min(tab.rows.len().saturating_sub(1));
        }
    }
}

/// Esc: the form closes, else the page, else the search is cleared (the rows follow at
/// the end of `update`); `false` when nothing was open.
pub(super) fn back(state: &mut State) -> bool {
    let tab = &mut state.customers_tab;
    if tab.form.take().is_some() {
        state.info("Nothing saved: the form is closed");
        return true;
    }
    if tab.page.take().is_some() {
        return true;
    }
    if !tab.search.is_empty() {
        tab.search.clear();
        tab.selected = 0;
        return true;
    }
    false
}

/// `a`: an empty form.
pub(super) fn add(state: &mut State, fx: &mut Vec<Effect>) {
    state.customers_tab.form = Some(CustomerEdit::adding());
    // The book is read afresh: another desk may have added a customer.
    fx.push(Effect::LoadCustomers);
}

/// `e`: the form filled from the book's customer; one seen only in orders is added.
pub(super) fn edit(state: &mut State, fx: &mut Vec<Effect>) {
    match book_customer(state) {
        Some(c) => state.customers_tab.form = Some(CustomerEdit::editing(&c)),
        None => {
            let Some(line) = state.customers_tab.selected_line() else {
                state.warn("No customer selected: a adds one");
                return;
            };
            // Seen only in orders: the form adds them to the book, name and country filled.
            let mut form = CustomerEdit::adding();
            form.fields[CustomerField::Name as usize] = TextField::new(line.name.clone());
            form.fields[CustomerField::Country as usize] =
                TextField::new(line.country.clone().unwrap_or_default());
            state.customers_tab.form = Some(form);
            state.info("Not in the book yet: Ctrl-S adds them");
        }
    }
    fx.push(Effect::LoadCustomers);
}

/// Tab, ↓ / Shift-Tab, ↑ in the form.
pub(super) fn move_field(state: &mut State, step: isize) {
    if let Some(form) = &mut state.customers_tab.form {
        let n = CustomerField::ALL.len() as isize;
        form.focus = (form.focus as isize + step).rem_euclid(n) as usize;
    }
}

/// Ctrl-S: checked as `customer add` checks it, then saved through the store.
pub(super) fn submit(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(form) = &mut state.customers_tab.form else {
        return;
    };
    if form.saving {
        return;
    }
    match form.form().check() {
        Ok(after) => {
            form.error = None;
            form.saving = true;
            let before = form.before.clone();
            state.info("Saving the customer…");
            fx.push(Effect::SaveCustomer { before, after });
        }
        Err(e) => {
            if let Some(at) = CustomerField::ALL.iter().position(|f| f.key() == e.field) {
                form.focus = at;
            }
            form.error = Some((e.field, e.message.clone()));
            state.error(format!("Not saved: {e}"));
        }
    }
}

/// The store saved the customer (or said why not).
pub(super) fn saved(
    state: &mut State,
    result: Result<(Customer, String), String>,
    ctx: &Ctx,
    fx: &mut Vec<Effect>,
) {
    match result {
        Ok((c, file)) => {
            state.customers_tab.form = None;
            let name = crate::domain::text::clean(&c.name).into_owned();
            match state
                .customers
                .iter_mut()
                .find(|x| name_key(&x.name) == name_key(&c.name))
            {
                Some(slot) => *slot = c.clone(),
                None => state.customers.push(c.clone()),
            }
            refresh(state, ctx.today);
            if let Some(at) = state.customers_tab.position(&c.name) {
                state.customers_tab.selected = at;
            }
            state.info(format!(
                "Customer {name} saved to {file}; orders and quotes keep the country they were made with"
            ));
            fx.push(Effect::LoadCustomers);
        }
        Err(why) => {
            if let Some(form) = &mut state.customers_tab.form {
                form.saving = false;
            }
            state.error(format!("Customer not saved: {why}"));
        }
    }
}

/// `K`: the first field two desks set differently, its values to keep one of.
pub(super) fn ask_clash(state: &mut State) {
    let Some(c) = book_customer(state) else {
        state.info("K settles what two desks set differently: this customer has nothing to settle");
        return;
    };
    let Some(clash) = c.clashes.first() else {
        state.info(format!(
            "{}: nothing to settle (no field two desks set differently)",
            crate::domain::text::clean(&c.name)
        ));
        return;
    };
    state.popup = Some(Popup::CustomerClash {
        name: c.name.clone(),
        field: clash.field.clone(),
        values: clash.values.clone(),
    });
}

/// `1` / `2` in the clash popup: that value stands.
pub(super) fn keep(state: &mut State, keep: usize, fx: &mut Vec<Effect>) {
    let Some(Popup::CustomerClash {
        name,
        field,
        values,
    }) = state.popup.take()
    else {
        return;
    };
    if keep == 0 || keep > values.len() {
        state.popup = Some(Popup::CustomerClash {
            name,
            field,
            values,
        });
        return;
    }
    state.info("Settling…");
    fx.push(Effect::DecideCustomer { name, field, keep });
}

/// The store settled the clash (or said why not).
pub(super) fn decided(state: &mut State, result: Result<Customer, String>, ctx: &Ctx) {
    match result {
        Ok(c) => {
            let text = format!("{}: settled", crate::domain::text::clean(&c.name));
            if let Some(slot) = state
                .customers
                .iter_mut()
                .find(|x| name_key(&x.name) == name_key(&c.name))
            {
                *slot = c;
            }
            refresh(state, ctx.today);
            state.info(text);
        }
        Err(why) => state.error(format!("Not settled: {why}")),
    }
}
