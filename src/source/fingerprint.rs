//! The fingerprint of everything a build reads: the site's text (config, articles, templates),
//! the files it copies (`static/`, and the files of `content/` that are not articles) known by
//! their size, date and inode as `make` knows them, the program itself, and the options the
//! caller gives. Two builds with the same fingerprint write the same site (the output does not
//! depend on the clock), so `dossier build` can tell that an output is up to date without
//! rendering it again.

use std::hash::{BuildHasher, Hash, Hasher};
use std::path::Path;

use crate::model::SiteSources;

/// Two hashers with fixed, different keys: a 128-bit fingerprint, the same from one run of
/// the same program to the next (the program is part of what is hashed, so a new version of
/// the hash function cannot match an old fingerprint).
fn hashers() -> [ahash::AHasher; 2] {
    [
        ahash::RandomState::with_seeds(0x6f75_7470, 0x7574_2d31, 0x646f_7373, 0x6965_722d)
            .build_hasher(),
        ahash::RandomState::with_seeds(0x7374_616d, 0x702d_3232, 0x6669_6e67, 0x6572_2d32)
            .build_hasher(),
    ]
}

/// The fingerprint of `sources`, the running program and `options` (whatever else changes the
/// output: the command line's base URL, drafts), as 32 hex digits. A copied file that cannot be
/// looked at counts as changed at every call.
pub fn fingerprint(sources: &SiteSources, options: &[impl AsRef<str>]) -> String {
    let mut hashers = hashers();
    let mut feed = |value: &dyn Fn(&mut ahash::AHasher)| hashers.iter_mut().for_each(value);
    feed(&|h| env!("CARGO_PKG_VERSION").hash(h));
    let program = std::env::current_exe().ok();
    feed(&|h| state_of(program.as_deref()).hash(h));
    feed(&|h| options.iter().for_each(|o| o.as_ref().hash(h)));
    feed(&|h| (&sources.config, &sources.actors).hash(h));
    for file in sources.articles.iter().chain(&sources.templates) {
        feed(&|h| {
            file.path.hash(h);
            file.text.hash(h);
        });
    }
    feed(&|h| (sources.articles.len(), sources.static_files.len()).hash(h));
    for (path, source) in sources.static_files.iter().chain(&sources.content_files) {
        let state = file_state(source);
        feed(&|h| {
            path.hash(h);
            state.hash(h);
        });
    }
    let [a, b] = hashers;
    format!("{:016x}{:016x}", a.finish(), b.finish())
}

/// A file's size, modification time (nanoseconds) and inode, as `make` knows it: another
/// when it was edited or replaced; unique (never equal to another call's) when the file
/// cannot be looked at.
pub fn file_state(path: &Path) -> (u64, u128, u64) {
    state_of(Some(path))
}

fn state_of(path: Option<&Path>) -> (u64, u128, u64) {
    let Some(metadata) = path.and_then(|p| std::fs::metadata(p).ok()) else {
        use std::sync::atomic::{AtomicU64, Ordering};
        static UNSEEN: AtomicU64 = AtomicU64::new(0);
        let unique = std::process::id() as u64 ^ UNSEEN.fetch_add(1, Ordering::Relaxed) << 32;
        return (u64::MAX, u128::MAX, unique);
    };
    let modified = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    (metadata.len(), modified, inode(&metadata))
}

#[cfg(unix)]
fn inode(metadata: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(metadata)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFile;

    fn sources() -> SiteSources {
        SiteSources {
            config: "title = \"x\"\n".into(),
            articles: vec![SourceFile {
                path: "content/a/b.fr.md".into(),
                text: "+++\ntitle = \"B\"\n+++\nCorps.\n".into(),
            }],
            ..SiteSources::default()
        }
    }

    #[test]
    fn the_same_sources_give_the_same_fingerprint_and_any_change_another() {
        let base = fingerprint(&sources(), &["drafts=false"]);
        assert_eq!(base.len(), 32);
        assert_eq!(base, fingerprint(&sources(), &["drafts=false"]));
        assert_ne!(base, fingerprint(&sources(), &["drafts=true"]));
        let mut edited = sources();
        edited.articles[0].text.push('!');
        assert_ne!(base, fingerprint(&edited, &["drafts=false"]));
        let mut renamed = sources();
        renamed.articles[0].path = "content/a/c.fr.md".into();
        assert_ne!(base, fingerprint(&renamed, &["drafts=false"]));
        let mut template = sources();
        template.templates.push(SourceFile {
            path: "templates/page.html".into(),
            text: String::new(),
        });
        assert_ne!(base, fingerprint(&template, &["drafts=false"]));
        let mut config = sources();
        config.config.push('\n');
        assert_ne!(base, fingerprint(&config, &["drafts=false"]));
    }

    #[test]
    fn a_copied_file_counts_by_its_state_and_an_unreadable_one_as_always_new() {
        let dir = std::env::temp_dir().join(format!("dossier-fingerprint-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let logo = dir.join("logo.svg");
        std::fs::write(&logo, "<svg/>").unwrap();
        let mut with_logo = sources();
        with_logo
            .static_files
            .push(("logo.svg".into(), logo.clone()));
        let before = fingerprint(&with_logo, &[""]);
        assert_eq!(before, fingerprint(&with_logo, &[""]));
        std::fs::write(&logo, "<svg></svg>").unwrap();
        assert_ne!(before, fingerprint(&with_logo, &[""]));
        std::fs::remove_dir_all(&dir).unwrap();
        let gone = fingerprint(&with_logo, &[""]);
        assert_ne!(gone, fingerprint(&with_logo, &[""]));
    }
}
