//! What a column's header says it holds, for the exports people really have: Google
//! Contacts (old and new), Outlook, HubSpot, Salesforce (report headers and API names),
//! Pipedrive, Zoho, Odoo, LinkedIn, and Chinese CRM templates. Exact words first, then
//! the shapes of numbered and labelled columns ("Phone 2 - Value", "email_home").

use super::record::Field;

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

/// Headers of other programs' exports, as `normalise` leaves them, and the field each
/// feeds. Numbered and labelled variants are found by `by_shape`.
const EXPORT_HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &["person name", "partner name", "full name", "nom"],
    ),
    (Field::FirstName, &["first", "given", "person first name"]),
    (Field::LastName, &["last", "person last name"]),
    (
        Field::Company,
        &[
            "organization 1 name",
            "organization name",
            "organisation name",
            "organization",
            "associated company",
            "associated company name",
            "primary associated company",
            "company / name",
            "accountname",
            "account",
            "partner",
            "partner id",
            "parent id",
            "commercial partner id",
            "partner name",
            "company name",
            "person organization",
            "deal organization",
            "organization 1",
            "客户名称",
            "客户公司",
        ],
    ),
    (
        Field::Title,
        &[
            "organization 1 title",
            "jobtitle",
            "job title",
            "person job title",
            "function",
        ],
    ),
    (
        Field::Owner,
        &[
            "contact owner",
            "deal owner",
            "lead owner",
            "company owner",
            "record owner",
            "opportunity owner",
            "account owner",
            "hubspot owner",
            "owner name",
            "owner full name",
            "salesperson",
            "sales person",
            "user id",
            "user",
            "assigned user",
            "deal owner name",
            "person owner",
            "跟进人",
            "负责人",
            "所属人",
            "销售负责人",
        ],
    ),
    (
        Field::Address,
        &[
            "street address",
            "street 1",
            "street",
            "street2",
            "street 2",
            "billingstreet",
            "billing street",
            "billingcity",
            "billing city",
            "billingpostalcode",
            "billing zip/postal code",
            "billing postal code",
            "shippingstreet",
            "mailing street",
            "mailing city",
            "mailing zip",
            "mailing zip code",
            "mailingstreet",
            "mailingcity",
            "mailingpostalcode",
            "business street",
            "business city",
            "business postal code",
            "home street",
            "home city",
            "home postal code",
            "address 1 formatted",
            "address 1 street",
            "address 1 city",
            "address 1 postal code",
            "address 1 po box",
            "address 1 extended address",
            "city",
            "zip",
            "zip code",
            "postal code",
            "postcode",
            "postal/zip code",
            "zip/postal code",
            "address line 1",
            "address line 2",
            "person address",
            "organization address",
            "详细地址",
            "地址",
            "街道",
            "邮编",
        ],
    ),
    (
        Field::Region,
        &[
            "state/region",
            "state/province",
            "billingstate",
            "billing state/province",
            "billingcountry",
            "billing country",
            "mailing state",
            "mailing country",
            "mailingstate",
            "mailingcountry",
            "business state",
            "business country/region",
            "home state",
            "home country/region",
            "address 1 region",
            "address 1 country",
            "country/region",
            "state id",
            "country id",
            "location",
            "省",
            "市",
            "区",
            "县",
            "省份",
            "城市",
            "所在城市",
            "所在省份",
        ],
    ),
    (
        Field::Industry,
        &["industry", "industry type", "industry id", "行业类型"],
    ),
    (
        Field::Source,
        &[
            "original source",
            "lead source",
            "leadsource",
            "source id",
            "original source type",
            "客户来源",
        ],
    ),
    (
        Field::Phone,
        &[
            "phone number",
            "mobile phone number",
            "phone",
            "mobile",
            "mobilephone",
            "homephone",
            "otherphone",
            "assistantphone",
            "primary phone",
            "business phone",
            "business phone 2",
            "home phone",
            "home phone 2",
            "mobile phone",
            "other phone",
            "car phone",
            "company main phone",
            "person phone",
            "organization phone",
            "座机",
            "手机",
            "电话",
            "固话",
            "固定电话",
        ],
    ),
    (
        Field::Email,
        &[
            "e mail address",
            "e mail 2 address",
            "e mail 3 address",
            "email address",
            "contact email",
            "work email",
            "personal email",
            "secondary email",
            "person email",
            "email from",
            "emails",
            "邮箱",
        ],
    ),
    (
        Field::Contact,
        &[
            "contact",
            "contact person",
            "deal contact person",
            "联系人",
            "联系人姓名",
            "主要联系人",
        ],
    ),
    (
        Field::Stage,
        &[
            "deal stage",
            "stagename",
            "stage name",
            "pipeline stage",
            "stage id",
            "deal stage name",
            "opportunity stage",
            "status",
            "lead status",
            "deal status",
            "阶段",
            "商机阶段",
            "跟进阶段",
            "客户阶段",
        ],
    ),
    (
        Field::Value,
        &[
            "amount",
            "deal value",
            "deal amount",
            "amount in company currency",
            "expected revenue",
            "planned revenue",
            "opportunity amount",
            "金额",
            "预计金额",
        ],
    ),
    (
        Field::Closed,
        &[
            "close date",
            "closedate",
            "closing date",
            "expected close date",
            "deal expected close date",
            "date deadline",
            "expected closing",
            "won time",
            "deal won time",
            "date closed",
            "预计成交日期",
            "成交日期",
        ],
    ),
    (
        Field::Opened,
        &[
            "create date",
            "createdate",
            "createddate",
            "created date",
            "date created",
            "created on",
            "create time",
            "deal created",
            "deal deal created",
            "add time",
            "deal add time",
            "创建时间",
            "创建日期",
        ],
    ),
    (
        Field::Product,
        &[
            "deal name",
            "dealname",
            "opportunity name",
            "deal title",
            "title of deal",
            "opportunity",
            "商机名称",
        ],
    ),
    (
        Field::Notes,
        &["notes", "note", "description", "备注", "备注信息"],
    ),
    (
        Field::Tags,
        &[
            "labels",
            "person labels",
            "organization labels",
            "deal labels",
            "group membership",
            "tags",
            "categories",
            "标签",
        ],
    ),
    (Field::Birthday, &["birthday", "birthdate", "生日"]),
    (
        Field::Id,
        &[
            "record id",
            "id",
            "contact id",
            "lead id",
            "deal id",
            "opportunity id",
            "external id",
            "person id",
            "organization id",
            "客户编号",
            "客户id",
            "编号",
        ],
    ),
    (
        Field::AccountId,
        &[
            "accountid",
            "account id",
            "associated company id",
            "associated company ids",
            "associated company ids (primary)",
            "company id (primary)",
            "org id",
            "organization id",
        ],
    ),
    (
        Field::Extension,
        &["extension", "ext", "phone extension", "分机", "分机号"],
    ),
];

pub fn normalise(header: &str) -> String {
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
    for (field, words) in EXPORT_HEADERS.iter().chain(ALIASES) {
        if words.contains(&h.as_str()) {
            return Some(*field);
        }
    }
    if let Some(f) = by_shape(&h) {
        return Some(f);
    }
    if !h.is_ascii() {
        // "客户手机" holds "手机"; try the longest aliases first so "联系人" beats "人".
        let mut best: Option<(usize, Field)> = None;
        for (field, words) in EXPORT_HEADERS.iter().chain(ALIASES) {
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

/// A header that names what kind of phone, email or address the columns beside it are:
/// Google's "Phone 1 - Type", "E-mail 2 - Label", "Address 1 - Type". Returns the stem
/// those columns' normalised headers start with ("phone 1").
pub fn label_target(header: &str) -> Option<String> {
    let h = normalise(header);
    let stem = h
        .strip_suffix(" type")
        .or_else(|| h.strip_suffix(" label"))?;
    let words: Vec<&str> = stem.split_whitespace().collect();
    let reach = words.first().is_some_and(|w| {
        matches!(
            *w,
            "phone" | "e" | "email" | "im" | "website" | "address" | "relation"
        )
    });
    let numbered = words
        .last()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
    (reach && numbered).then(|| stem.to_string())
}

/// Numbered and labelled columns: "Phone 2 - Value", "phone_work", "Work Phone 2",
/// "E-mail 3 - Value", "email_home", "Other Email", "Address 1 - Street"; never the
/// type or label column beside them, nor a fax or a flag about them.
fn by_shape(h: &str) -> Option<Field> {
    let words: Vec<&str> = h.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    if has("type") || has("label") || has("fax") || has("opt") || has("bounced") {
        return None;
    }
    let countish = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || matches!(
                w,
                "value"
                    | "work"
                    | "home"
                    | "mobile"
                    | "cell"
                    | "other"
                    | "main"
                    | "personal"
                    | "business"
                    | "primary"
                    | "secondary"
                    | "direct"
                    | "office"
                    | "number"
                    | "private"
                    | "pager"
                    | "assistant"
                    | "company"
                    | "person"
                    | "contact"
                    | "organization"
            )
    };
    let only_qualified = |key: &[&str]| {
        words
            .iter()
            .all(|w| key.contains(w) || countish(w) || *w == "address")
    };
    if (has("phone") || has("mobile") || has("tel") || has("telephone") || has("cell"))
        && only_qualified(&["phone", "mobile", "tel", "telephone", "cell"])
    {
        return Some(Field::Phone);
    }
    if (has("email") || h.contains("e mail")) && only_qualified(&["email", "e", "mail"]) {
        return Some(Field::Email);
    }
    if words.first() == Some(&"address")
        && words.iter().any(|w| {
            matches!(
                *w,
                "formatted" | "street" | "city" | "postal" | "code" | "extended" | "po" | "box"
            )
        })
    {
        return Some(Field::Address);
    }
    if words.first() == Some(&"address") && (has("region") || has("country")) {
        return Some(Field::Region);
    }
    if words.first() == Some(&"organization") && words.last() == Some(&"name") {
        return Some(Field::Company);
    }
    if words.first() == Some(&"organization") && words.last() == Some(&"title") {
        return Some(Field::Title);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_common_exports() {
        let cases = [
            // Google Contacts, old "Google CSV" and the current export
            ("Given Name", Field::FirstName),
            ("Family Name", Field::LastName),
            ("Phone 1 - Value", Field::Phone),
            ("Phone 2 - Value", Field::Phone),
            ("E-mail 1 - Value", Field::Email),
            ("Organization 1 - Name", Field::Company),
            ("Organization Name", Field::Company),
            ("Organization Title", Field::Title),
            ("Address 1 - Formatted", Field::Address),
            ("Labels", Field::Tags),
            // Outlook
            ("E-mail Address", Field::Email),
            ("E-mail 2 Address", Field::Email),
            ("Mobile Phone", Field::Phone),
            ("Business Street", Field::Address),
            // HubSpot
            ("Record ID", Field::Id),
            ("Contact owner", Field::Owner),
            ("Deal owner", Field::Owner),
            ("Associated Company", Field::Company),
            ("Mobile Phone Number", Field::Phone),
            ("Deal Stage", Field::Stage),
            ("Street Address", Field::Address),
            ("City", Field::Address),
            ("State/Region", Field::Region),
            // Salesforce API names and report headers
            ("ACCOUNTID", Field::AccountId),
            ("STAGENAME", Field::Stage),
            ("CLOSEDATE", Field::Closed),
            ("AMOUNT", Field::Value),
            ("BILLINGSTREET", Field::Address),
            ("BILLINGCITY", Field::Address),
            ("Opportunity Owner", Field::Owner),
            ("Lead Owner", Field::Owner),
            // Pipedrive, Zoho, Odoo, LinkedIn
            ("Person - Phone", Field::Phone),
            ("Person - Phone - Mobile", Field::Phone),
            ("Person - Email - Work", Field::Email),
            ("email_from", Field::Email),
            ("parent_id", Field::Company),
            ("Organization - Name", Field::Company),
            ("Deal - Title", Field::Product),
            ("Secondary Email", Field::Email),
            ("phone_work", Field::Phone),
            ("email_home", Field::Email),
            ("Contact Email", Field::Email),
            ("partner_id", Field::Company),
            ("user_id", Field::Owner),
            ("expected_revenue", Field::Value),
            ("Email Address", Field::Email),
            ("Position", Field::Title),
            // Chinese CRM templates
            ("客户名称", Field::Company),
            ("联系人", Field::Contact),
            ("手机", Field::Phone),
            ("座机", Field::Phone),
            ("分机", Field::Extension),
            ("邮箱", Field::Email),
            ("省", Field::Region),
            ("市", Field::Region),
            ("跟进人", Field::Owner),
            ("预计成交日期", Field::Closed),
        ];
        for (h, f) in cases {
            assert_eq!(field_for_header(h), Some(f), "{h}");
        }
        for h in [
            "Phone 1 - Type",
            "E-mail 1 - Label",
            "Fax Number",
            "微信",
            "URL",
        ] {
            assert_eq!(field_for_header(h), None, "{h}");
        }
        assert_eq!(label_target("Phone 1 - Type").as_deref(), Some("phone 1"));
        assert_eq!(
            label_target("E-mail 2 - Label").as_deref(),
            Some("e mail 2")
        );
        assert_eq!(label_target("Lead Type"), None);
    }
}
