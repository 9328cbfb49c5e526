//! Placing a call: the configured dial command, run detached with the number, or the
//! number copied to the clipboard through the terminal (OSC 52, which works over SSH).

use std::process::{Child, Command, Stdio};

use crate::error::{Error, Result};

/// A dial command started and not yet seen to end.
#[derive(Debug)]
pub struct Dialling {
    pub child: Child,
    /// The program's name, for the message if it fails.
    pub program: String,
    pub phone: String,
}

/// Splits `template` into words (single and double quotes group, as in a shell, but
/// nothing is expanded) and puts `phone` where `{phone}` stands. The number is always one
/// argument, whatever it holds, so a stored number can never become a command.
pub fn command_line(template: &str, phone: &str) -> Result<Vec<String>> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in template.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if quote.is_some() {
        return Err(Error::invalid(format!(
            "dial.command has an unclosed quote: {template}"
        )));
    }
    if in_word {
        words.push(word);
    }
    if words.is_empty() {
        return Err(Error::invalid(
            "dial.command is empty: set it (\"linphonecsh dial {phone}\") or remove it to copy numbers instead",
        ));
    }
    if !words.iter().any(|w| w.contains("{phone}")) {
        return Err(Error::invalid(format!(
            "dial.command '{template}' has no {{phone}}: put {{phone}} where the number goes"
        )));
    }
    Ok(words
        .into_iter()
        .map(|w| w.replace("{phone}", phone))
        .collect())
}

/// Starts the dial command for `phone` without waiting for it.
pub fn start(template: &str, phone: &str) -> Result<Dialling> {
    let words = command_line(template, phone)?;
    let program = words[0].clone();
    let child = Command::new(&program)
        .args(&words[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            Error::invalid(format!(
                "cannot run the dial command '{program}': {e}; fix dial.command in the config (calldeck config path)"
            ))
        })?;
    Ok(Dialling {
        child,
        program,
        phone: phone.to_string(),
    })
}

/// Whether the dial command has ended, and if it failed, why (a message line).
pub fn check(d: &mut Dialling) -> Option<std::result::Result<(), String>> {
    match d.child.try_wait() {
        Ok(None) => None,
        Ok(Some(status)) if status.success() => Some(Ok(())),
        Ok(Some(status)) => Some(Err(format!(
            "The dial command '{}' failed for {} ({status}): check dial.command, or dial by hand",
            d.program, d.phone
        ))),
        Err(e) => Some(Err(format!(
            "Cannot tell whether the dial command '{}' worked: {e}",
            d.program
        ))),
    }
}

/// The terminal sequence that puts `text` on the clipboard (OSC 52).
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_is_one_argument_wherever_it_stands() {
        assert_eq!(
            command_line("linphonecsh dial {phone}", "+44 7877 085110").unwrap(),
            ["linphonecsh", "dial", "+44 7877 085110"]
        );
        assert_eq!(
            command_line("xdg-open tel:{phone}", "0787").unwrap(),
            ["xdg-open", "tel:0787"]
        );
        assert_eq!(
            command_line("sh -c 'echo \"$1\" > out' dial {phone}", "1; rm -rf ~").unwrap(),
            ["sh", "-c", "echo \"$1\" > out", "dial", "1; rm -rf ~"]
        );
    }

    #[test]
    fn a_command_without_the_number_or_with_a_stray_quote_is_refused() {
        let e = command_line("linphonecsh dial", "1")
            .unwrap_err()
            .to_string();
        assert!(e.contains("{phone}"), "{e}");
        let e = command_line("sh -c 'oops {phone}", "1")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unclosed quote"), "{e}");
    }

    #[test]
    fn osc52_encodes_the_number_in_base64() {
        assert_eq!(osc52("0787"), "\x1b]52;c;MDc4Nw==\x07");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"abc"), "YWJj");
        assert_eq!(base64(b""), "");
    }

    #[test]
    fn a_failing_command_is_reported() {
        let mut d = start("sh -c 'exit 3' {phone}", "123").unwrap();
        let outcome = loop {
            if let Some(r) = check(&mut d) {
                break r;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        let e = outcome.unwrap_err();
        assert!(e.contains("failed for 123"), "{e}");
        let e = start("no-such-dialer-here {phone}", "1").unwrap_err();
        assert!(e.to_string().contains("cannot run the dial command"), "{e}");
    }
}
