//! `--help` in the chosen language. clap's texts come from the doc comments in English;
//! for another language the command tree is walked and each subcommand's one-line about,
//! the headings and the usage line are replaced from the catalog. Option help texts stay
//! in English (clap has no catalog of its own, and they name flags and formats verbatim).

use clap::CommandFactory;

use super::Cli;
use crate::i18n::{Lang, lang, tr};

/// The command line as clap parses it, its help in the current language.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command();
    if lang() == Lang::En {
        return cmd;
    }
    // Built first, so clap's own help flag and help subcommand are there to be translated.
    cmd.build();
    localise(cmd, "")
}

fn localise(mut cmd: clap::Command, path: &str) -> clap::Command {
    let key = if path.is_empty() {
        "help-about".to_string()
    } else {
        format!("help-cmd-{path}")
    };
    let mut about = tr(&key, &[]);
    if about == key && cmd.get_name() == "help" {
        about = tr("help-cmd-help", &[]);
    }
    if about != key {
        cmd = cmd.about(about.clone()).long_about(if path.is_empty() {
            tr("help-long-about", &[])
        } else {
            about
        });
    }
    cmd = cmd
        .subcommand_help_heading(leak(tr("help-commands", &[])))
        .help_template(tr("help-template", &[]));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}-{name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localise(s, &sub_path));
    }
    let options = leak(tr("help-options", &[]));
    let arguments = leak(tr("help-arguments", &[]));
    let positionals: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.get_help_heading().is_none() && a.is_positional())
        .map(|a| a.get_id().to_string())
        .collect();
    for id in positionals {
        cmd = cmd.mut_arg(&id, |a| a.help_heading(arguments));
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.get_help_heading().is_none() && !a.is_positional())
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = match id.as_str() {
            "help" => Some(tr("help-flag", &[])),
            "version" => Some(tr("help-version", &[])),
            _ => None,
        };
        cmd = cmd.mut_arg(&id, |a| {
            let a = a.help_heading(options);
            match help {
                Some(h) => a.help(h.clone()).long_help(h),
                None => a,
            }
        });
    }
    cmd
}

/// clap keeps headings as `&'static str`; these few short strings live for the run.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}
