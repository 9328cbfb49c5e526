//! Which column feeds which field: headers matched in English and Chinese, `--map`
//! overrides, and a guess from the values when a file has no header row.

use super::record::{Field, Record};
use super::table::Table;

/// Header words per field, compared after lower-casing and turning `_`/`-` into spaces.
const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &[
            "name",
            "full name",
            "display name",
            "customer",
            "customer name",
            "client",
            "client name",
            "fn",
            "姓名",
            "名称",
            "客户",
            "客户名称",
            "客户名",
            "顾客",
        ],
    ),
    (
        Field::FirstName,
        &["first name", "given name", "firstname", "forename", "名"],
    ),
    (
        Field::LastName,
        &["last name", "surname", "family name", "lastname", "姓"],
    ),
    (
        Field::Company,
        &[
            "company",
            "company name",
            "organization",
            "organisation",
            "org",
            "account",
            "account name",
            "employer",
            "公司",
            "公司名称",
            "单位",
            "单位名称",
            "企业",
            "企业名称",
            "会社",
            "会社名",
        ],
    ),
    (Field::Industry, &["industry", "sector", "行业", "所属行业"]),
    (
        Field::Region,
        &[
            "region",
            "country",
            "province",
            "state",
            "office location",
            "territory",
            "地区",
            "区域",
            "省份",
            "城市",
            "所在地",
        ],
    ),
    (
        Field::Address,
        &[
            "address",
            "street",
            "work address",
            "home address",
            "business address",
            "mailing address",
            "地址",
            "详细地址",
            "联系地址",
            "公司地址",
            "住所",
        ],
    ),
    (
        Field::Source,
        &[
            "source",
            "lead source",
            "channel",
            "来源",
            "客户来源",
            "线索来源",
        ],
    ),
    (
        Field::Owner,
        &[
            "owner",
            "rep",
            "sales rep",
            "sales agent",
            "agent",
            "salesperson",
            "account owner",
            "opportunity owner",
            "assigned to",
            "负责人",
            "销售",
            "业务员",
            "归属销售",
            "跟进人",
            "所属销售",
        ],
    ),
    (
        Field::Phone,
        &[
            "phone",
            "telephone",
            "tel",
            "mobile",
            "mobile number",
            "mobile phone",
            "cell",
            "cell phone",
            "work phone",
            "home phone",
            "business phone",
            "primary phone",
            "phone number",
            "手机",
            "电话",
            "手机号",
            "手机号码",
            "联系电话",
            "电话号码",
            "座机",
            "移动电话",
            "電話",
            "電話番号",
            "携帯",
        ],
    ),
    (
        Field::Email,
        &[
            "email",
            "e mail",
            "primary email",
            "secondary email",
            "email address",
            "e mail address",
            "mail",
            "邮箱",
            "电子邮件",
            "邮件",
            "电子邮箱",
            "メール",
        ],
    ),
    (
        Field::Contact,
        &[
            "contact",
            "contact name",
            "contact person",
            "联系人",
            "联系人姓名",
        ],
    ),
    (Field::Role, &["role", "contact role", "角色"]),
    (
        Field::Title,
        &["job title", "title", "position", "职位", "职务", "役職"],
    ),
    (
        Field::Birthday,
        &[
            "birthday",
            "birth date",
            "date of birth",
            "dob",
            "生日",
            "出生日期",
            "誕生日",
        ],
    ),
    (
        Field::Notes,
        &[
            "notes",
            "note",
            "comment",
            "comments",
            "description",
            "remarks",
            "备注",
            "说明",
            "メモ",
        ],
    ),
    (
        Field::Tags,
        &["tags", "tag", "labels", "categories", "标签"],
    ),
    (
        Field::Value,
        &[
            "value",
            "amount",
            "deal value",
            "close value",
            "expected revenue",
            "opportunity amount",
            "金额",
            "预计金额",
            "成交金额",
            "合同金额",
            "商机金额",
        ],
    ),
    (Field::Grade, &["grade", "等级", "客户等级"]),
    (
        Field::Stage,
        &[
            "stage",
            "deal stage",
            "sales stage",
            "opportunity stage",
            "阶段",
            "销售阶段",
            "商机阶段",
        ],
    ),
    (Field::Intent, &["intent", "意向", "意向度"]),
    (
        Field::NextCall,
        &[
            "next call",
            "next contact",
            "follow up",
            "next follow up",
            "下次联系",
            "下次跟进",
            "下次联系时间",
        ],
    ),
    (
        Field::Product,
        &["product", "product name", "产品", "产品名称"],
    ),
    (
        Field::Opened,
        &[
            "opened",
            "open date",
            "created",
            "created date",
            "engage date",
            "start date",
            "创建日期",
            "开始日期",
            "创建时间",
        ],
    ),
    (
        Field::Closed,
        &[
            "closed",
            "close date",
            "closed date",
            "成交日期",
            "关闭日期",
            "签约日期",
        ],
    ),
];

/// The columns chosen for each field, in priority order, and the header names.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    pub headers: Vec<String>,
    pub has_header: bool,
    pub columns: Vec<(Field, Vec<usize>)>,
}

impl Mapping {
    /// "name ← Display Name" lines for the dry-run report.
    pub fn describe(&self) -> Vec<String> {
        self.columns
            .iter()
            .map(|(f, cols)| {
                let names: Vec<&str> = cols
                    .iter()
                    .map(|&i| self.headers.get(i).map(String::as_str).unwrap_or("?"))
                    .collect();
                format!("{:<10} <- {}", f.as_str(), names.join(" + "))
            })
            .collect()
    }

    fn set(&mut self, field: Field, cols: Vec<usize>) {
        self.columns.retain(|(f, _)| *f != field);
        self.columns.push((field, cols));
        self.columns.sort_by_key(|(f, _)| *f);
    }
}

fn normalise(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace(['_', '-', '.'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field a header names, by exact alias or, for CJK headers, by containing one.
pub fn field_for_header(header: &str) -> Option<Field> {
    let h = normalise(header);
    if h.is_empty() {
        return None;
    }
    if let Some(f) = Field::parse(&h) {
        return Some(f);
    }
    for (field, words) in ALIASES {
        if words.contains(&h.as_str()) {
            return Some(*field);
        }
    }
    if !h.is_ascii() {
        // "客户手机" holds "手机"; try the longest aliases first so "联系人" beats "人".
        let mut best: Option<(usize, Field)> = None;
        for (field, words) in ALIASES {
            for w in words
                .iter()
                .filter(|w| !w.is_ascii() && w.chars().count() >= 2)
            {
                if h.contains(w) && best.is_none_or(|(len, _)| w.len() > len) {
                    best = Some((w.len(), *field));
                }
            }
        }
        return best.map(|(_, f)| f);
    }
    None
}

/// Chooses the mapping for a table, applying `--map FIELD=COLUMN` overrides (COLUMN is a
/// header, or a column number counted from 1).
pub fn choose(table: &Table, overrides: &[(Field, String)]) -> Result<Mapping, String> {
    let Some(first) = table.rows.first() else {
        return Ok(Mapping::default());
    };
    let mut mapping = Mapping::default();
    let by_header: Vec<Option<Field>> = first.cells.iter().map(|h| field_for_header(h)).collect();
    let override_names_header = overrides
        .iter()
        .any(|(_, col)| first.cells.iter().any(|h| normalise(h) == normalise(col)));
    mapping.has_header = by_header.iter().any(Option::is_some) || override_names_header;
    let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if mapping.has_header {
        mapping.headers = first.cells.clone();
        for (i, f) in by_header.iter().enumerate() {
            let Some(f) = f else { continue };
            match mapping.columns.iter_mut().find(|(g, _)| g == f) {
                Some((_, cols)) => cols.push(i),
                None => mapping.columns.push((*f, vec![i])),
            }
        }
        mapping.columns.sort_by_key(|(f, _)| *f);
    } else {
        mapping.headers = (1..=width).map(|i| format!("column {i}")).collect();
        guess_without_header(table, &mut mapping);
    }
    while mapping.headers.len() < width {
        mapping
            .headers
            .push(format!("column {}", mapping.headers.len() + 1));
    }
    for (field, col) in overrides {
        let index = mapping
            .headers
            .iter()
            .position(|h| normalise(h) == normalise(col))
            .or_else(|| {
                col.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n >= 1 && n <= width)
                    .map(|n| n - 1)
            })
            .ok_or_else(|| {
                format!(
                    "--map {}={col}: the file has no column '{col}'; its columns are: {}",
                    field.as_str(),
                    mapping.headers.join(", ")
                )
            })?;
        mapping.set(*field, vec![index]);
    }
    Ok(mapping)
}

/// Without a header, an all-email column is the email, a column of numbers the phone,
/// and the first other text column the name.
fn guess_without_header(table: &Table, mapping: &mut Mapping) {
    let width = mapping.headers.len();
    let sample: Vec<_> = table.rows.iter().take(50).collect();
    let mut name_col = None;
    for col in 0..width {
        let values: Vec<&str> = sample
            .iter()
            .filter_map(|r| r.cells.get(col).map(|c| c.trim()))
            .filter(|c| !c.is_empty())
            .collect();
        if values.is_empty() {
            continue;
        }
        let all = |pred: fn(&str) -> bool| values.iter().all(|v| pred(v));
        if all(|v| v.contains('@') && !v.contains(' ')) {
            mapping.set(Field::Email, vec![col]);
        } else if all(|v| {
            v.chars().filter(char::is_ascii_digit).count() >= 6
                && v.chars()
                    .all(|c| c.is_ascii_digit() || " +-()./".contains(c))
        }) {
            mapping.set(Field::Phone, vec![col]);
        } else if name_col.is_none() {
            name_col = Some(col);
        }
    }
    if let Some(col) = name_col {
        mapping.set(Field::Name, vec![col]);
    }
}

/// Applies the mapping to every data row, one at a time, so a large file is never held
/// twice in memory.
pub fn records<'a>(table: &'a Table, mapping: &'a Mapping) -> impl Iterator<Item = Record> + 'a {
    let skip = usize::from(mapping.has_header);
    table.rows.iter().skip(skip).map(move |row| {
        let mut r = Record::new(row.line);
        for (field, cols) in &mapping.columns {
            if let Some(first) = cols.first().and_then(|&c| mapping.headers.get(c)) {
                r.name_column(*field, first);
            }
            for &c in cols {
                let value = row.cells.get(c).map(String::as_str).unwrap_or("");
                let column = mapping.headers.get(c).map(String::as_str).unwrap_or("");
                r.put(*field, value, column);
                if !field.is_multi() && !r.get(*field).is_empty() {
                    break;
                }
            }
        }
        r
    })
}

/// The rows of a file, mapped as they are read.
pub enum Rows {
    Table(Table, Mapping),
    Cards(Vec<Record>),
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::Table(t, m) => t.rows.len().saturating_sub(usize::from(m.has_header)),
            Rows::Cards(c) => c.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn records(&self) -> Box<dyn Iterator<Item = Record> + '_> {
        match self {
            Rows::Table(t, m) => Box::new(records(t, m)),
            Rows::Cards(c) => Box::new(c.iter().cloned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::import::csv;

    #[test]
    fn english_and_chinese_headers() {
        let cases = [
            ("Display Name", Field::Name),
            ("姓名", Field::Name),
            ("公司", Field::Company),
            ("手机", Field::Phone),
            ("电话", Field::Phone),
            ("客户手机号码", Field::Phone),
            ("邮箱", Field::Email),
            ("地址", Field::Address),
            ("行业", Field::Industry),
            ("来源", Field::Source),
            ("负责人", Field::Owner),
            ("阶段", Field::Stage),
            ("金额", Field::Value),
            ("sales_agent", Field::Owner),
            ("close_value", Field::Value),
            ("Primary Email", Field::Email),
            ("next_call", Field::NextCall),
        ];
        for (h, f) in cases {
            assert_eq!(field_for_header(h), Some(f), "{h}");
        }
        assert_eq!(field_for_header("revenue"), None);
        assert_eq!(field_for_header("Fax Number"), None);
    }

    #[test]
    fn overrides_and_no_header_guess() {
        let t =
            csv::read("John Doe,John,Doe,john@doe.invalid\nJane Doe,Jane,Doe,jane@doe.invalid\n");
        let m = choose(&t, &[]).unwrap();
        assert!(!m.has_header);
        let rs: Vec<Record> = records(&t, &m).collect();
        assert_eq!(rs.len(), 2);
        assert_eq!(rs[0].get(Field::Name), "John Doe");
        assert_eq!(rs[0].get(Field::Email), "john@doe.invalid");

        let t = csv::read("Kunde,Telefon\nAcme,123456\n");
        let m = choose(
            &t,
            &[(Field::Name, "Kunde".into()), (Field::Phone, "2".into())],
        )
        .unwrap();
        let rs: Vec<Record> = records(&t, &m).collect();
        assert_eq!(rs.len(), 1);
        assert_eq!(rs[0].get(Field::Phone), "123456");
        assert!(choose(&t, &[(Field::Name, "Nope".into())]).is_err());
    }
}
