//! Writing files so that a reader never sees half of one, and a failure
//! leaves the old file as it was: the new text goes to a temporary file in
//! the same folder, which is then renamed over the old one (a rename within
//! one file system replaces the name in one step).

use std::io::Write;
use std::path::{Path, PathBuf};

/// A temporary name beside `path`, hidden and unique to this process.
fn temporary(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Writes `text` to a temporary file beside `path`, flushed to disk.
fn stage(path: &Path, text: &[u8]) -> std::io::Result<PathBuf> {
    let tmp = temporary(path);
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(text)?;
        file.sync_all()
    })();
    match written {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Replaces each file with its text (or bytes): every text is written
/// beside its file first, and only when all are written are they renamed
/// into place. When any write fails, nothing is replaced.
pub(crate) fn replace_all<T: AsRef<[u8]>>(files: &[(&Path, T)]) -> Result<(), String> {
    let mut staged = Vec::with_capacity(files.len());
    for (path, text) in files {
        match stage(path, text.as_ref()) {
            Ok(tmp) => staged.push((tmp, *path)),
            Err(e) => {
                for (tmp, _) in &staged {
                    let _ = std::fs::remove_file(tmp);
                }
                return Err(format!("{}: {e}", path.display()));
            }
        }
    }
    for (i, (tmp, path)) in staged.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            for (rest, _) in &staged[i..] {
                let _ = std::fs::remove_file(rest);
            }
            return Err(format!("{}: {e}", path.display()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_replaces_nothing() {
        let dir = std::env::temp_dir().join(format!("salesplan-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let plan = dir.join("plan.json");
        std::fs::write(&plan, "old").unwrap();
        // The second file's folder does not exist: its write fails.
        let missing = dir.join("no-such-folder").join("history.json");
        let files = [
            (plan.as_path(), "new".to_owned()),
            (missing.as_path(), "h".to_owned()),
        ];
        assert!(replace_all(&files).is_err());
        assert_eq!(std::fs::read_to_string(&plan).unwrap(), "old");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");

        replace_all(&[(plan.as_path(), "new".to_owned())]).unwrap();
        assert_eq!(std::fs::read_to_string(&plan).unwrap(), "new");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
