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
}

impl Field {
    pub const ALL: [Field; 25] = [
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
}

/// One row's values by field, with the column each came from (for the rejection report).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub line: u64,
    values: Vec<String>,
    columns: Vec<String>,
    /// Phones and emails after the first, in file order.
    pub more_phones: Vec<String>,
    /// What each phone is (its column, or its vCard type), the first phone's first.
    pub phone_labels: Vec<String>,
    pub more_emails: Vec<String>,
}

impl Record {
    pub fn new(line: u64) -> Record {
        Record {
            line,
            values: vec![String::new(); Field::ALL.len()],
            columns: vec![String::new(); Field::ALL.len()],
            more_phones: Vec::new(),
            phone_labels: Vec::new(),
            more_emails: Vec::new(),
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

    /// As `put`, naming what kind of number a phone is ("mobile", "Work Phone").
    pub fn put_labelled(&mut self, field: Field, value: &str, column: &str, label: &str) {
        let value = unguard(value.trim());
        if value.is_empty() {
            return;
        }
        let i = field as usize;
        if self.values[i].is_empty() {
            self.values[i] = value.to_string();
            self.columns[i] = column.to_string();
            if field == Field::Phone {
                self.phone_labels.insert(0, label.to_string());
            }
            return;
        }
        let same_as_first = self.values[i] == value;
        let more = match field {
            Field::Phone => &mut self.more_phones,
            Field::Email => &mut self.more_emails,
            _ => return,
        };
        if !same_as_first && !more.iter().any(|v| v == value) {
            more.push(value.to_string());
            if field == Field::Phone {
                self.phone_labels.push(label.to_string());
            }
        }
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
