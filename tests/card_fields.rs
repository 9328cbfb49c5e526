//! What the card shows can be set: a contact's role, communication style and birthday from
//! `add --contact`, `edit` and import (English and Chinese headers); card fields of the
//! user's own from config, set with `edit --field`, shown by `show`, exported and imported
//! by key (or by their label as a column header). A contact's birthday puts a care call on
//! the list.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const NOW: &str = "2026-11-26T10:00:00+08:00";

const CONFIG: &str = "[[fields]]\nkey = \"product\"\nlabel = \"拟购产品\"\n\n[[fields]]\nkey = \"dosage\"\nlabel = \"处方量\"\n";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), CONFIG).unwrap();
        let env = Env { dir };
        env.ok(&["rep", "add", "alice"]);
        env
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = cargo_bin_cmd!("calldeck");
        cmd.env("CALLDECK_DB", self.dir.path().join("t.db"))
            .env("CALLDECK_NOW", NOW)
            .env("CALLDECK_CONFIG", self.dir.path().join("config.toml"))
            .env_remove("CALLDECK_REP");
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    fn fails(&self, args: &[&str], want: &str) {
        let out = self.cmd().args(args).assert().failure();
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(err.contains(want), "{err}");
    }

    fn show(&self, id: &str) -> Value {
        serde_json::from_str(&self.ok(&["show", id, "--format", "json"])).unwrap()
    }
}

#[test]
fn contact_style_role_and_birthday_from_add_and_edit() {
    let env = Env::new();
    let id = env.ok(&[
        "add",
        "--name",
        "华美贸易",
        "--contact",
        "李娜;decision_maker;+86 138 0000 1111;li@example.com;analytical;1985-03-09",
    ]);
    let id = id.trim().trim_start_matches('#');
    let id = id.split_whitespace().next().unwrap();
    let v = env.show(id);
    let k = &v["contacts"][0];
    assert_eq!(k["style"], "analytical");
    assert_eq!(k["role"], "decision_maker");
    assert_eq!(k["birthday"], "1985-03-09");

    env.ok(&[
        "edit",
        id,
        "--contact-style",
        "amiable",
        "--contact-role",
        "buyer",
        "--contact-birthday",
        "1985-11-26",
    ]);
    let v = env.show(id);
    let k = &v["contacts"][0];
    assert_eq!(
        (&k["style"], &k["role"], &k["birthday"]),
        (
            &Value::from("amiable"),
            &Value::from("buyer"),
            &Value::from("1985-11-26")
        )
    );
    let text = env.ok(&["show", id]);
    assert!(text.contains("birthday 1985-11-26"), "{text}");

    // The contact's birthday is today (Thursday 26 November): a care call on the list.
    let today = env.ok(&["today", "--rep", "alice"]);
    assert!(today.contains("care: contact's birthday"), "{today}");

    env.fails(
        &["edit", id, "--contact-style", "pushy"],
        "unknown style 'pushy'",
    );
    env.fails(
        &["edit", id, "--contact-birthday", "1985-13-01"],
        "is not a date",
    );
    env.fails(
        &["edit", id, "--contact-id", "99", "--contact-role", "user"],
        "no contact 99",
    );
    env.fails(
        &[
            "add",
            "--name",
            "X",
            "--contact",
            "王;buyer;138 0000 2222;;bossy",
        ],
        "unknown style 'bossy'",
    );
}

#[test]
fn card_fields_are_set_shown_exported_and_imported_by_key() {
    let env = Env::new();
    let id = env.ok(&["add", "--name", "Acme", "--phone", "+1 555 0100"]);
    let id = id.trim().trim_start_matches('#');
    let id = id.split_whitespace().next().unwrap();
    env.ok(&[
        "edit",
        id,
        "--field",
        "product=CT 扫描仪",
        "--field",
        "dosage=40",
    ]);
    let v = env.show(id);
    assert_eq!(v["extra_fields"]["product"], "CT 扫描仪", "{v}");
    let text = env.ok(&["show", id]);
    assert!(text.contains("拟购产品: CT 扫描仪"), "{text}");
    assert!(text.contains("处方量: 40"), "{text}");

    env.fails(
        &["edit", id, "--field", "colour=red"],
        "no card field 'colour'",
    );
    env.fails(&["edit", id, "--field", "product"], "--field key=value");
    // An empty value clears the field.
    env.ok(&["edit", id, "--field", "dosage="]);
    assert!(env.show(id)["extra_fields"].get("dosage").is_none());

    let csv = env.ok(&["export", "customers", "--rep", "alice"]);
    let header = csv.lines().next().unwrap();
    assert!(header.contains(",product,"), "{header}");
    assert!(
        header.ends_with("abc_tier,rfm_segment,revenue_12m"),
        "{header}"
    );

    // A file with the label as its header, and Chinese contact columns.
    let file = env.dir.path().join("in.csv");
    std::fs::write(
        &file,
        "客户名称,电话,联系人,角色,沟通风格,联系人生日,拟购产品\n\
         海天医疗,+86 139 1234 5678,张伟,决策人,driver,1970-06-01,MRI\n",
    )
    .unwrap();
    let out = env.ok(&["import", file.to_str().unwrap(), "--rep", "alice"]);
    assert!(out.contains("1"), "{out}");
    let list: Value = serde_json::from_str(&env.ok(&[
        "export",
        "customers",
        "--format",
        "json",
        "--rep",
        "alice",
    ]))
    .unwrap();
    let haitian = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "海天医疗")
        .unwrap();
    let k = &haitian["contacts"][0];
    assert_eq!(k["style"], "driver", "{haitian}");
    assert_eq!(k["birthday"], "1970-06-01", "{haitian}");
    assert_eq!(haitian["extra_fields"]["product"], "MRI", "{haitian}");
    // Exported tiers are computed, not kept: a re-import leaves them out.
    let back = env.dir.path().join("back.csv");
    std::fs::write(&back, &csv).unwrap();
    env.ok(&[
        "import",
        back.to_str().unwrap(),
        "--rep",
        "alice",
        "--on-duplicate",
        "update",
    ]);
    let again = env.show(id);
    assert!(again["extra_fields"].get("abc_tier").is_none(), "{again}");
}
