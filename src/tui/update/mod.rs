//! The pure heart of the app: an action changes the state and asks for effects.
//! No I/O and no clock: "now" and "today" come in through [`Ctx`], so every test and
//! snapshot is the same on every run.

mod batch;
mod cart;
mod checkout;
pub(crate) mod customers;
mod export;
mod followups;
pub(crate) mod lists;
mod orders;
mod palette;
mod quotes;
mod reports;
mod team;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::report::query::Query;

use super::action::{Action, Effect, Purpose};
use super::field::TextField;
use super::help;
use super::hits::{Rows, Target};
use super::model::catalog::{self, Column};
use super::model::order_book::RowRef;
use super::state::{Field, FormKind, InputTarget, Popup, Screen, State, StatusFilter, Subject};

use cart::{
    add_highlighted, change_quantity, quantity_typed, remove_line, start_quantity, switch_region,
    undo,
};
use checkout::{
    move_field, next_field, open_checkout, orders_saved, quote_saved, step_suggestion, submit,
    suggest, validate,
};
use orders::{
    change_done, confirm, loaded, open_detail, order_opened, reason_done, reloaded, repurchase,
    request, show_order,
};

pub use orders::refilter;

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
    // The Customers tab's rows follow whatever an action changes; moving the cursor
    // changes nothing they are made of.
    let moves = matches!(
        action,
        Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
            | Action::Resize { .. }
    );
    match action {
        Action::CloseThen(next) => {
            state.popup = None;
            return update(state, *next, ctx);
        }
        Action::Palette => palette::open(state),
        Action::FollowUps => followups::ask(state, ctx, &mut fx),
        Action::Lists => lists::open(state),
        Action::OpenExported => export::open_last(state, &mut fx),
        Action::FileOpened(Ok(what)) => state.info(what),
        Action::FileOpened(Err(why)) => state.error(why),
        Action::FollowUpStep(key) => followups::step(state, key, ctx, &mut fx),
        Action::ExportList => export::list(state, ctx, &mut fx),
        Action::ListExported(result) => export::list_written(state, result),
        Action::Dismiss => {
            if matches!(state.popup, Some(Popup::Notice { .. })) {
                state.popup = None;
            }
        }
        Action::Quit => state.quit = true,
        Action::Show(screen) => show(state, screen, &mut fx),
        Action::NextScreen => step_screen(state, 1, &mut fx),
        Action::PrevScreen => step_screen(state, Screen::ALL.len() - 1, &mut fx),
        Action::Help => open_help(state, 0),
        Action::Point(target) => point(state, target, &mut fx),
        Action::Terms => open_help(state, help::terms_row(state)),
        Action::Back => back(state),
        Action::Up => move_cursor(state, &mut fx, |at, _, _| at.saturating_sub(1)),
        Action::Down => move_cursor(state, &mut fx, |at, _, _| at + 1),
        Action::Top => move_cursor(state, &mut fx, |_, _, _| 0),
        Action::Bottom => move_cursor(state, &mut fx, |_, len, _| len.saturating_sub(1)),
        Action::PageUp => move_cursor(state, &mut fx, |at, _, page| at.saturating_sub(page)),
        Action::PageDown => move_cursor(state, &mut fx, |at, _, page| at + page),
        Action::Left => column(state, -1),
        Action::Right => column(state, 1),
        Action::Enter => enter(state, ctx, &mut fx),
        Action::Add => add_highlighted(state, &mut fx),
        Action::SwitchRegion => switch_region(state, &mut fx),
        Action::StartInput => start_input(state),
        Action::Edit(edit) => edit_text(state, ctx, |field| field.edit(edit)),
        Action::Paste(text) => paste(state, &text, ctx),
        Action::EditQuantity => start_quantity(state),
        Action::More => change_quantity(state, 1, &mut fx),
        Action::Less => change_quantity(state, -1, &mut fx),
        Action::Remove => remove_line(state, &mut fx),
        Action::Undo => undo(state, &mut fx),
        Action::Checkout => open_checkout(state, FormKind::Order, ctx, &mut fx),
        Action::QuoteForm => open_checkout(state, FormKind::Quote, ctx, &mut fx),
        Action::NextField if state.customers_tab.form.is_some() => customers::move_field(state, 1),
        Action::PrevField if state.customers_tab.form.is_some() => customers::move_field(state, -1),
        Action::Submit if state.customers_tab.form.is_some() => customers::submit(state, &mut fx),
        Action::NextField => next_field(state, ctx),
        Action::PrevField => move_field(state, -1),
        Action::FieldDown => step_suggestion(state, 1),
        Action::FieldUp => step_suggestion(state, -1),
        Action::Submit => submit(state, ctx, &mut fx),
        Action::CycleFilter if state.screen == Screen::Quotes => quotes::cycle_filter(state, ctx),
        Action::CycleFilter => orders::narrow_by(state, ctx.today, |o| o.filter = o.filter.next()),
        Action::CycleFilterBack => {
            orders::narrow_by(state, ctx.today, |o| o.filter = o.filter.prev())
        }
        Action::ToggleExpiring => orders::narrow_by(state, ctx.today, |o| o.expiring = !o.expiring),
        Action::CycleSort => orders::sort_by(state, ctx.today, |s| {
            s.field = s.field.next();
            s.reverse = false;
        }),
        Action::ReverseSort => orders::sort_by(state, ctx.today, |s| s.reverse = !s.reverse),
        Action::Group(grouping) => reports::group_by(state, grouping),
        Action::CycleSpan => reports::cycle_span(state),
        Action::Request(transition) => request(state, transition, ctx, &mut fx),
        Action::Mark => batch::mark(state),
        Action::Repurchase => repurchase(state, &mut fx),
        Action::Confirm(yes) => confirm_popup(state, yes, ctx, &mut fx),
        Action::Export => export::ask(state),
        Action::ExportAs(format) => export::export_as(state, format, &mut fx),
        Action::Exported(result) => export::exported(state, result),
        Action::AcceptQuote => quotes::ask(state, quotes::Step::Accept, ctx),
        Action::DeclineQuote => quotes::ask(state, quotes::Step::Decline, ctx),
        Action::Requote => quotes::ask(state, quotes::Step::Requote, ctx),
        Action::Revise => quotes::revise(state, ctx, &mut fx),
        Action::ExportQuote => quotes::export(state),
        Action::OpenLinkedOrder => quotes::open_linked_order(state, ctx, &mut fx),
        Action::QuotesLoaded(result) => {
            quotes::loaded(state, result, ctx);
            // `w` pressed before the quotes were read: the list opens now.
            if std::mem::take(&mut state.quotes.follow_ups_waiting) && state.popup.is_none() {
                followups::open(state, ctx);
            }
        }
        Action::CustomersLoaded(customers) => customers_loaded(state, customers),
        Action::AddCustomer => customers::add(state, &mut fx),
        Action::EditCustomer => customers::edit(state, &mut fx),
        Action::CustomerSaved(result) => customers::saved(state, result, ctx, &mut fx),
        Action::CustomerDecided(result) => customers::decided(state, result, ctx),
        Action::QuoteSaved(result) => quote_saved(state, result, ctx, &mut fx),
        Action::QuoteDone(result) => quotes::done(state, result, ctx, &mut fx),
        Action::QuoteExported(result) => export::quote_exported(state, result),
        Action::Sync => team::sync(state, &mut fx),
        Action::SyncStep(step) => team::sync_step(state, step),
        Action::Synced(result) => team::synced(state, result, &mut fx),
        Action::TeamState(line) => team::team_state(state, line, ctx),
        Action::ToggleDecisions => team::toggle_decisions(state, ctx),
        Action::Decide if state.screen == Screen::Customers => customers::ask_clash(state),
        Action::Decide => team::decide(state, &mut fx),
        Action::Keep(n) if matches!(state.popup, Some(Popup::CustomerClash { .. })) => {
            customers::keep(state, n, &mut fx)
        }
        Action::Keep(n) => team::keep(state, n),
        Action::Decided(result) => team::decided(state, result, &mut fx),
        Action::QuoteDecided(result) => team::quote_decided(state, result, &mut fx),
        Action::Refresh => refresh(state, &mut fx),
        Action::UnknownKey(key) => unknown_key(state, &key),
        Action::Resize { width, height } => resize(state, width, height),
        Action::LoadProgress { done, total } => load_progress(state, done, total),
        Action::Loaded(book) => loaded(state, *book, ctx, &mut fx),
        Action::Reloaded(delta) => reloaded(state, *delta, ctx, &mut fx),
        Action::ReportQuotesLoaded(result) => {
            state.reports.quotes = result;
            state.reports.stale = true;
        }
        Action::LoadFailed(why) => load_failed(state, why),
        Action::CartSaveFailed(why) => state.error(format!("Cart draft not saved: {why}")),
        Action::OrdersSaved(results) => orders_saved(state, results, ctx, &mut fx),
        Action::ChangeDone(result) => change_done(state, result, ctx, &mut fx),
        Action::OrderOpened {
            id,
            purpose,
            result,
        } => opened(state, id, purpose, result, ctx, &mut fx),
    }
    reports::refresh(state, ctx.today);
    if state.screen == Screen::Customers && !moves {
        customers::refresh(state, ctx.today);
    }
    fx
}

/// Tab or Shift-Tab: the screen `by` places on, round the end.
fn step_screen(state: &mut State, by: usize, fx: &mut Vec<Effect>) {
    let n = Screen::ALL.len();
    show(state, Screen::ALL[(state.screen.index() + by) % n], fx);
}

/// The help, scrolled to `row` (the terms' row for `T`).
fn open_help(state: &mut State, row: usize) {
    state.popup = Some(Popup::Help);
    state.help_scroll = row.min(help::max_scroll(state));
}

/// `y`/`n`/Enter on a confirmation: a quote's or an order's.
fn confirm_popup(state: &mut State, yes: bool, ctx: &Ctx, fx: &mut Vec<Effect>) {
    if matches!(
        state.popup,
        Some(Popup::Confirm(Subject::Quote(_)) | Popup::Reason(Subject::Quote(_)))
    ) {
        quotes::confirm(state, yes, ctx, fx)
    } else {
        confirm(state, yes, fx)
    }
}

fn customers_loaded(state: &mut State, customers: Vec<crate::domain::customer::Customer>) {
    state.customers = customers;
    suggest(state);
}

/// Ctrl-R, F5: the folder read again.
fn refresh(state: &mut State, fx: &mut Vec<Effect>) {
    if state.orders.loading.is_none() {
        state.progress("Reloading orders from the folder…");
    }
    request_load(state, fx);
    // Decisions settled or syncs made from the command line change the team state
    // without this app: read it again too, or DECIDE, `n` and the status bar's count
    // would stay old.
    if state.team.is_some() {
        fx.push(Effect::TeamStatus);
    }
}

fn unknown_key(state: &mut State, key: &str) {
    let screen = state.screen.title();
    state.info(format!(
        "{key} does nothing on {screen} — press ? for the keys"
    ));
    state.about(state.screen);
}

fn resize(state: &mut State, width: u16, height: u16) {
    (state.width, state.height) = (width, height);
    state.help_scroll = state.help_scroll.min(help::max_scroll(state));
}

fn load_progress(state: &mut State, done: usize, total: usize) {
    if state.orders.loading.is_some() {
        state.orders.loading = Some((done, total));
    }
}

/// An order read from its file for the detail, a change or a decision; a decision's
/// choice opens once it is read.
fn opened(
    state: &mut State,
    id: String,
    purpose: Purpose,
    result: Result<crate::domain::order::Order, String>,
    ctx: &Ctx,
    fx: &mut Vec<Effect>,
) {
    if let Some(order) = order_opened(state, id, purpose, result, ctx, fx) {
        team::ask(state, &order);
    }
}

fn load_failed(state: &mut State, why: String) {
    state.orders.loading = None;
    state.error(format!("Orders not loaded: {why}"));
    state.orders.load_error = Some(why);
}

fn show(state: &mut State, screen: Screen, fx: &mut Vec<Effect>) {
    state.input = None;
    // A message about the screen being left (a conflict, a refusal) is of no use elsewhere.
    if screen != state.screen
        && state
            .message
            .as_ref()
            .is_some_and(|m| m.about.is_some_and(|s| s != screen))
    {
        state.message = None;
    }
    // Coming to the Orders or Reports tab picks up what other desks saved meanwhile.
    if matches!(screen, Screen::Orders | Screen::Reports) && state.screen != screen {
        request_load(state, fx);
    }
    // The Quotes tab too, and it suggests past orders' customers in the quote form.
    if screen == Screen::Quotes && state.screen != screen {
        quotes::request_load(state, fx);
    }
    // The Customers tab is made of the book, the orders and the quotes: each read again.
    if screen == Screen::Customers && state.screen != screen {
        fx.push(Effect::LoadCustomers);
        request_load(state, fx);
        quotes::request_load(state, fx);
    }
    state.screen = screen;
}

pub(super) fn request_load(state: &mut State, fx: &mut Vec<Effect>) {
    if state.orders.loading.is_none() {
        state.orders.loading = Some((0, 0));
        fx.push(Effect::LoadOrders);
    }
}

fn back(state: &mut State) {
    if state.popup.take().is_some() {
        return;
    }
    if let Some(form) = state.cart_tab.checkout.take() {
        // What was typed is kept for the next `c`: Esc is not a way to lose work.
        state.cart_tab.checkout_draft = Some(form);
        state.info("Checkout closed: c brings back what you typed");
        return;
    }
    let input = state.input.take();
    match state.screen {
        Screen::Quotes => quotes::back(state, input.is_some()),
        // Esc while typing clears the search, as on Orders and Quotes; otherwise the
        // form, the page, then the search close in turn.
        Screen::Customers if input.is_some() => {
            state.customers_tab.search.clear();
            state.customers_tab.selected = 0;
        }
        Screen::Customers => customers_back(state),
        Screen::Orders if input.is_none() && state.orders.detail.is_some() => {
            state.orders.detail = None;
        }
        // Marks first: they are what s, d and R would act on.
        Screen::Orders if input.is_none() && !state.orders.marked.is_empty() => {
            let n = state.orders.marked.len();
            state.orders.marked.clear();
            state.info(format!("{n} mark(s) cleared"));
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
        // Then the report's group the orders were opened with.
        Screen::Orders if input.is_none() && state.orders.group.is_some() => {
            state.orders.group = None;
            state.orders.selected = 0;
            if let Some(today) = state.orders.today {
                refilter(state, today);
            }
            state.info("Every order again: the report's group is cleared");
        }
        // Then the status filter, "expiring" and "needing a decision": Esc shows every
        // order again, as it clears every other narrowing.
        Screen::Orders
            if input.is_none()
                && (state.orders.filter != StatusFilter::All
                    || state.orders.expiring
                    || state.orders.decisions_only) =>
        {
            state.orders.filter = StatusFilter::All;
            state.orders.expiring = false;
            state.orders.decisions_only = false;
            state.orders.selected = 0;
            if let Some(today) = state.orders.today {
                refilter(state, today);
            }
            state.info("Every order again: the filters are cleared (f, e and n narrow again)");
        }
        Screen::Catalog => clear_catalog_filter(state, input.is_some()),
        // Nothing open to close: say so, as any other key that does nothing does.
        screen if input.is_none() => {
            state.info(format!(
                "Esc does nothing on {}: nothing is open to close",
                screen.title()
            ));
            state.about(screen);
        }
        _ => {}
    }
}

fn customers_back(state: &mut State) {
    if !customers::back(state) {
        state.info("Esc does nothing on Customers: nothing is open to close");
        state.about(Screen::Customers);
    }
}

/// Esc on the catalog filter: the whole price list again, the cursor back where the rep
/// was before typing (Esc while typing), or still on the tier they picked from the
/// filtered list (Esc on a kept filter).
fn clear_catalog_filter(state: &mut State, typing: bool) {
    let browse = &mut state.browse;
    let here = browse
        .cursor(&catalog::tree(&state.setup.catalog, &browse.filter))
        .map(|c| (c.at, browse.column));
    let back_to = match browse.before_filter.take() {
        Some(before) if typing => Some(before),
        _ => here,
    };
    browse.filter.clear();
    if let Some((at, column)) = back_to {
        browse.select_tier(&catalog::tree(&state.setup.catalog, ""), at);
        browse.column = column;
    }
}

/// A click on a tab or a row of the frame on screen.
fn point(state: &mut State, target: Target, fx: &mut Vec<Effect>) {
    let Target::Row(rows, at) = target else {
        if let Target::Tab(screen) = target {
            show(state, screen, fx);
        }
        return;
    };
    // A click ends typing the filter or search, keeping what was typed (as Enter does).
    state.input = None;
    let column = match rows {
        Rows::Lists => {
            state.browse.column = Column::Lists;
            lists::step(state, fx, |_, _| at);
            return;
        }
        Rows::Families => Column::Families,
        Rows::Services => Column::Services,
        Rows::Tiers => Column::Tiers,
        Rows::Cart => {
            state.cart_tab.selected = at.min(state.cart_tab.cart.lines.len().saturating_sub(1));
            return;
        }
        Rows::Quotes => {
            quotes::point(state, at);
            return;
        }
        // A click selects a customer; a second click on the same one opens the page.
        Rows::Customers => {
            let tab = &mut state.customers_tab;
            if tab.page.is_none() && at < tab.rows.len() {
                if tab.selected == at {
                    tab.page = Some(super::model::customers::Page {
                        key: tab.rows[at].key.clone(),
                        ..Default::default()
                    });
                } else {
                    tab.selected = at;
                }
            }
            return;
        }
        Rows::Orders => {
            if state.orders.detail.is_none() && at < state.orders.index.len() {
                if state.orders.selected == at {
                    open_detail(state, fx);
                } else {
                    state.orders.selected = at;
                }
            }
            return;
        }
    };
    let tree = catalog::tree(&state.setup.catalog, &state.browse.filter);
    state.browse.column = column;
    state.browse.select(&tree, at);
}

/// Rows a page moves: the terminal less the bars, borders and headers.
fn page(state: &State) -> usize {
    usize::from(state.height.saturating_sub(8)).max(1)
}

fn move_cursor(state: &mut State, fx: &mut Vec<Effect>, to: impl Fn(usize, usize, usize) -> usize) {
    if matches!(state.popup, Some(Popup::Palette { .. })) {
        let page = page(state);
        palette::step(state, |at, len| to(at, len, page));
        return;
    }
    if matches!(state.popup, Some(Popup::FollowUps { .. })) {
        let page = page(state);
        followups::move_to(state, |at, len| to(at, len, page));
        return;
    }
    if matches!(state.popup, Some(Popup::Lists { .. })) {
        let page = page(state);
        lists::move_to(state, |at, len| to(at, len, page));
        return;
    }
    if state.popup == Some(Popup::Help) {
        // The help scrolls when the terminal is too short for it.
        let max = help::max_scroll(state);
        let page = help::Room::for_terminal(state).page();
        state.help_scroll = to(state.help_scroll, max + 1, page).min(max);
        return;
    }
    let page = page(state);
    match state.screen {
        Screen::Catalog if state.browse.column == Column::Lists => {
            lists::step(state, fx, |at, len| to(at, len, page));
        }
        Screen::Catalog => {
            let tree = catalog::tree(&state.setup.catalog, &state.browse.filter);
            let len = state.browse.column_len(&tree);
            let at = state.browse.position(&tree);
            state.browse.select(&tree, to(at, len, page));
        }
        Screen::Cart => {
            let len = state.cart_tab.cart.lines.len();
            state.cart_tab.selected =
                to(state.cart_tab.selected, len, page).min(len.saturating_sub(1));
        }
        Screen::Reports => reports::move_to(state, |at, len| to(at, len, page)),
        Screen::Customers => customers::move_to(state, |at, len| to(at, len, page)),
        Screen::Quotes => {
            let len = state.quotes.index.len();
            let at = to(state.quotes.selected, len, page);
            quotes::move_to(state, at.min(len.saturating_sub(1)));
        }
        Screen::Orders => {
            let len = state.orders.index.len();
            let at = to(state.orders.selected, len, page);
            state.orders.selected = at.min(len.saturating_sub(1));
            // In the detail view, moving pages through the orders one by one.
            if state.orders.detail.is_some()
                && let Some(RowRef::Order(i)) = state.orders.index.get(state.orders.selected)
            {
                show_order(state, *i as usize, fx);
            }
        }
    }
}

fn column(state: &mut State, step: i8) {
    if state.screen == Screen::Reports {
        reports::step(state, i32::from(step));
        return;
    }
    if state.screen != Screen::Catalog {
        return;
    }
    // The lists are the first column when there is more than one.
    let lists = state.setup.lists.len() > 1;
    state.browse.column = match (state.browse.column, step > 0) {
        (Column::Lists, true) => Column::Families,
        (Column::Lists, false) => Column::Lists,
        (Column::Families, true) => Column::Services,
        (Column::Services, true) | (Column::Tiers, true) => Column::Tiers,
        (Column::Families, false) if lists => Column::Lists,
        (Column::Families, false) | (Column::Services, false) => Column::Families,
        (Column::Tiers, false) => Column::Services,
    };
}

fn enter(state: &mut State, ctx: &Ctx, fx: &mut Vec<Effect>) {
    if matches!(state.popup, Some(Popup::Reason(_))) {
        reason_done(state);
        return;
    }
    if matches!(state.popup, Some(Popup::Palette { .. })) {
        palette::go(state, ctx, fx);
        return;
    }
    if matches!(state.popup, Some(Popup::FollowUps { .. })) {
        followups::open_row(state, ctx, fx);
        return;
    }
    if matches!(state.popup, Some(Popup::Lists { .. })) {
        lists::choose(state, fx);
        return;
    }
    if matches!(&state.popup, Some(Popup::Decide(c)) if c.asks_why()) {
        team::decide_done(state, fx);
        return;
    }
    if state.input == Some(InputTarget::Quantity) {
        quantity_typed(state, fx);
        return;
    }
    if let Some(form) = &state.customers_tab.form {
        if form.focus + 1 >= super::model::customers::CustomerField::ALL.len() {
            customers::submit(state, fx);
        } else {
            customers::move_field(state, 1);
        }
        return;
    }
    if let Some(form) = &state.cart_tab.checkout {
        if form.focus + 1 >= Field::ALL.len() {
            submit(state, ctx, fx);
        } else if form.pick.is_some() {
            // Enter on a suggestion ↓ moved to takes it, as Tab does.
            next_field(state, ctx);
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
        Screen::Cart => start_quantity(state),
        Screen::Orders => open_detail(state, fx),
        Screen::Quotes => quotes::open_detail(state),
        Screen::Reports => reports::open_orders(state, ctx, fx),
        Screen::Customers => customers::enter(state, ctx, fx),
    }
}

fn start_input(state: &mut State) {
    if state.screen == Screen::Catalog && state.browse.filter.is_empty() {
        let tree = catalog::tree(&state.setup.catalog, "");
        state.browse.before_filter = state
            .browse
            .cursor(&tree)
            .map(|c| (c.at, state.browse.column));
    }
    let (target, text) = match state.screen {
        Screen::Catalog => (InputTarget::CatalogFilter, &state.browse.filter),
        Screen::Orders if state.orders.detail.is_none() => {
            (InputTarget::OrdersSearch, &state.orders.search)
        }
        Screen::Quotes if state.quotes.detail.is_none() => {
            (InputTarget::QuotesSearch, &state.quotes.search)
        }
        Screen::Customers if state.customers_tab.page.is_none() => {
            (InputTarget::CustomersSearch, &state.customers_tab.search)
        }
        _ => return,
    };
    // Editing goes on from what is kept, the cursor at its end.
    state.line = TextField::new(text.clone());
    state.input = Some(target);
}

/// Pasted text goes into the field being typed in, as one line; elsewhere it is refused
/// with a word, never read as keys.
fn paste(state: &mut State, text: &str, ctx: &Ctx) {
    let typing = state.cart_tab.checkout.is_some()
        || state.customers_tab.form.is_some()
        || state.input.is_some()
        || matches!(state.popup, Some(Popup::Reason(_) | Popup::Palette { .. }))
        || matches!(&state.popup, Some(Popup::Decide(c)) if c.asks_why());
    if typing {
        edit_text(state, ctx, |field| field.paste(text));
    } else if state.popup.is_none() {
        state.warn("A paste goes into a text field: / filters or searches, c checks out");
    }
}

/// Edits the field the rep is typing in (a checkout field, the filter, the search, a
/// quantity, a refund reason) and lets what depends on it follow.
fn edit_text(state: &mut State, ctx: &Ctx, change: impl FnOnce(&mut TextField) -> bool) {
    if let Some(form) = &mut state.cart_tab.checkout {
        let field = form.focused();
        change(form.field_mut(field));
        if form.tried {
            let errors = validate(state, ctx.today).err().unwrap_or_default();
            if let Some(form) = &mut state.cart_tab.checkout {
                form.errors = errors;
            }
        }
        suggest(state);
        return;
    }
    if let Some(form) = &mut state.customers_tab.form {
        let at = form.focus;
        change(&mut form.fields[at]);
        return;
    }
    if matches!(state.popup, Some(Popup::Reason(_)))
        || matches!(&state.popup, Some(Popup::Decide(c)) if c.asks_why())
    {
        change(&mut state.line);
        return;
    }
    if matches!(state.popup, Some(Popup::Palette { .. })) {
        change(&mut state.line);
        palette::typed(state);
        return;
    }
    let Some(target) = state.input else {
        return;
    };
    let before = state.line.value().to_lowercase();
    if !change(&mut state.line) {
        return;
    }
    let text = state.line.value().to_string();
    match target {
        InputTarget::CatalogFilter => {
            state.browse.filter = text;
            state.browse.family = 0;
            state.browse.service = 0;
            state.browse.tier = 0;
        }
        InputTarget::OrdersSearch => {
            state.orders.search = text;
            state.orders.selected = 0;
            let needle = state.orders.search.to_lowercase();
            if needle.starts_with(&before) && state.orders.today == Some(ctx.today) {
                // Typing on at the end narrows what already matched: no need to scan
                // every order (a longer word, or one more word, only matches fewer).
                let query = Query::new(&needle, &state.setup.catalog);
                let orders = &mut state.orders;
                orders.index = orders.book.narrow(&orders.index, &query);
                orders::tally(orders);
            } else {
                refilter(state, ctx.today);
            }
        }
        InputTarget::QuotesSearch => {
            state.quotes.search = text;
            state.quotes.selected = 0;
            state.quotes.refilter(ctx.today);
        }
        InputTarget::CustomersSearch => {
            state.customers_tab.search = text;
            state.customers_tab.selected = 0;
        }
        InputTarget::Quantity => {}
    }
}
