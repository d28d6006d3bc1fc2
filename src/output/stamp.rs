//! The stamp beside the output (`.public.dossier-stamp` for `public/`): what the site in the
//! output was built from (a fingerprint of its inputs, made by the caller), the state of the
//! output's files once it was in place (each one's path, size, date and inode, and the
//! folder's own inode), and the caller's report of that build. A build whose inputs have the
//! same fingerprint, over an output still in that state, has nothing to write, so `dossier
//! build` does nothing when nothing changed, as `make` does.
//!
//! The stamp is written after the output was exchanged, through a temporary file and a rename.
//! A build killed before that leaves the previous stamp, which describes another folder (the
//! previous output, now the spare: another inode), so the next build builds. An output changed
//! by hand, by `dossier build --watch` or by anything else no longer matches its stamp either.

use std::fs;
use std::hash::{BuildHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};

/// The first line of a stamp, naming its format.
const HEADER: &str = "dossier build stamp 1";

/// The stamp of the output at `output`.
fn stamp_path(output: &Path) -> PathBuf {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    parent.join(format!(".{name}.dossier-stamp"))
}

/// The report kept with the output at `output`, when it was built from inputs with the
/// fingerprint `inputs` and none of its files changed since: the build has nothing to do.
pub fn up_to_date(output: &Path, inputs: &str) -> Option<String> {
    let text = fs::read_to_string(stamp_path(output)).ok()?;
    let mut lines = text.splitn(4, '\n');
    (lines.next()? == HEADER).then_some(())?;
    (lines.next()?.strip_prefix("inputs ")? == inputs).then_some(())?;
    let tree = lines.next()?.strip_prefix("tree ")?.to_string();
    let report = lines.next()?.to_string();
    (state_of(output).ok()? == tree).then_some(report)
}

/// Records that the output at `output`, as it is now, was built from inputs with the
/// fingerprint `inputs`, with `report` to give back when nothing changed.
pub fn write_stamp(output: &Path, inputs: &str, report: &str) -> Result<()> {
    let path = stamp_path(output);
    let text = format!(
        "{HEADER}\ninputs {inputs}\ntree {}\n{report}",
        state_of(output)?
    );
    // Not synced: neither are the output's files, whose state it records.
    let temporary = super::spare::temporary(&path);
    fs::write(&temporary, text).map_err(|e| Error::io(&temporary, &e))?;
    fs::rename(&temporary, &path).map_err(|e| Error::io(&path, &e))
}

/// The state of the folder at `root` and of every file under it, as 32 hex digits: each file's
/// path, size, modification time and inode (a file changed, added, removed or replaced), and
/// the folder's own inode (another tree moved to its name).
fn state_of(root: &Path) -> Result<String> {
    let (mut files, _) = super::spare::walk(root, &|path, entry| {
        let metadata = entry.metadata().map_err(|e| Error::io(&entry.path(), &e))?;
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        Ok((path, metadata.len(), modified, inode(&metadata)))
    })?;
    files.par_sort_unstable();
    let mut hashers = [
        ahash::RandomState::with_seeds(1, 2, 3, 4).build_hasher(),
        ahash::RandomState::with_seeds(5, 6, 7, 8).build_hasher(),
    ];
    let folder = fs::metadata(root).map_err(|e| Error::io(root, &e))?;
    for hasher in &mut hashers {
        inode(&folder).hash(hasher);
        files.hash(hasher);
    }
    let [a, b] = hashers;
    Ok(format!("{:016x}{:016x}", a.finish(), b.finish()))
}

#[cfg(unix)]
fn inode(metadata: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(metadata)
}

#[cfg(not(unix))]
fn inode(_: &fs::Metadata) -> u64 {
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dossier-stamp-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("public/a")).unwrap();
        fs::write(dir.join("public/a/index.html"), "<p>a</p>").unwrap();
        fs::write(dir.join("public/index.html"), "<p>home</p>").unwrap();
        dir
    }

    #[test]
    fn an_output_is_up_to_date_for_the_same_inputs_until_a_file_changes() {
        let dir = folder("same");
        let output = dir.join("public");
        assert_eq!(up_to_date(&output, "f1"), None, "no stamp yet");
        write_stamp(&output, "f1", "{\"pages\":2}").unwrap();
        assert!(dir.join(".public.dossier-stamp").is_file());
        assert_eq!(up_to_date(&output, "f1").as_deref(), Some("{\"pages\":2}"));
        assert_eq!(up_to_date(&output, "f2"), None, "other inputs");
        fs::write(output.join("extra.html"), "x").unwrap();
        assert_eq!(up_to_date(&output, "f1"), None, "a file added");
        fs::remove_file(output.join("extra.html")).unwrap();
        assert!(up_to_date(&output, "f1").is_some(), "and removed again");
        fs::write(output.join("a/index.html"), "<p>b</p>").unwrap();
        assert_eq!(up_to_date(&output, "f1"), None, "a file rewritten");
        write_stamp(&output, "f1", "r").unwrap();
        fs::remove_file(output.join("a/index.html")).unwrap();
        assert_eq!(up_to_date(&output, "f1"), None, "a file removed");
        write_stamp(&output, "f1", "r").unwrap();
        fs::remove_file(dir.join(".public.dossier-stamp")).unwrap();
        assert_eq!(up_to_date(&output, "f1"), None, "the stamp removed");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn another_folder_moved_to_the_output_s_name_is_not_up_to_date() {
        let dir = folder("moved");
        let output = dir.join("public");
        write_stamp(&output, "f1", "r").unwrap();
        // The same files, linked into another folder that takes the output's place.
        let other = dir.join("other");
        fs::create_dir_all(other.join("a")).unwrap();
        for file in ["index.html", "a/index.html"] {
            fs::hard_link(output.join(file), other.join(file)).unwrap();
        }
        fs::rename(&output, dir.join("old")).unwrap();
        fs::rename(&other, &output).unwrap();
        assert_eq!(up_to_date(&output, "f1"), None);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_stamp_of_another_format_is_not_read() {
        let dir = folder("format");
        let output = dir.join("public");
        write_stamp(&output, "f1", "r").unwrap();
        let path = dir.join(".public.dossier-stamp");
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, text.replace(HEADER, "dossier build stamp 0")).unwrap();
        assert_eq!(up_to_date(&output, "f1"), None);
        fs::remove_dir_all(&dir).unwrap();
    }
}
