use std::path::Path;

use super::*;

#[test]
fn format_from_extension_then_content() {
    let cases: [(&str, &[u8], Format); 7] = [
        ("a.vcf", b"", Format::Vcf),
        ("a.XLSX", b"", Format::Xlsx),
        ("a.xls", b"", Format::Xls),
        ("a.tsv", b"BEGIN:VCARD", Format::Csv),
        ("export", b"PK\x03\x04rest", Format::Xlsx),
        ("export", b"\xD0\xCF\x11\xE0rest", Format::Xls),
        ("export", b"\r\nbegin:vcard\r\nFN:A\r\n", Format::Vcf),
    ];
    for (name, bytes, want) in cases {
        assert_eq!(detect_format(Path::new(name), bytes), want, "{name}");
    }
    assert_eq!(detect_format(Path::new("x"), b"name,phone\n"), Format::Csv);
}

#[test]
fn binary_is_told_from_text() {
    assert!(looks_binary("\u{0}\u{1}\u{2}abc"));
    assert!(!looks_binary("姓名,公司\n张三,华美\n"));
    assert!(!looks_binary(""));
}
