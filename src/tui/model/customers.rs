//! The Customers tab: every customer (the book's, and names seen only in orders or
//! quotes) with country, region, open quotes, orders and what their orders are worth; the
//! search; a customer's page with their quotes and orders; the add and edit form; the
//! clash being settled. The rows are worked out by `update` (from
//! [`crate::report::customers`], as `order-desk customers` lists them) whenever the tab is
//! on screen, so the view only draws them.

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::domain::catalog::Region;
use crate::domain::customer::{Customer, name_key};

use super::super::field::TextField;

#[derive(Debug, Default)]
pub struct CustomersTab {
    /// Every word typed must occur in the name (any case).
    pub search: String,
    /// The rows the search lets through, by name.
    pub rows: Vec<CustomerLine>,
    /// Every row, before the search: worked out again only when what they are made of
    /// changed (`stamp`), so a search keystroke over 100,000 orders only filters names.
    pub every: Vec<CustomerLine>,
    /// A hash of the orders, quotes, book and day the rows were made from.
    pub stamp: Option<u64>,
    /// How many customers there are before the search.
    pub all: usize,
    pub selected: usize,
    /// The customer whose page is open.
    pub page: Option<Page>,
    /// The add or edit form, while it is open.
    pub form: Option<CustomerEdit>,
}

/// One row: a customer and what the desk knows of them today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerLine {
    pub name: String,
    /// The name as it reads ([`name_key`]): how orders and quotes find their customer.
    pub key: String,
    /// ISO code, from the book or else the newest order naming one.
    pub country: Option<String>,
    /// The region the desk's own list gives that country, if any.
    pub region: Option<Region>,
    pub open_quotes: usize,
    pub orders: usize,
    pub booked: Decimal,
    pub net: Decimal,
    /// In the book (not only seen in orders or quotes).
    pub in_book: bool,
    /// Two desks' values for a field wait for a decision.
    pub disputed: bool,
    /// Where the customer's orders are in the book, newest first.
    pub orders_at: Vec<u32>,
    /// Where the customer's quotes are in the Quotes tab's list, newest first.
    pub quotes_at: Vec<u32>,
}

/// A customer's page: their quotes and orders, newest first, one selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub key: String,
    pub items: Vec<PageItem>,
    pub selected: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Quote,
    Order,
}

/// One quote or order on a customer's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageItem {
    pub kind: ItemKind,
    pub id: String,
    pub date: Date,
    /// "Open", "Superseded", "Unused", "Delivered", …
    pub status: String,
    pub total: Decimal,
}

/// The fields of the add and edit form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerField {
    Name,
    Country,
    Contact,
    Email,
    TaxId,
    Address,
    Note,
}

impl CustomerField {
    pub const ALL: [CustomerField; 7] = [
        CustomerField::Name,
        CustomerField::Country,
        CustomerField::Contact,
        CustomerField::Email,
        CustomerField::TaxId,
        CustomerField::Address,
        CustomerField::Note,
    ];

    /// The field's name as [`crate::domain::customer::FieldError`] gives it.
    pub fn key(self) -> &'static str {
        match self {
            CustomerField::Name => "name",
            CustomerField::Country => "country",
            CustomerField::Contact => "contact",
            CustomerField::Email => "email",
            CustomerField::TaxId => "tax_id",
            CustomerField::Address => "address",
            CustomerField::Note => "note",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CustomerField::Name => "Name",
            CustomerField::Country => "Country",
            CustomerField::Contact => "Contact",
            CustomerField::Email => "Email",
            CustomerField::TaxId => "Tax id",
            CustomerField::Address => "Address",
            CustomerField::Note => "Note",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            CustomerField::Name => "required, unique in the book",
            CustomerField::Country => "code or English name",
            _ => "optional",
        }
    }
}

/// The add or edit form: the fields as typed, the one with the cursor, what is wrong.
#[derive(Debug, Clone, Default)]
pub struct CustomerEdit {
    /// The customer as the rep opened it, when editing (the store refuses the save if
    /// another desk changed the file meanwhile); `None` when adding.
    pub before: Option<Customer>,
    pub fields: [TextField; 7],
    pub focus: usize,
    /// The field at fault and why, from the last Ctrl-S.
    pub error: Option<(&'static str, String)>,
    pub saving: bool,
}

impl CustomerEdit {
    pub fn adding() -> CustomerEdit {
        CustomerEdit::default()
    }

    /// The form filled from the book's customer.
    pub fn editing(c: &Customer) -> CustomerEdit {
        let opt = |v: &Option<String>| TextField::new(v.clone().unwrap_or_default());
        CustomerEdit {
            before: Some(c.clone()),
            fields: [
                TextField::new(c.name.clone()),
                TextField::new(c.country.clone()),
                opt(&c.contact),
                opt(&c.email),
                opt(&c.tax_id),
                opt(&c.address),
                opt(&c.note),
            ],
            ..CustomerEdit::default()
        }
    }

    pub fn focused(&self) -> CustomerField {
        CustomerField::ALL[self.focus.min(CustomerField::ALL.len() - 1)]
    }

    pub fn value(&self, field: CustomerField) -> &str {
        self.fields[field as usize].value()
    }

    /// The form as the domain checks it.
    pub fn form(&self) -> crate::domain::customer::CustomerForm {
        let opt = |f: CustomerField| Some(self.value(f).to_string());
        crate::domain::customer::CustomerForm {
            name: self.value(CustomerField::Name).to_string(),
            country: self.value(CustomerField::Country).to_string(),
            contact: opt(CustomerField::Contact),
            email: opt(CustomerField::Email),
            address: opt(CustomerField::Address),
            tax_id: opt(CustomerField::TaxId),
            note: opt(CustomerField::Note),
        }
    }
}

impl CustomersTab {
    /// The selected row, if the search lets any through.
    pub fn selected_line(&self) -> Option<&CustomerLine> {
        self.rows.get(self.selected)
    }

    /// The row of the customer named `name` (as it reads), if listed.
    pub fn position(&self, name: &str) -> Option<usize> {
        let key = name_key(name);
        self.rows.iter().position(|r| r.key == key)
    }
}
