//! `calldeck import`: bring a book in from a spreadsheet, a phone's contacts or another
//! CRM's pipeline, and print what happened.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::commands::Context;
use crate::clock::Clock;
use crate::config::Config;
use crate::error::Result;
use crate::transfer::import::{
    DEFAULT_MAX_CELLS, DEFAULT_MAX_UNZIPPED_MB, DateOrder, EncodingChoice, Field, Format,
    ImportOptions, ImportReport, Kind, OnDuplicate, StageValue, import_file,
};

/// How many rejected rows the report lists before it only counts them.
const SHOWN_REJECTIONS: usize = 20;

/// The exports whose headers import knows, shown by `calldeck import --help`.
const KNOWN_FORMATS: &str = "\
Files: CSV/TSV (separator , ; or TAB found), Excel .xlsx/.xls, vCard 2.1/3.0/4.0; encodings
UTF-8 (BOM or not), UTF-16, GBK/GB18030, Shift_JIS, Big5, Windows-1252 found by themselves.

Headers known (a title row above the header is skipped; --header-row N names it):
  Google Contacts   old Google CSV (Given Name, Phone 1 - Type/Value, E-mail 1 - Value,
                    Organization 1 - Name) and the current export (First Name,
                    Organization Name, Phone 1 - Label/Value, Labels)
  Outlook           First Name, Company, Business/Home/Mobile Phone, E-mail Address,
                    E-mail 2 Address, Business Street/City/Postal Code
  Apple, Android    vCards: every TEL and EMAIL with its TYPE or X-ABLABEL label
  HubSpot           contacts, companies, deals: Record ID, Contact/Deal owner, Associated
                    Company, Phone Number, Mobile Phone Number, Deal Stage, Amount, Close Date
  Salesforce        report headers (Account Name, Opportunity Owner, Stage, Close Date) and
                    API names (ID, ACCOUNTID, NAME, STAGENAME, AMOUNT, CLOSEDATE, BILLINGCITY)
  Pipedrive         Person - Name/Phone/Email, Organization - Name, Deal - Title/Value/Stage
  Zoho              Account Name, Lead/Contact Owner, Mobile, Secondary Email, Mailing Street
  Odoo              id, partner_id, email, phone, mobile, street, city, user_id, stage_id,
                    expected_revenue, date_deadline
  LinkedIn          First Name, Last Name, Email Address, Company, Position
  Chinese CRMs      客户名称 公司 联系人 手机 电话 座机 分机 微信 邮箱 地址 省 市 行业 来源
                    负责人 跟进人 阶段 金额 预计成交日期
Numbered and labelled columns (Phone 2, Email 3, phone_work, email_home, Work Phone) all
land, each number kept with its label; cells with several values (' ::: ', ';', '/',
'138…(南)139…(北)') are split; extensions (x371, ext. 12, 转8021) are kept apart.
Columns that match no field are kept per customer as extra fields unless --ignore COLUMN.
A record's own id (Record ID, ID, id) is kept: importing the same export again updates, and a
deals file naming accounts by ACCOUNTID finds the customers an accounts file made.";

#[derive(Args, Debug)]
#[command(after_long_help = KNOWN_FORMATS)]
pub struct ImportArgs {
    /// The file: .csv/.tsv, .xlsx, .xls or .vcf
    pub file: PathBuf,
    /// The file's format [default: from its extension or content]
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Customers and contacts, or a deal pipeline with its history
    #[arg(long, value_enum, default_value_t = KindArg::Customers)]
    pub kind: KindArg,
    /// Read a field from a column (a header or a column number): name, company, phone …;
    /// join parts with '+' (address=Street+City+Zip); repeat a field to add columns
    #[arg(long = "map", value_name = "FIELD=COLUMN", value_parser = parse_map)]
    pub maps: Vec<(Field, String)>,
    /// Translate another CRM's stage name: VALUE=0-5|7|won|lost
    #[arg(long = "stage-map", value_name = "VALUE=STAGE", value_parser = parse_stage_map)]
    pub stage_map: Vec<(String, StageValue)>,
    /// auto, utf-8, utf-16, gbk, gb18030, shift_jis, big5, windows-1252 …
    #[arg(long, default_value = "auto", value_parser = parse_encoding)]
    pub encoding: EncodingChoice,
    /// What to do with a row that is a customer already (same phone, email or company)
    #[arg(long, value_enum, default_value_t = DuplicateArg::Skip)]
    pub on_duplicate: DuplicateArg,
    /// Add owners the file names that are not reps yet (otherwise their rows are rejected)
    #[arg(long)]
    pub create_reps: bool,
    /// Show the mapping and what would happen, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import nothing unless every row is good
    #[arg(long)]
    pub strict: bool,
    /// The sheet of a workbook [default: the first]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// How to read dates like 03/04/2026
    #[arg(long, value_enum)]
    pub date_order: Option<DateOrderArg>,
    /// Do not keep this column as an extra field (repeat for more)
    #[arg(long = "ignore", value_name = "COLUMN")]
    pub ignore: Vec<String>,
    /// The line (CSV) or row (Excel) the header is on [default: found below any title rows]
    #[arg(long, value_name = "N")]
    pub header_row: Option<u64>,
    /// Refuse a workbook that unpacks to more than this many megabytes
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MAX_UNZIPPED_MB)]
    pub max_unzipped_mb: u64,
    /// Refuse a sheet with more cells than this
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_CELLS)]
    pub max_cells: u64,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    Csv,
    Xlsx,
    Xls,
    Vcf,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindArg {
    Customers,
    Deals,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuplicateArg {
    Skip,
    Update,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrderArg {
    Dmy,
    Mdy,
}

fn parse_map(s: &str) -> std::result::Result<(Field, String), String> {
    let (field, column) = s
        .split_once('=')
        .ok_or_else(|| crate::t!("cli-is-not-field-column-e-g", s = s.to_string()))?;
    let field = Field::parse(field).ok_or_else(|| {
        let names: Vec<_> = Field::ALL.iter().map(|f| f.as_str()).collect();
        crate::t!(
            "cli-unknown-field-use-one-of",
            field = field.to_string(),
            a0 = (names.join(", ")).to_string()
        )
    })?;
    if column.trim().is_empty() {
        return Err(crate::t!(
            "cli-map-name-the-column-after",
            s = s.to_string()
        ));
    }
    Ok((field, column.trim().to_string()))
}

fn parse_stage_map(s: &str) -> std::result::Result<(String, StageValue), String> {
    let (value, stage) = s
        .rsplit_once('=')
        .ok_or_else(|| format!("'{s}' is not VALUE=STAGE, e.g. --stage-map \"Engaging=2\""))?;
    Ok((value.trim().to_string(), StageValue::parse(stage)?))
}

fn parse_encoding(s: &str) -> std::result::Result<EncodingChoice, String> {
    EncodingChoice::parse(s)
}

pub fn import(ctx: &Context, args: &ImportArgs) -> Result<()> {
    let config = Config::load()?;
    let clock = Clock::from_env()?;
    let mut store = ctx.store()?;
    // Rows without an owner go to the rep given (or the only one); a file with no reps
    // yet simply imports unowned customers.
    let default_owner = match ctx.rep(&store, &config) {
        Ok(rep) => Some(rep.id),
        Err(e) if ctx.rep_given() => return Err(e),
        Err(_) => None,
    };
    let options = ImportOptions {
        format: args.format.map(|f| match f {
            FormatArg::Csv => Format::Csv,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::Xls => Format::Xls,
            FormatArg::Vcf => Format::Vcf,
        }),
        kind: match args.kind {
            KindArg::Customers => Kind::Customers,
            KindArg::Deals => Kind::Deals,
        },
        maps: args.maps.clone(),
        stage_map: args.stage_map.clone(),
        encoding: args.encoding,
        on_duplicate: match args.on_duplicate {
            DuplicateArg::Skip => OnDuplicate::Skip,
            DuplicateArg::Update => OnDuplicate::Update,
        },
        create_reps: args.create_reps,
        dry_run: args.dry_run,
        strict: args.strict,
        sheet: args.sheet.clone(),
        date_order: args.date_order.map(|o| match o {
            DateOrderArg::Dmy => DateOrder::DayMonthYear,
            DateOrderArg::Mdy => DateOrder::MonthDayYear,
        }),
        default_owner,
        ignore: args.ignore.clone(),
        header_row: args.header_row,
        max_unzipped_bytes: args.max_unzipped_mb.saturating_mul(1024 * 1024),
        max_cells: args.max_cells,
    };
    let report = import_file(&mut store, &args.file, &options, &config, &clock)?;
    print!("{}", describe(&report));
    Ok(())
}

/// The report as the user reads it: what was read how, the counts, the first rejections.
pub fn describe(r: &ImportReport) -> String {
    let mut out = String::new();
    let format = r.format.map(Format::as_str).unwrap_or("?");
    let mut read_as = crate::t!(
        "cli-read-as",
        a0 = (r.path.display()).to_string(),
        format = format.to_string()
    );
    if let Some(enc) = &r.encoding {
        read_as.push_str(&format!(", {enc}"));
    }
    if let Some(sep) = r.separator {
        let name = match sep {
            '\t' => "TAB".to_string(),
            c => format!("'{c}'"),
        };
        read_as.push_str(&crate::t!("imp-separator", name = name));
    }
    out.push_str(&crate::t!("imp-rows", read_as = read_as, n = r.rows));
    out.push('\n');
    if let Some(line) = r.header_line {
        out.push_str(&format!(
            "{}\n",
            crate::t!("imp-header-found-on-line-the-rows", line = line.to_string())
        ));
    }
    if r.dry_run {
        out.push_str(&crate::t!("imp-mapping"));
        out.push('\n');
        for line in &r.mapping {
            out.push_str(&format!("  {line}\n"));
        }
    }
    let verb = if r.dry_run {
        crate::t!("imp-would-import")
    } else {
        crate::t!("imp-imported")
    };
    let deals = r.deals_won + r.deals_lost + r.deals_open;
    if deals > 0 {
        out.push_str(&crate::t!(
            "imp-deals",
            verb = &verb,
            deals = deals,
            won = r.deals_won,
            lost = r.deals_lost,
            open = r.deals_open,
            created = r.created
        ));
        out.push('\n');
        if r.deals_folded > 0 {
            out.push_str(&format!(
                "  {}\n",
                crate::t!(
                    "imp-open-rows-folded-into-their-customer",
                    a0 = (r.deals_folded).to_string()
                )
            ));
        }
        if r.deals_known > 0 {
            out.push_str(&format!(
                "  {}\n",
                crate::t!(
                    "imp-rows-are-deals-imported-before-same",
                    a0 = (r.deals_known).to_string()
                )
            ));
        }
        if r.renewals_opened > 0 {
            out.push_str(&format!(
                "  {}\n",
                crate::t!(
                    "imp-renewal-deals-opened-for-contracts-that",
                    a0 = (r.renewals_opened).to_string()
                )
            ));
        }
    } else {
        out.push_str(&crate::t!(
            "imp-summary",
            verb = &verb,
            created = r.created,
            updated = r.updated,
            skipped = r.skipped,
            rejected = r.rejected.len()
        ));
        out.push('\n');
    }
    if r.contacts_added > 0 {
        out.push_str(&format!(
            "{}\n",
            crate::t!(
                "imp-people-added-as-contacts-of-their",
                a0 = (r.contacts_added).to_string()
            )
        ));
    }
    if r.lost > 0 {
        out.push_str(&format!(
            "{}\n",
            crate::t!(
                "imp-imported-as-lost-their-stage-said",
                a0 = (r.lost).to_string()
            )
        ));
    }
    if r.extra_fields > 0 {
        out.push_str(&format!(
            "{}\n",
            crate::t!(
                "imp-extra-fields-kept-from",
                a0 = (plural(r.extra_fields, "value", "values")).to_string(),
                a1 = (plural(r.extra_columns.len(), "column", "columns")).to_string(),
                a2 = (shorten(&r.extra_columns, 8)).to_string()
            )
        ));
    }
    if deals > 0 && !r.rejected.is_empty() {
        out.push_str(&format!(
            "{}\n",
            crate::t!("imp-rejected-rows", a0 = (r.rejected.len()).to_string())
        ));
    }
    if !r.reps_created.is_empty() {
        let label = if r.dry_run {
            crate::t!("imp-reps-to-add")
        } else {
            crate::t!("imp-reps-added")
        };
        out.push_str(&format!("{label}: {}\n", r.reps_created.join(", ")));
    }
    for rej in r.rejected.iter().take(SHOWN_REJECTIONS) {
        out.push_str(&format!(
            "  {}\n",
            crate::t!(
                "imp-line-column",
                line = rej.line,
                column = &rej.column,
                reason = &rej.reason
            )
        ));
    }
    if r.rejected.len() > SHOWN_REJECTIONS {
        out.push_str(&format!(
            "  {}\n",
            crate::t!(
                "imp-and-more-rejected-rows",
                a0 = (r.rejected.len() - SHOWN_REJECTIONS).to_string()
            )
        ));
    }
    if !r.warnings.is_empty() {
        out.push_str(&format!(
            "{}\n",
            crate::t!(
                "imp-values-left-out-their-rows-imported",
                a0 = (r.warning_count).to_string()
            )
        ));
        for w in r.warnings.iter().take(SHOWN_REJECTIONS) {
            out.push_str(&format!(
                "  {}\n",
                crate::t!(
                    "imp-line-column",
                    line = w.line,
                    column = &w.column,
                    reason = &w.reason
                )
            ));
        }
        if r.warning_count > SHOWN_REJECTIONS {
            out.push_str(&format!(
                "  … and {} more\n",
                r.warning_count - SHOWN_REJECTIONS
            ));
        }
    }
    if !r.duplicates.is_empty() {
        out.push_str(&format!(
            "{}\n",
            crate::t!(
                "imp-duplicates-each-the-same-as-a",
                a0 = (r.duplicate_count).to_string()
            )
        ));
        for d in r.duplicates.iter().take(SHOWN_REJECTIONS) {
            let line = if d.updated {
                crate::t!(
                    "imp-duplicate-updated",
                    line = d.line,
                    id = d.customer_id,
                    customer = &d.customer,
                    key = d.key.to_string()
                )
            } else {
                crate::t!(
                    "imp-duplicate-skipped",
                    line = d.line,
                    id = d.customer_id,
                    customer = &d.customer,
                    key = d.key.to_string()
                )
            };
            out.push_str(&format!("  {line}\n"));
        }
        if r.duplicate_count > SHOWN_REJECTIONS {
            out.push_str(&format!(
                "  … and {} more\n",
                r.duplicate_count - SHOWN_REJECTIONS
            ));
        }
    }
    if r.dry_run {
        out.push_str(&crate::t!("imp-dry-run"));
        out.push('\n');
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The first `n` names and how many more.
fn shorten(names: &[String], n: usize) -> String {
    let mut s = names.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > n {
        s.push_str(&format!(" and {} more", names.len() - n));
    }
    s
}
