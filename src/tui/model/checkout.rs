//! The checkout and quote form of the Cart tab: its fields in Tab order, what each one
//! holds as typed, the errors of the last try and the customers it suggests.

use super::super::field::TextField;

/// The checkout and quote form's fields, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Customer,
    Country,
    Region,
    Reason,
    Rep,
    /// The customer's purchase order number, printed on the documents.
    Reference,
    Note,
    /// For the desk only, never printed.
    InternalNote,
    ValidUntil,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Customer,
        Field::Country,
        Field::Region,
        Field::Reason,
        Field::Rep,
        Field::Reference,
        Field::Note,
        Field::InternalNote,
        Field::ValidUntil,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Customer => "Customer",
            Field::Country => "Country",
            Field::Region => "Region",
            Field::Reason => "Why region",
            Field::Rep => "Sales rep",
            Field::Note => "Note",
            Field::ValidUntil => "Valid until",
            Field::Reference => "Reference",
            Field::InternalNote => "Internal",
        }
    }

    /// The name `CheckoutError::field` (and the form's own checks) use for this field.
    pub fn key(self) -> &'static str {
        match self {
            Field::Customer => "customer",
            Field::Country => "country",
            Field::Region => "region",
            Field::Reason => "region_reason",
            Field::Rep => "rep",
            Field::Note => "note",
            Field::ValidUntil => "valid_until",
            Field::Reference => "reference",
            Field::InternalNote => "internal_note",
        }
    }
}

/// What the form over the cart saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormKind {
    /// Check out: an order.
    #[default]
    Order,
    /// An offer for the customer, accepted into an order later.
    Quote,
}

/// A customer the form can suggest: from the customer book, past quotes or past orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub name: String,
    /// The ISO alpha-2 code, when the source knows it.
    pub country: Option<String>,
    /// "book", "quote" or "order".
    pub source: &'static str,
}

/// The checkout (or quote) form over the cart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checkout {
    pub kind: FormKind,
    pub customer: TextField,
    /// A country as an ISO code or an English name; it settles the region.
    pub country: TextField,
    /// oc1 or oc2 against the country (empty: the country's region, or the cart's).
    pub region: TextField,
    /// Why the region differs from the country's (or is picked for one not covered).
    pub reason: TextField,
    pub rep: TextField,
    pub note: TextField,
    pub valid_until: TextField,
    pub reference: TextField,
    pub internal_note: TextField,
    /// Index into [`Field::ALL`].
    pub focus: usize,
    /// Problems per field (field key, sentence); shown beside the field.
    pub errors: Vec<(&'static str, String)>,
    /// True once the rep tried to save: errors are then kept up to date as they type.
    pub tried: bool,
    /// True while the order is being saved (off the UI thread): a second Ctrl-S must not
    /// save it twice.
    pub saving: bool,
    /// Customers whose name holds what is typed, while the customer field has focus.
    pub suggestions: Vec<Suggestion>,
    /// The suggestion ↓ moved to, if any (Tab takes it, or the first).
    pub pick: Option<usize>,
}

impl Checkout {
    pub fn value(&self, field: Field) -> &str {
        self.field(field).value()
    }

    pub fn field(&self, field: Field) -> &TextField {
        match field {
            Field::Customer => &self.customer,
            Field::Country => &self.country,
            Field::Region => &self.region,
            Field::Reason => &self.reason,
            Field::Rep => &self.rep,
            Field::Note => &self.note,
            Field::ValidUntil => &self.valid_until,
            Field::Reference => &self.reference,
            Field::InternalNote => &self.internal_note,
        }
    }

    pub fn field_mut(&mut self, field: Field) -> &mut TextField {
        match field {
            Field::Customer => &mut self.customer,
            Field::Country => &mut self.country,
            Field::Region => &mut self.region,
            Field::Reason => &mut self.reason,
            Field::Rep => &mut self.rep,
            Field::Note => &mut self.note,
            Field::ValidUntil => &mut self.valid_until,
            Field::Reference => &mut self.reference,
            Field::InternalNote => &mut self.internal_note,
        }
    }

    pub fn focused(&self) -> Field {
        Field::ALL[self.focus.min(Field::ALL.len() - 1)]
    }

    pub fn error_for(&self, field: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(key, _)| *key == field.key())
            .map(|(_, text)| text.as_str())
    }
}
