//! Every file calldeck writes besides its database (exports, reports, calendars, backups):
//! private to the owner from the first byte, written under a temporary name in the target
//! folder and moved into place only when complete, so a failed or interrupted write leaves
//! nothing behind, and an existing file or a symlink is never followed or replaced unless
//! the user said `--force`.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` as above.
pub fn write_private(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    write_private_with(path, force, |tmp| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(tmp)
            .map_err(|e| Error::io("cannot write", path, e))?;
        f.write_all(bytes)
            .and_then(|_| f.sync_all())
            .map_err(|e| Error::io("cannot write", path, e))
    })
}

/// Makes an empty private file under a temporary name beside `path`, lets `fill` write it,
/// then moves it to `path`. `fill` gets the temporary path.
pub fn write_private_with(
    path: &Path,
    force: bool,
    fill: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    check_target(path, force)?;
    let tmp = temp_sibling(path, "part");
    create_private(&tmp).map_err(|e| Error::io("cannot write", path, e))?;
    let done = fill(&tmp).and_then(|()| place(&tmp, path, force));
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut p = tmp.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    done
}

fn check_target(path: &Path, force: bool) -> Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Err(Error::invalid(format!(
            "{} is a folder: give a file name to write",
            path.display()
        )));
    }
    if force {
        return Ok(());
    }
    let what = if meta.file_type().is_symlink() {
        "is a symbolic link"
    } else {
        "already exists"
    };
    Err(Error::invalid(format!(
        "{} {what}: give a new file name, or add --force to replace it",
        path.display()
    )))
}

fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(|_| ())
}

/// Moves the finished file into place: a hard link when nothing may be replaced (it fails
/// rather than overwrite a file that appeared meanwhile), a rename with --force (which
/// replaces a symlink itself, never the file it points to).
fn place(tmp: &Path, path: &Path, force: bool) -> Result<()> {
    let placed = if force {
        std::fs::rename(tmp, path)
    } else {
        match std::fs::hard_link(tmp, path) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return check_target(path, false);
            }
            // File systems without hard links: check again and rename.
            Err(_) if std::fs::symlink_metadata(path).is_err() => std::fs::rename(tmp, path),
            other => other,
        }
    };
    placed.map_err(|e| Error::io("cannot write", path, e))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

/// `.NAME.WHAT-PID-N` in the folder of `path`: the same file system, so moving it into
/// place is atomic, and a dot name that listings hide while it is written.
pub fn temp_sibling(path: &Path, what: &str) -> PathBuf {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "calldeck".to_string());
    path.with_file_name(format!(".{name}.{what}-{}-{n}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_new_file_is_private_and_complete_with_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_private(&path, b"name\nAcme\n", false).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"name\nAcme\n");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(names(dir.path()), vec!["out.csv"]);
    }

    #[test]
    fn an_existing_file_or_symlink_is_kept_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, b"old").unwrap();
        let err = write_private(&path, b"new", false).unwrap_err().to_string();
        assert!(
            err.contains("already exists") && err.contains("--force"),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"old");

        let secret = dir.path().join("secret");
        std::fs::write(&secret, b"keep me").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        let err = write_private(&link, b"new", false).unwrap_err().to_string();
        assert!(err.contains("is a symbolic link"), "{err}");
        // Forced: the link itself is replaced; the file it pointed to is untouched.
        write_private(&link, b"new", true).unwrap();
        assert_eq!(std::fs::read(&secret).unwrap(), b"keep me");
        assert!(
            !std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&link).unwrap(), b"new");
        write_private(&path, b"new", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(names(dir.path()), vec!["link.csv", "out.csv", "secret"]);
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.xlsx");
        let err = write_private_with(&path, false, |tmp| {
            std::fs::write(tmp, b"half a fi").unwrap();
            Err(Error::invalid("the disk is full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "the disk is full");
        assert!(names(dir.path()).is_empty());
        let missing = dir.path().join("no/such/folder/x.csv");
        assert!(write_private(&missing, b"x", false).is_err());
        assert!(names(dir.path()).is_empty());
    }
}
