//! The pure heart of the app: an action changes the state and asks for effects.
//! No I/O and no clock: "now" and "today" come in through [`Ctx`], so every test and
//! snapshot is the same on every run.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::cart::Cart;
use crate::money::format_usd;
use crate::order::{CheckoutForm, Order, check_form, checkout};
use crate::order_id;
use crate::rules::{self, Transition};

use super::action::{Action, ChangeFailure, Effect};
use super::book::RowRef;
use super::browse::{self, Column};
use super::state::{
    Checkout, Field, InputTarget, Level, PendingChange, Popup, Screen, State, StatusFilter,
    UNDO_DEPTH,
};

/// The moment an action happens, given from outside.
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    pub now: Timestamp,
    /// The local calendar date of `now` (for expiry and valid-until checks).
    pub today: Date,
}

/// Applies one action; returns the work the loop must do (saves, loads).
pub fn update(state: &mut State, action: Action, ctx: &Ctx) -> Vec<Effect> {
    let mut fx = Vec::new();
    match action {
        Action::Quit => state.quit = true,
        Action::Show(screen) => show(state, screen, &mut fx),
        Action::NextScreen => {
            let next = Screen::ALL[(state.screen.index() + 1) % Screen::ALL.len()];
            show(state, next, &mut fx);
        }
        Action::PrevScreen => {
            let n = Screen::ALL.len();
            let prev = Screen::ALL[(state.screen.index() + n - 1) % n];
            show(state, prev, &mut fx);
        }
        Action::Help => state.popup = Some(Popup::Help),
        Action::Back => back(state),
        Action::Up => move_cursor(state, |at, _, _| at.saturating_sub(1)),
        Action::Down => move_cursor(state, |at, _, _| at + 1),
        Action::Top => move_cursor(state, |_, _, _| 0),
        Action::Bottom => move_cursor(state, |_, len, _| len.saturating_sub(1)),
        Action::PageUp => move_cursor(state, |at, _, page| at.saturating_sub(page)),
        Action::PageDown => move_cursor(state, |at, _, page| at + page),
        Action::Left => column(state, -1),
        Action::Right => column(state, 1),
        Action::Enter => enter(state, ctx, &mut fx),
        Action::Add => add_highlighted(state, &mut fx),
        Action::SwitchRegion => switch_region(state, &mut fx),
        Action::StartInput => start_input(state),
        Action::Type(c) => type_char(state, Some(c), ctx),
        Action::Backspace => type_char(state, None, ctx),
        Action::More => change_quantity(state, 1, &mut fx),
        Action::Less => change_quantity(state, -1, &mut fx),
        Action::Remove => remove_line(state, &mut fx),
        Action::Undo => undo(state, &mut fx),
        Action::Checkout => open_checkout(state),
        Action::NextField => move_field(state, 1),
        Action::PrevField => move_field(state, -1),
        Action::Submit => submit(state, ctx, &mut fx),
        Action::CycleFilter => {
            if state.screen == Screen::Orders && state.orders.detail.is_none() {
                state.orders.filter = state.orders.filter.next();
                state.orders.selected = 0;
                refilter(state, ctx.today);
            }
        }
        Action::Request(transition) => request(state, transition, ctx),
        Action::Repurchase => repurchase(state, &mut fx),
        Action::Confirm(yes) => confirm(state, yes, &mut fx),
        Action::Refresh => {
            if state.orders.loading.is_none() {
                state.info("Reloading orders from the folder…");
            }
            request_load(state, &mut fx);
        }
        Action::Resize(height) => state.height = height,
        Action::LoadProgress { done, total } => {
            if state.orders.loading.is_some() {
                state.orders.loading = Some((done, total));
            }
        }
        Action::Loaded(book) => loaded(state, *book, ctx),
        Action::LoadFailed(why) => {
            state.orders.loading = None;
            state.error(format!("Orders not loaded: {why}"));
            state.orders.load_error = Some(why);
        }
        Action::CartSaveFailed(why) => {
            state.error(format!("Cart draft not saved: {why}"));
        }
        Action::OrderSaved(result) => order_saved(state, result, ctx, &mut fx),
        Action::ChangeDone(result) => change_done(state, result, ctx, &mut fx),
    }
    fx
}

fn show(state: &mut State, screen: Screen, fx: &mut Vec<Effect>) {
    state.input = None;
    // Coming to the Orders tab picks up what other desks saved meanwhile.
    if screen == Screen::Orders && state.screen != Screen::Orders {
        request_load(state, fx);
    }
    state.screen = screen;
}

fn request_load(state: &mut State, fx: &mut Vec<Effect>) {
    if state.orders.loading.is_none() {
        state.orders.loading = Some((0, 0));
        fx.push(Effect::LoadOrders);
    }
}

fn back(state: &mut State) {
    if state.popup.take().is_some() || state.checkout.take().is_some() {
        return;
    }
    let input = state.input.take();
    match state.screen {
        Screen::Orders if input.is_none() && state.orders.detail.is_some() => {
            state.orders.detail = None;
        }
        // Esc while typing, or on a kept search/filter, clears it.
        Screen::Orders if !state.orders.search.is_empty() => {
            state.orders.search.clear();
            state.orders.selected = 0;
            // Expiry depends on the date: reuse the one the filter last ran with.
            if let Some(today) = state.orders.today {
                refilter(state, today);
            }
        }
        Screen::Catalog => state.browse.filter.clear(),
        _ => {}
    }
}

/// Rows a page moves: the terminal less the bars, borders and headers.
fn page(state: &State) -> usize {
    usize::from(state.height.saturating_sub(8)).max(1)
}

fn move_cursor(state: &mut State, to: impl Fn(usize, usize, usize) -> usize) {
    let page = page(state);
    match state.screen {
        Screen::Catalog => {
            let tree = browse::tree(&state.catalog, &state.browse.filter);
            let len = state.browse.column_len(&tree);
            let at = state.browse.position(&tree);
            state.browse.select(&tree, to(at, len, page));
        }
        Screen::Cart => {
            let len = state.cart.lines.len();
            state.cart_selected = to(state.cart_selected, len, page).min(len.saturating_sub(1));
        }
        Screen::Orders => {
            let len = state.orders.index.len();
            let at = to(state.orders.selected, len, page);
            state.orders.selected = at.min(len.saturating_sub(1));
            // In the detail view, moving pages through the orders one by one.
            if state.orders.detail.is_some()
                && let Some(RowRef::Order(i)) = state.orders.index.get(state.orders.selected)
            {
                state.orders.detail = Some(*i as usize);
            }
        }
    }
}

fn column(state: &mut State, step: i8) {
    if state.screen != Screen::Catalog {
        return;
    }
    state.browse.column = match (state.browse.column, step > 0) {
        (Column::Families, true) => Column::Services,
        (Column::Services, true) | (Column::Tiers, true) => Column::Tiers,
        (Column::Families, false) | (Column::Services, false) => Column::Families,
        (Column::Tiers, false) => Column::Services,
    };
}

fn enter(state: &mut State, ctx: &Ctx, fx: &mut Vec<Effect>) {
    if let Some(form) = &state.checkout {
        if form.focus + 1 >= Field::ALL.len() {
            submit(state, ctx, fx);
        } else {
            move_field(state, 1);
        }
        return;
    }
    if state.input.take().is_some() {
        return;
    }
    match state.screen {
        Screen::Catalog => match state.browse.column {
            Column::Tiers => add_highlighted(state, fx),
            _ => column(state, 1),
        },
        Screen::Cart => {}
        Screen::Orders => open_detail(state),
    }
}

fn open_detail(state: &mut State) {
    if state.orders.detail.is_some() {
        return;
    }
    match state.orders.index.get(state.orders.selected) {
        Some(RowRef::Order(i)) => state.orders.detail = Some(*i as usize),
        Some(RowRef::Damaged(i)) => {
            let d = &state.orders.book.damaged[*i as usize];
            state.popup = Some(Popup::Notice {
                title: format!("Damaged file {}", d.file),
                body: d.describe(),
                level: Level::Error,
            });
        }
        None => {}
    }
}

/// Changes the cart, remembering the old one for undo and saving the draft.
fn cart_change(
    state: &mut State,
    what: String,
    fx: &mut Vec<Effect>,
    change: impl FnOnce(&mut Cart, &crate::catalog::Catalog) -> Result<(), String>,
) -> bool {
    let before = state.cart.clone();
    match change(&mut state.cart, &state.catalog) {
        Ok(()) if state.cart != before => {
            state.undo.push((before, what));
            if state.undo.len() > UNDO_DEPTH {
                state.undo.remove(0);
            }
            fx.push(Effect::SaveCart(state.cart.clone()));
            let last = state.cart.lines.len().saturating_sub(1);
            state.cart_selected = state.cart_selected.min(last);
            true
        }
        Ok(()) => false,
        Err(why) => {
            state.cart = before;
            state.error(why);
            false
        }
    }
}

fn add_highlighted(state: &mut State, fx: &mut Vec<Effect>) {
    if state.screen != Screen::Catalog {
        return;
    }
    let tree = browse::tree(&state.catalog, &state.browse.filter);
    let Some(cursor) = state.browse.cursor(&tree) else {
        state.warn("Nothing matches the filter: Esc clears it");
        return;
    };
    let tier = state.catalog.entry(cursor.at).tier;
    let (sku, name) = (tier.sku.clone(), tier.name.clone());
    let added = cart_change(state, format!("add {sku}"), fx, |cart, catalog| {
        cart.add(catalog, &sku, 1).map_err(|e| e.to_string())
    });
    if added {
        let total = format_usd(state.cart.total(&state.catalog));
        let qty = state.cart.quantity_of(&sku);
        state.info(format!(
            "Added {name} (now {qty} in cart, total {total}); u undoes"
        ));
    }
}

fn switch_region(state: &mut State, fx: &mut Vec<Effect>) {
    let to = state.cart.region.other();
    cart_change(state, format!("switch region to {to}"), fx, |cart, _| {
        cart.region = to;
        Ok(())
    });
    let total = format_usd(state.cart.total(&state.catalog));
    let name = state.catalog.region_full_name(to);
    state.info(format!("Region {to}: {name}; cart repriced to {total}"));
}

fn selected_line(state: &State) -> Option<(String, u32)> {
    state
        .cart
        .lines
        .get(state.cart_selected)
        .map(|l| (l.sku.clone(), l.quantity))
}

fn change_quantity(state: &mut State, step: i64, fx: &mut Vec<Effect>) {
    let Some((sku, qty)) = selected_line(state) else {
        state.warn("The cart is empty: add tiers in the Catalog (1)");
        return;
    };
    let wanted = i64::from(qty) + step;
    if wanted < 1 {
        state.warn(format!("{sku} is at 1: x removes the line"));
        return;
    }
    let changed = cart_change(state, format!("quantity of {sku}"), fx, |cart, _| {
        cart.set_quantity(&sku, wanted as u32)
            .map_err(|e| e.to_string())
    });
    if changed {
        state.info(format!("{sku}: quantity {wanted}"));
    }
}

fn remove_line(state: &mut State, fx: &mut Vec<Effect>) {
    let Some((sku, _)) = selected_line(state) else {
        state.warn("The cart is empty: nothing to remove");
        return;
    };
    cart_change(state, format!("remove {sku}"), fx, |cart, _| {
        cart.remove(&sku);
        Ok(())
    });
    state.info(format!("Removed {sku}; u brings it back"));
}

fn undo(state: &mut State, fx: &mut Vec<Effect>) {
    if state.screen == Screen::Orders {
        state.info("u undoes cart changes: go to the Cart (2) or Catalog (1)");
        return;
    }
    match state.undo.pop() {
        Some((cart, what)) => {
            state.cart = cart;
            state.cart_selected = state
                .cart_selected
                .min(state.cart.lines.len().saturating_sub(1));
            fx.push(Effect::SaveCart(state.cart.clone()));
            state.info(format!("Undone: {what}"));
        }
        None => state.info("Nothing to undo"),
    }
}

fn start_input(state: &mut State) {
    state.input = match state.screen {
        Screen::Catalog => Some(InputTarget::CatalogFilter),
        Screen::Orders if state.orders.detail.is_none() => Some(InputTarget::OrdersSearch),
        _ => None,
    };
}

/// Types a character (or deletes one with `None`) into the form field or input line.
fn type_char(state: &mut State, c: Option<char>, ctx: &Ctx) {
    if let Some(form) = &mut state.checkout {
        let field = form.focused();
        let value = form.value_mut(field);
        match c {
            Some(c) => value.push(c),
            None => {
                value.pop();
            }
        }
        if form.tried {
            form.errors = validate(form, ctx.today).err().unwrap_or_default();
        }
        return;
    }
    let edit = |text: &mut String| match c {
        Some(c) => text.push(c),
        None => {
            text.pop();
        }
    };
    match state.input {
        Some(InputTarget::CatalogFilter) => {
            edit(&mut state.browse.filter);
            state.browse.family = 0;
            state.browse.service = 0;
            state.browse.tier = 0;
        }
        Some(InputTarget::OrdersSearch) => {
            let before = state.orders.search.to_lowercase();
            edit(&mut state.orders.search);
            state.orders.selected = 0;
            let needle = state.orders.search.to_lowercase();
            if c.is_some() && needle.starts_with(&before) && state.orders.today == Some(ctx.today) {
                // Typing on narrows what already matched: no need to scan every order.
                let orders = &mut state.orders;
                orders.index = orders.book.narrow(&orders.index, &needle);
            } else {
                refilter(state, ctx.today);
            }
        }
        None => {}
    }
}

fn open_checkout(state: &mut State) {
    if state.cart.is_empty() {
        state.warn("The cart is empty: add a tier in the Catalog (1) first");
        return;
    }
    let unknown = state.cart.unknown_skus(&state.catalog);
    if !unknown.is_empty() {
        state.error(format!(
            "The cart holds SKUs this price list does not sell: {}; remove them (x) first",
            unknown.join(", ")
        ));
        return;
    }
    state.checkout = Some(Checkout {
        rep: state.rep.clone(),
        ..Checkout::default()
    });
}

fn move_field(state: &mut State, step: isize) {
    if let Some(form) = &mut state.checkout {
        let n = Field::ALL.len() as isize;
        form.focus = (form.focus as isize + step).rem_euclid(n) as usize;
    }
}

/// The core's form from the typed fields, or every problem per field.
fn validate(form: &Checkout, today: Date) -> Result<CheckoutForm, Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    let text = form.valid_until.trim();
    let valid_until = if text.is_empty() {
        None
    } else {
        match text.parse::<Date>() {
            Ok(date) => Some(date),
            Err(_) => {
                errors.push((
                    Field::ValidUntil.key(),
                    "use YYYY-MM-DD (e.g. 2026-12-31) or leave empty".to_string(),
                ));
                None
            }
        }
    };
    let core = CheckoutForm {
        customer: form.customer.clone(),
        rep: form.rep.clone(),
        note: form.note.clone(),
        valid_until,
    };
    errors.extend(
        check_form(&core, today)
            .into_iter()
            .map(|e| (e.field(), e.to_string())),
    );
    if errors.is_empty() {
        Ok(core)
    } else {
        Err(errors)
    }
}

fn submit(state: &mut State, ctx: &Ctx, fx: &mut Vec<Effect>) {
    let Some(form) = &mut state.checkout else {
        return;
    };
    form.tried = true;
    let core = match validate(form, ctx.today) {
        Ok(core) => core,
        Err(errors) => {
            let first = errors[0].0;
            form.focus = Field::ALL
                .iter()
                .position(|f| f.key() == first)
                .unwrap_or(form.focus);
            form.errors = errors;
            state.error("Not saved: fix the marked fields");
            return;
        }
    };
    form.errors.clear();
    // The store replaces this id with the one it claims in the folder.
    let id = order_id::make(ctx.now, &state.desk, 1);
    match checkout(&state.cart, &state.catalog, &core, id, ctx.now) {
        Ok(order) => fx.push(Effect::SaveOrder(order)),
        Err(e) => state.error(format!("Not saved: {e}")),
    }
}

fn order_saved(
    state: &mut State,
    result: Result<(Order, String), String>,
    ctx: &Ctx,
    fx: &mut Vec<Effect>,
) {
    match result {
        Ok((order, file)) => {
            let id = order.id.clone();
            let total = format_usd(order.total);
            state.checkout = None;
            state.cart = Cart::new(state.cart.region);
            state.cart_selected = 0;
            fx.push(Effect::SaveCart(state.cart.clone()));
            remember_during_load(state, &order);
            state.orders.book.insert_newest(order);
            state.orders.detail = state.orders.detail.map(|d| d + 1);
            refilter(state, ctx.today);
            select_order(state, &id);
            state.info(format!(
                "Order {id} saved ({total}) to {file}; cart emptied"
            ));
        }
        Err(why) => state.error(format!("Order not saved: {why}")),
    }
}

/// A save made while a load runs may be missing from that load: keep it to merge in.
fn remember_during_load(state: &mut State, order: &Order) {
    if state.orders.loading.is_some() {
        state.orders.during_load.push(order.clone());
    }
}

fn select_order(state: &mut State, id: &str) {
    let book = &state.orders.book;
    if let Some(at) = state.orders.index.iter().position(|r| match r {
        RowRef::Order(i) => book.orders[*i as usize].id == id,
        RowRef::Damaged(_) => false,
    }) {
        state.orders.selected = at;
    }
}

/// Recomputes the visible rows after the book, filter or search changed; keeps the
/// selected order selected when it is still shown.
pub fn refilter(state: &mut State, today: Date) {
    let orders = &mut state.orders;
    orders.today = Some(today);
    let keep = match orders.index.get(orders.selected) {
        Some(RowRef::Order(i)) => orders.book.orders.get(*i as usize).map(|o| o.id.clone()),
        _ => None,
    };
    let status = match orders.filter {
        StatusFilter::All => None,
        StatusFilter::Only(s) => Some(s),
    };
    orders.index = orders
        .book
        .filter(status, &orders.search.to_lowercase(), today);
    orders.selected = orders.selected.min(orders.index.len().saturating_sub(1));
    if let Some(id) = keep {
        select_order(state, &id);
    }
}

fn request(state: &mut State, transition: Transition, ctx: &Ctx) {
    let Some(i) = state.current_order() else {
        state.warn(match state.orders.index.get(state.orders.selected) {
            Some(RowRef::Damaged(_)) => {
                "A damaged file cannot change status: fix it by hand, then Ctrl-R"
            }
            _ => "No order selected",
        });
        return;
    };
    let order = &state.orders.book.orders[i];
    match rules::check(order, transition, ctx.today) {
        Err(refusal) => {
            state.popup = Some(Popup::Notice {
                title: format!("{} not allowed", transition.label()),
                body: format!(
                    "Order {}: {}.\n\nNothing was changed.",
                    order.id, refusal.reason
                ),
                level: Level::Error,
            });
            state.error(refusal.to_string());
        }
        Ok(_) => {
            state.popup = Some(Popup::Confirm(PendingChange {
                id: order.id.clone(),
                revision: order.revision,
                customer: order.customer.clone(),
                transition,
                from: order.effective_status(ctx.today),
            }));
        }
    }
}

fn confirm(state: &mut State, yes: bool, fx: &mut Vec<Effect>) {
    let Some(Popup::Confirm(change)) = state.popup.take() else {
        return;
    };
    if yes {
        fx.push(Effect::Change {
            id: change.id,
            revision: change.revision,
            transition: change.transition,
            by: state.rep.clone(),
        });
    } else {
        state.info(format!(
            "{} cancelled: nothing changed",
            change.transition.label()
        ));
    }
}

fn change_done(
    state: &mut State,
    result: Result<Order, ChangeFailure>,
    ctx: &Ctx,
    fx: &mut Vec<Effect>,
) {
    let (title, body) = match result {
        Ok(order) => {
            let change = order.history.last();
            let text = format!(
                "Order {}: {} → {}",
                order.id,
                change.and_then(|c| c.from).map_or("?", |s| s.label()),
                order.status.label()
            );
            remember_during_load(state, &order);
            if let Some(at) = state.orders.book.position(&order.id) {
                state.orders.book.replace(at, order);
            }
            refilter(state, ctx.today);
            state.info(text);
            return;
        }
        Err(ChangeFailure::Conflict(why)) => {
            request_load(state, fx);
            (
                "Changed by another desk",
                format!("{why}\n\nThe orders are being reloaded: check the order and try again."),
            )
        }
        Err(ChangeFailure::Refused(why)) => {
            ("Not allowed", format!("{why}\n\nNothing was changed."))
        }
        Err(ChangeFailure::Failed(why)) => ("Not saved", why),
    };
    state.error(format!("{title}: nothing was changed"));
    state.popup = Some(Popup::Notice {
        title: title.to_string(),
        body,
        level: Level::Error,
    });
}

fn repurchase(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(i) = state.current_order() else {
        state.warn("Select an order to repurchase");
        return;
    };
    let order = &state.orders.book.orders[i];
    let id = order.id.clone();
    let (cart, missing) = order.repurchase_cart(&state.catalog);
    if cart.is_empty() {
        state.error(format!(
            "Order {id} cannot be repurchased: none of its SKUs are sold any more"
        ));
        return;
    }
    let replaced = !state.cart.is_empty();
    cart_change(state, format!("repurchase of {id}"), fx, |c, _| {
        *c = cart;
        Ok(())
    });
    state.screen = Screen::Cart;
    state.cart_selected = 0;
    let total = format_usd(state.cart.total(&state.catalog));
    let mut text = format!("Cart filled from order {id} at today's prices: {total}");
    if replaced {
        text.push_str("; the previous cart was replaced (u undoes)");
    }
    if missing.is_empty() {
        state.info(text);
    } else {
        text.push_str(&format!("; no longer sold: {}", missing.join(", ")));
        state.warn(text);
    }
}

fn loaded(state: &mut State, book: super::book::Book, ctx: &Ctx) {
    let selected_id = match state.orders.index.get(state.orders.selected) {
        Some(RowRef::Order(i)) => state
            .orders
            .book
            .orders
            .get(*i as usize)
            .map(|o| o.id.clone()),
        _ => None,
    };
    let damaged_before = state.orders.book.damaged.len();
    let detail_id = state
        .orders
        .detail
        .and_then(|i| state.orders.book.orders.get(i))
        .map(|o| o.id.clone());
    state.orders.book = book;
    // Orders saved or changed here while the load ran may be missing or older in it.
    for order in std::mem::take(&mut state.orders.during_load) {
        match state.orders.book.position(&order.id) {
            Some(at) if state.orders.book.orders[at].revision < order.revision => {
                state.orders.book.replace(at, order);
            }
            Some(_) => {}
            None => state.orders.book.insert_newest(order),
        }
    }
    state.orders.loaded = true;
    state.orders.loading = None;
    state.orders.load_error = None;
    state.orders.detail = detail_id.and_then(|id| state.orders.book.position(&id));
    refilter(state, ctx.today);
    if let Some(id) = selected_id {
        select_order(state, &id);
    }
    let damaged = state.orders.book.damaged.len();
    // Said once, not on every reload, so it does not hide the rep's last message.
    if damaged > 0 && damaged != damaged_before {
        state.warn(format!(
            "{damaged} damaged order file(s): shown at the top of Orders, left untouched"
        ));
    }
}
