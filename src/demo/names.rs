//! Names for the demo: companies in Chinese and English, people, phones, notes.

use super::Rng;

pub(super) const REP_NAMES: &[&str] = &[
    "Alice", "Bruno", "Chen", "Dana", "Emil", "Fatima", "Grace", "Hiro", "Ines", "Jonas", "Kai",
    "Lena", "Mei", "Nils", "Olga", "Pedro", "Qing", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wei",
    "Xavier", "Yuki", "Zara", "Aaron", "Bianca", "Carlos", "Daria", "Elena", "Felix", "Gina",
    "Hugo", "Ivy", "Jamal", "Karin", "Leo", "Maya", "Noel", "Omar", "Paula", "Quinn", "Rita",
    "Stefan", "Tomas", "Uma", "Victor", "Wendy", "Yan", "Zoe", "Adam", "Beth", "Colin", "Diana",
    "Erik", "Fiona", "Gareth", "Hana", "Ivan", "Julia", "Kevin", "Laura", "Marco", "Nina", "Oscar",
    "Petra", "Rafael", "Sofia", "Theo", "Ursula", "Vince", "Willa", "Xiu", "Yosef", "Zelda",
    "Anna", "Ben", "Clara", "David", "Eva", "Frank", "Greta", "Henry", "Iris", "Jack", "Kate",
    "Luis", "Mia", "Nora", "Otto", "Pia", "Ruth", "Simon", "Tina", "Ulf", "Vic", "Walt", "Yara",
    "Zack",
];
pub(super) const CN_PREFIX: &[&str] = &[
    "华美", "东方", "金桥", "宏达", "新源", "恒泰", "瑞丰", "博远", "天合", "永盛", "中科", "嘉禾",
    "海川", "汇通", "远景", "星辰", "鼎盛", "安信", "锦程", "联创",
];
pub(super) const CN_SUFFIX: &[&str] = &[
    "贸易有限公司",
    "科技有限公司",
    "制造厂",
    "物流有限公司",
    "餐饮管理公司",
    "建材有限公司",
    "医疗器械公司",
    "电子有限公司",
    "印刷厂",
    "教育咨询公司",
];
pub(super) const EN_PREFIX: &[&str] = &[
    "Northwind",
    "Bluebird",
    "Harbor",
    "Summit",
    "Granite",
    "Maple",
    "Copper",
    "Evergreen",
    "Silverline",
    "Redwood",
    "Brightway",
    "Oakridge",
    "Lakeside",
    "Ironclad",
    "Sunrise",
    "Westfield",
    "Pioneer",
    "Atlas",
    "Crescent",
    "Meridian",
];
pub(super) const EN_SUFFIX: &[&str] = &[
    "Trading Ltd",
    "Logistics",
    "Foods",
    "Dental Clinic",
    "Print & Pack",
    "Engineering",
    "Hotels",
    "Furniture Co",
    "Software",
    "Builders",
];
pub(super) const INDUSTRIES: &[&str] = &[
    "manufacturing",
    "retail",
    "logistics",
    "healthcare",
    "hospitality",
    "construction",
    "education",
    "software",
    "food & beverage",
    "printing",
];
pub(super) const REGIONS: &[&str] = &[
    "Shanghai",
    "Beijing",
    "Shenzhen",
    "Guangzhou",
    "Hangzhou",
    "Chengdu",
    "Singapore",
    "Hong Kong",
    "London",
    "Manchester",
];
pub(super) const SOURCES: &[&str] = &[
    "referral",
    "trade fair",
    "website",
    "cold list",
    "partner",
    "ads",
];
pub(super) const CN_SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
];
pub(super) const CN_GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "婷", "强", "丽",
];
pub(super) const EN_FIRST: &[&str] = &[
    "James", "Mary", "Oliver", "Emma", "Noah", "Sophie", "Liam", "Chloe", "Ethan", "Hannah",
    "Lucas", "Zoe", "Ryan", "Amelia",
];
pub(super) const EN_LAST: &[&str] = &[
    "Smith", "Brown", "Taylor", "Wilson", "Clarke", "Hughes", "Walker", "Wright", "Green", "Hall",
    "Wood", "Turner",
];
pub(super) const NOTES_REACHED: &[&str] = &[
    "Asked about delivery times",
    "Budget review next quarter",
    "Wants a comparison with current supplier",
    "Happy with the sample",
    "Needs sign-off from the owner",
    "Price is the main concern",
    "Interested in the annual plan",
    "Will forward to purchasing",
];
pub(super) const COMPLAINTS: &[&str] = &[
    "Delivery arrived two days late",
    "Invoice shows the wrong amount",
    "Installer did not show up",
    "Product stopped working after a week",
];

const CN_CITIES: &[&str] = &[
    "上海", "北京", "深圳", "广州", "杭州", "成都", "南京", "苏州", "武汉", "西安", "天津", "重庆",
];
const EN_TOWNS: &[&str] = &[
    "Leeds", "Bristol", "York", "Bath", "Derby", "Oxford", "Cardiff", "Dundee", "Exeter",
    "Norwich", "Chester", "Durham",
];

/// A company name not used yet in this demo: importing its export must not merge two
/// companies that only share a name.
pub(super) fn unique_company(
    rng: &mut Rng,
    chinese: bool,
    seen: &mut std::collections::HashSet<String>,
) -> String {
    let base = if chinese {
        format!("{}{}", rng.pick(CN_PREFIX), rng.pick(CN_SUFFIX))
    } else {
        format!("{} {}", rng.pick(EN_PREFIX), rng.pick(EN_SUFFIX))
    };
    let placed = if chinese {
        format!("{}{base}", rng.pick(CN_CITIES))
    } else {
        format!("{base} of {}", rng.pick(EN_TOWNS))
    };
    let mut name = if seen.contains(&base) { placed } else { base };
    let stem = name.clone();
    let mut n = 2;
    while seen.contains(&name) {
        name = format!("{stem} {n}");
        n += 1;
    }
    seen.insert(name.clone());
    name
}

pub(super) fn person_name(rng: &mut Rng, chinese: bool) -> String {
    if chinese {
        format!("{}{}", rng.pick(CN_SURNAMES), rng.pick(CN_GIVEN))
    } else {
        format!("{} {}", rng.pick(EN_FIRST), rng.pick(EN_LAST))
    }
}

pub(super) fn phone(rng: &mut Rng, chinese: bool) -> String {
    if chinese {
        format!(
            "+86 13{} {:04} {:04}",
            rng.below(10),
            rng.below(10_000),
            rng.below(10_000)
        )
    } else {
        format!("+44 7{:03} {:06}", rng.below(1000), rng.below(1_000_000))
    }
}
