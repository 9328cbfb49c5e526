//! A row of the file with its values sorted into calldeck's fields.

/// The fields a column can be mapped to (`--map FIELD=COLUMN`), named as in the domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    FirstName,
    LastName,
    Company,
    Industry,
    Region,
    Address,
    Source,
    Owner,
    Phone,
    Email,
    Contact,
    Role,
    Title,
    Birthday,
    Notes,
    Tags,
    Value,
    Grade,
    Stage,
    Intent,
    NextCall,
    Product,
    Opened,
    Closed,
    Id,
    AccountId,
    Extension,
    /// The contact's communication style (driver, expressive, amiable, analytical).
    Style,
    /// The contact's own birthday (a `birthday` column is the customer's).
    ContactBirthday,
}

impl Field {
    pub const ALL: [Field; 30] = [
        Field::Name,
        Field::FirstName,
        Field::LastName,
        Field::Company,
        Field::Industry,
        Field::Region,
        Field::Address,
        Field::Source,
        Field::Owner,
        Field::Phone,
        Field::Email,
        Field::Contact,
        Field::Role,
        Field::Title,
        Field::Birthday,
        Field::Notes,
        Field::Tags,
        Field::Value,
        Field::Grade,
        Field::Stage,
        Field::Intent,
        Field::NextCall,
        Field::Product,
        Field::Opened,
        Field::Closed,
        Field::Id,
        Field::AccountId,
        Field::Extension,
        Field::Style,
        Field::ContactBirthday,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Company => "company",
            Field::Industry => "industry",
            Field::Region => "region",
            Field::Address => "address",
            Field::Source => "source",
            Field::Owner => "owner",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Contact => "contact",
            Field::Role => "role",
            Field::Title => "title",
            Field::Birthday => "birthday",
            Field::Notes => "notes",
            Field::Tags => "tags",
            Field::Value => "value",
            Field::Grade => "grade",
            Field::Stage => "stage",
            Field::Intent => "intent",
            Field::NextCall => "next_call",
            Field::Product => "product",
            Field::Opened => "opened",
            Field::Closed => "closed",
            Field::Id => "id",
            Field::AccountId => "account_id",
            Field::Extension => "extension",
            Field::Style => "style",
            Field::ContactBirthday => "contact_birthday",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        let s = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Field::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// Fields several columns may feed: every phone and email column is kept.
    pub fn is_multi(self) -> bool {
        matches!(self, Field::Phone | Field::Email)
    }

    /// Fields whose columns are parts of one value (street, city, postcode), joined in
    /// column order rather than the first one taken.
    pub fn is_joined(self) -> bool {
        matches!(self, Field::Address | Field::Region)
    }
}

/// One phone number or email address, what kind it is, and the column it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    pub value: String,
    pub label: String,
    pub column: String,
    pub extension: String,
}

/// One row's values by field, with the column each came from (for the rejection report).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub line: u64,
    values: Vec<String>,
    columns: Vec<String>,
    /// Every phone and email, in file order (preferred ones first), split where a cell
    /// held several.
    pub phones: Vec<Reach>,
    pub emails: Vec<Reach>,
    /// Columns with a value that map to no field: kept with the customer by name.
    pub extras: Vec<(String, String)>,
    /// Values that could not be read and were left out: (column, reason).
    pub warnings: Vec<(String, String)>,
    /// A card from a phone names a person, who is the customer even with an ORG.
    pub person_first: bool,
}

impl Record {
    pub fn new(line: u64) -> Record {
        Record {
            line,
            values: vec![String::new(); Field::ALL.len()],
            columns: vec![String::new(); Field::ALL.len()],
            phones: Vec::new(),
            emails: Vec::new(),
            extras: Vec::new(),
            warnings: Vec::new(),
            person_first: false,
        }
    }

    pub fn get(&self, field: Field) -> &str {
        self.values[field as usize].trim()
    }

    /// The column (or vCard property) the field's value came from.
    pub fn column(&self, field: Field) -> &str {
        let c = &self.columns[field as usize];
        if c.is_empty() { field.as_str() } else { c }
    }

    /// Names the column a field is read from, so a missing value can be reported there.
    pub fn name_column(&mut self, field: Field, column: &str) {
        let i = field as usize;
        if self.columns[i].is_empty() {
            self.columns[i] = column.to_string();
        }
    }

    /// Sets a field unless it already holds a value; phones and emails accumulate.
    pub fn put(&mut self, field: Field, value: &str, column: &str) {
        self.put_labelled(field, value, column, column);
    }

    /// As `put`, naming what kind of number or address it is ("mobile", "Work Phone").
    /// A cell holding several ("+91… ::: +91…", "138…(南)139…(北)") gives each its own.
    pub fn put_labelled(&mut self, field: Field, value: &str, column: &str, label: &str) {
        let value = unguard(value.trim());
        if value.is_empty() {
            return;
        }
        if field.is_multi() {
            let parts = if field == Field::Phone {
                super::values::split_phones(value)
            } else {
                super::values::split_emails(value)
            };
            for (part, part_label) in parts {
                let label = if part_label.is_empty() {
                    label
                } else {
                    &part_label
                };
                self.push_reach(field, &part, column, label);
            }
            return;
        }
        let i = field as usize;
        if self.values[i].is_empty() {
            self.values[i] = value.to_string();
            self.columns[i] = column.to_string();
        } else if field.is_joined() {
            // "Formatted" addresses come before their parts: a part already in it adds nothing.
            if !self.values[i].contains(value) {
                self.values[i] = format!("{}, {value}", self.values[i]);
            }
        } else if self.values[i] != value {
            // A second column of a one-value field: kept under its own name, not dropped.
            self.keep_extra(column, value);
        }
    }

    fn push_reach(&mut self, field: Field, value: &str, column: &str, label: &str) {
        let (number, extension) = if field == Field::Phone {
            super::values::split_extension(value)
        } else {
            (value.to_string(), String::new())
        };
        let i = field as usize;
        let list = if field == Field::Phone {
            &mut self.phones
        } else {
            &mut self.emails
        };
        if list.iter().any(|r| r.value.eq_ignore_ascii_case(&number)) {
            return;
        }
        list.push(Reach {
            value: number.clone(),
            label: super::values::label_words(label),
            column: column.to_string(),
            extension,
        });
        if self.values[i].is_empty() {
            self.values[i] = number;
            self.columns[i] = column.to_string();
        }
    }

    /// Keeps a value under its column's name, once.
    pub fn keep_extra(&mut self, column: &str, value: &str) {
        let value = value.trim();
        if value.is_empty() || self.extras.iter().any(|(c, _)| c == column) {
            return;
        }
        self.extras.push((column.to_string(), value.to_string()));
    }

    /// Gives the phone or email read from `column` the label another column holds
    /// (Google's "Phone 1 - Type": "Mobile", "* Work").
    pub fn label_from(&mut self, field: Field, column: &str, label: &str) {
        let label = super::values::label_words(label.trim().trim_start_matches('*'));
        if label.is_empty() {
            return;
        }
        let list = if field == Field::Phone {
            &mut self.phones
        } else {
            &mut self.emails
        };
        for r in list.iter_mut().filter(|r| r.column == column) {
            r.label = label.clone();
        }
    }

    /// Drops the value of a field that could not be read, with the reason.
    pub fn drop_value(&mut self, field: Field, reason: String) {
        let i = field as usize;
        let column = self.column(field).to_string();
        let value = std::mem::take(&mut self.values[i]);
        self.keep_extra(&column, &value);
        self.warnings
            .push((column, format!("{reason} (left out, kept as extra field)")));
    }

    /// The first field whose value cannot be what its column says, with the reason: a
    /// cell far too long, or a line break in a one-line field, is nearly always an
    /// unclosed quote or the wrong separator.
    pub fn garbled(&self) -> Option<(Field, String)> {
        const HINT: &str = "is a quote left open, or is the separator not the one found?";
        Field::ALL.into_iter().find_map(|f| {
            let value = self.get(f);
            let multi_line = matches!(f, Field::Notes | Field::Address | Field::Tags);
            let limit = if f == Field::Notes { 65_536 } else { 1_024 };
            let len = value.chars().count();
            if len > limit {
                Some((
                    f,
                    format!("{len} characters is too long for {}: {HINT}", f.as_str()),
                ))
            } else if !multi_line && value.contains(['\n', '\r']) {
                Some((f, format!("{} holds a line break: {HINT}", f.as_str())))
            } else {
                None
            }
        })
    }

    /// The customer's name: the name column, first and last name, the company, the
    /// contact, or the email, whichever the row has first.
    pub fn display_name(&self) -> String {
        let name = self.get(Field::Name);
        if !name.is_empty() {
            return name.to_string();
        }
        let (first, last) = (self.get(Field::FirstName), self.get(Field::LastName));
        if !first.is_empty() || !last.is_empty() {
            return join_name(first, last);
        }
        [Field::Company, Field::Contact, Field::Email]
            .into_iter()
            .map(|f| self.get(f))
            .find(|v| !v.is_empty())
            .unwrap_or("")
            .to_string()
    }
}

/// Western names read "First Last"; CJK names are written family name first, unspaced.
pub fn join_name(first: &str, last: &str) -> String {
    let cjk = |s: &str| s.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c));
    match (first.is_empty(), last.is_empty()) {
        (true, _) => last.to_string(),
        (_, true) => first.to_string(),
        _ if cjk(first) || cjk(last) => format!("{last}{first}"),
        _ => format!("{first} {last}"),
    }
}

/// Undoes the guard spreadsheet exports put before a cell that would run as a formula
/// ("'+86 138…", "'=SUM…"), so calldeck's own CSV exports read back as they were.
pub fn unguard(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest,
        _ => value,
    }
}

#[cfg(test)]
mod unguard_tests {
    use super::unguard;

    #[test]
    fn export_guards_are_removed_and_other_apostrophes_kept() {
        assert_eq!(unguard("'+86 138 0000 1111"), "+86 138 0000 1111");
        assert_eq!(unguard("'=1+1"), "=1+1");
        assert_eq!(unguard("'-5"), "-5");
        assert_eq!(unguard("'t Hoff"), "'t Hoff");
        assert_eq!(unguard("O'Brien"), "O'Brien");
    }
}
