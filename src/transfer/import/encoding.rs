//! Turning a file's bytes into text: BOMs, UTF-16 without a BOM, and the legacy encodings
//! spreadsheets and phones still write (GBK/GB18030, Shift_JIS, Windows-1252 …).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// What the user asked for with `--encoding`: detect, or a named encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingChoice {
    Auto,
    Named(&'static Encoding),
}

impl EncodingChoice {
    /// Accepts "auto" and every WHATWG label ("utf-8", "utf-16", "gbk", "gb18030",
    /// "shift_jis", "big5", "windows-1252" …).
    pub fn parse(label: &str) -> Result<EncodingChoice, String> {
        let label = label.trim();
        if label.eq_ignore_ascii_case("auto") {
            return Ok(EncodingChoice::Auto);
        }
        let normal = label.to_ascii_lowercase().replace('_', "-");
        let normal = match normal.as_str() {
            "utf-16" | "utf16" | "ucs-2" => "utf-16le",
            "shift-jis" | "sjis" | "cp932" => "shift_jis",
            "utf8" => "utf-8",
            other => other,
        };
        Encoding::for_label(normal.as_bytes())
            .map(EncodingChoice::Named)
            .ok_or_else(|| {
                crate::t!(
                    "cfg-unknown-encoding-use-auto-utf-8",
                    label = label.to_string()
                )
            })
    }
}

/// Text decoded from a file, and the encoding it was read as.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// Decodes the whole file. A named encoding that does not fit the bytes is an error that
/// names the encoding the bytes look like, rather than text full of replacement marks.
pub fn decode(bytes: Vec<u8>, choice: EncodingChoice) -> Result<Decoded, String> {
    let plain_utf8 = match choice {
        EncodingChoice::Auto => sniff_bom(&bytes).is_none() && utf16_by_nuls(&bytes).is_none(),
        EncodingChoice::Named(enc) => enc == UTF_8 && sniff_bom(&bytes).is_none(),
    };
    // The common case, taken without copying the file.
    let bytes = if plain_utf8 {
        match String::from_utf8(bytes) {
            Ok(text) => {
                return Ok(Decoded {
                    text,
                    encoding: UTF_8,
                });
            }
            Err(e) => e.into_bytes(),
        }
    } else {
        bytes
    };
    let bytes = bytes.as_slice();
    if let EncodingChoice::Named(enc) = choice {
        check_named(bytes, enc)?;
    }
    let (encoding, body) = match choice {
        EncodingChoice::Auto => detect(bytes),
        EncodingChoice::Named(enc) => {
            let enc = match (enc == UTF_16LE || enc == UTF_16BE, sniff_bom(bytes)) {
                // "utf-16" means either byte order: the BOM decides.
                (true, Some((bom_enc, _))) if bom_enc != UTF_8 => bom_enc,
                _ => enc,
            };
            (enc, strip_bom(bytes, enc))
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors && matches!(choice, EncodingChoice::Named(_)) {
        let (guess, _) = detect(bytes);
        return Err(crate::t!(
            "cfg-the-file-is-not-valid-it",
            a0 = (encoding.name()).to_string(),
            a1 = (guess.name()).to_string(),
            a2 = (guess.name().to_ascii_lowercase()).to_string()
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding,
    })
}

/// Refuses a named encoding the bytes plainly are not in: a file that is valid UTF-8
/// with non-ASCII text, or UTF-16 by its BOM or NUL pattern, read as something else;
/// or a file named UTF-16 that has neither. Decoding it anyway would import mojibake
/// ("慮敭測瑯獥…") without a single invalid sequence.
pub fn check_named(bytes: &[u8], named: &'static Encoding) -> Result<(), String> {
    let utf16 = named == UTF_16LE || named == UTF_16BE;
    let (likely, body) = detect(bytes);
    let refuse = |likely: &'static Encoding| {
        Err(crate::t!(
            "cfg-the-file-does-not-look-like",
            a0 = (named.name()).to_string(),
            a1 = (likely.name()).to_string(),
            a2 = (likely.name().to_ascii_lowercase()).to_string()
        ))
    };
    let likely_utf16 = likely == UTF_16LE || likely == UTF_16BE;
    if utf16 {
        return if likely_utf16 { Ok(()) } else { refuse(likely) };
    }
    if likely_utf16 {
        return refuse(likely);
    }
    if named != UTF_8 && likely == UTF_8 && !body.is_ascii() {
        return refuse(UTF_8);
    }
    Ok(())
}

/// The encoding the bytes are most likely in, and the bytes without any BOM.
pub fn detect(bytes: &[u8]) -> (&'static Encoding, &[u8]) {
    if let Some((enc, len)) = sniff_bom(bytes) {
        return (enc, &bytes[len..]);
    }
    if let Some(enc) = utf16_by_nuls(bytes) {
        return (enc, bytes);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, bytes);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    (detector.guess(None, chardetng::Utf8Detection::Deny), bytes)
}

fn sniff_bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

fn strip_bom<'a>(bytes: &'a [u8], enc: &'static Encoding) -> &'a [u8] {
    match sniff_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
        _ => bytes,
    }
}

/// UTF-16 written without a BOM shows as ASCII with a NUL in every other byte.
fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd * 10 >= pairs * 4 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 4 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_nul_patterns_pick_the_encoding() {
        let le: Vec<u8> = "name,phone\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(detect(&le).0, UTF_16LE);
        let be: Vec<u8> = "name,phone\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(detect(&be).0, UTF_16BE);
        let bom = b"\xEF\xBB\xBFname";
        let d = decode(bom.to_vec(), EncodingChoice::Auto).unwrap();
        assert_eq!(d.text, "name");
    }

    #[test]
    fn gbk_is_detected_and_refused_as_utf8() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,公司\n张三,北京示例科技有限公司\n");
        let d = decode(gbk.to_vec(), EncodingChoice::Auto).unwrap();
        assert!(d.text.contains("北京示例科技有限公司"), "{}", d.text);
        let err = decode(gbk.to_vec(), EncodingChoice::parse("utf-8").unwrap()).unwrap_err();
        assert!(err.contains("--encoding"), "{err}");
    }

    #[test]
    fn a_named_encoding_the_file_is_not_in_is_refused_with_the_likely_one() {
        let utf8 = "name,company\nZhang San,北京示例科技有限公司\n"
            .as_bytes()
            .to_vec();
        let named = |l: &str| EncodingChoice::parse(l).unwrap();
        let err = decode(utf8.clone(), named("utf-16")).unwrap_err();
        assert!(
            err.contains("UTF-16") && err.contains("--encoding utf-8"),
            "{err}"
        );
        let err = decode(utf8.clone(), named("gbk")).unwrap_err();
        assert!(err.contains("--encoding utf-8"), "{err}");
        let le: Vec<u8> = "name\n张三\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let err = decode(le.clone(), named("gbk")).unwrap_err();
        assert!(err.contains("UTF-16LE"), "{err}");
        assert_eq!(decode(le, named("utf-16")).unwrap().text, "name\n张三\n");
        // Plain ASCII reads the same in all of them.
        assert!(decode(b"name\nAcme\n".to_vec(), named("gbk")).is_ok());
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名\n张三\n");
        assert!(decode(gbk.to_vec(), named("gbk")).is_ok());
    }

    #[test]
    fn labels_parse() {
        for l in [
            "auto",
            "UTF-8",
            "utf16",
            "gbk",
            "GB18030",
            "shift_jis",
            "sjis",
        ] {
            assert!(EncodingChoice::parse(l).is_ok(), "{l}");
        }
        assert!(EncodingChoice::parse("klingon").is_err());
    }
}
