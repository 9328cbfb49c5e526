//! TLS to the server as libpq's `sslmode` asks: `disable`; `allow`/`prefer` (the default:
//! encrypted when the server offers it); `require` (always encrypted, the certificate not
//! checked, as libpq does); `verify-ca` (signed by `sslrootcert`, or by a root the system
//! trusts); `verify-full` (that, and issued to the host named).

use std::str::FromStr;

use postgres::config::SslMode;

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tls {
    pub mode: Mode,
    pub root_cert: Option<String>,
}

impl Tls {
    pub(crate) fn ssl_mode(&self) -> SslMode {
        match self.mode {
            Mode::Disable => SslMode::Disable,
            Mode::Prefer => SslMode::Prefer,
            _ => SslMode::Require,
        }
    }

    pub(crate) fn connect(
        &self,
        config: &postgres::Config,
    ) -> std::result::Result<postgres::Client, postgres::Error> {
        if self.mode == Mode::Disable {
            return config.connect(postgres::NoTls);
        }
        match self.connector() {
            Ok(tls) => config.connect(tls),
            // A connector that cannot be built (an unreadable root certificate) is told
            // as the connection failing, with the reason.
            Err(e) => config.connect(FailingTls(e)),
        }
    }

    fn connector(&self) -> std::result::Result<postgres_native_tls::MakeTlsConnector, String> {
        let mut b = native_tls::TlsConnector::builder();
        match self.mode {
            Mode::Prefer | Mode::Require => {
                b.danger_accept_invalid_certs(true);
                b.danger_accept_invalid_hostnames(true);
            }
            Mode::VerifyCa => {
                b.danger_accept_invalid_hostnames(true);
            }
            Mode::VerifyFull | Mode::Disable => {}
        }
        if let Some(path) = &self.root_cert {
            let pem = std::fs::read(path).map_err(|e| format!("sslrootcert {path}: {e}"))?;
            let cert = native_tls::Certificate::from_pem(&pem)
                .map_err(|e| format!("sslrootcert {path}: {e}"))?;
            b.add_root_certificate(cert);
        }
        let c = b.build().map_err(|e| e.to_string())?;
        Ok(postgres_native_tls::MakeTlsConnector::new(c))
    }
}

/// Stands in for a connector that could not be made, so the failure reads as one.
struct FailingTls(String);

impl<S> postgres::tls::MakeTlsConnect<S> for FailingTls {
    type Stream = postgres::tls::NoTlsStream;
    type TlsConnect = postgres::tls::NoTls;
    type Error = Box<dyn std::error::Error + Sync + Send>;

    fn make_tls_connect(&mut self, _: &str) -> std::result::Result<Self::TlsConnect, Self::Error> {
        Err(self.0.clone().into())
    }
}

/// The address without `sslmode` and `sslrootcert` (taken here, since the driver knows
/// only three modes and no root certificate), and the TLS they ask for.
pub(crate) fn take_tls_options(addr: &str, shown: &str) -> Result<(String, Tls)> {
    let mut tls = Tls {
        mode: Mode::Prefer,
        root_cert: std::env::var("PGSSLROOTCERT")
            .ok()
            .filter(|v| !v.is_empty()),
    };
    if let Ok(m) = std::env::var("PGSSLMODE")
        && !m.is_empty()
    {
        tls.mode = mode(&m, shown)?;
    }
    let mut take = |key: &str, value: &str| -> Result<bool> {
        match key {
            "sslmode" => tls.mode = mode(value, shown)?,
            "sslrootcert" => tls.root_cert = Some(value.to_string()),
            _ => return Ok(false),
        }
        Ok(true)
    };
    let rest = if let Some((base, query)) = addr.split_once('?')
        && addr.contains("://")
    {
        let mut kept = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            if !take(&k.to_ascii_lowercase(), v)? {
                kept.push(pair);
            }
        }
        if kept.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", kept.join("&"))
        }
    } else if addr.contains("://") {
        addr.to_string()
    } else {
        let mut kept = Vec::new();
        for word in addr.split_whitespace() {
            let (k, v) = word.split_once('=').unwrap_or((word, ""));
            if !take(&k.to_ascii_lowercase(), v)? {
                kept.push(word);
            }
        }
        kept.join(" ")
    };
    // Checked here so a bad address is told before any connection is tried.
    postgres::Config::from_str(&rest).map_err(|e| {
        Error::usage(format!(
            "--db {shown} is not a PostgreSQL address ({e}): write postgres://user@host:port/dbname"
        ))
    })?;
    Ok((rest, tls))
}

fn mode(value: &str, shown: &str) -> Result<Mode> {
    Ok(match value {
        "disable" => Mode::Disable,
        "allow" | "prefer" => Mode::Prefer,
        "require" => Mode::Require,
        "verify-ca" => Mode::VerifyCa,
        "verify-full" => Mode::VerifyFull,
        other => {
            return Err(Error::usage(format!(
                "--db {shown}: sslmode '{other}' is not one of disable, allow, prefer, require, verify-ca, verify-full"
            )));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sslmode_and_root_cert_are_taken_out_of_both_address_forms() {
        let (rest, tls) = take_tls_options(
            "postgres://chen@db/sales?sslmode=verify-full&sslrootcert=/etc/ca.pem&application_name=x",
            "",
        )
        .unwrap();
        assert_eq!(rest, "postgres://chen@db/sales?application_name=x");
        assert_eq!(tls.mode, Mode::VerifyFull);
        assert_eq!(tls.root_cert.as_deref(), Some("/etc/ca.pem"));
        let (rest, tls) = take_tls_options("host=db sslmode=require dbname=sales", "").unwrap();
        assert_eq!(
            (rest.as_str(), tls.mode),
            ("host=db dbname=sales", Mode::Require)
        );
        let err = take_tls_options("postgres://db/x?sslmode=maybe", "")
            .unwrap_err()
            .to_string();
        assert!(err.contains("'maybe'"), "{err}");
    }
}
