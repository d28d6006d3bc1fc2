//! The command line: every command, option and flag, defined once (clap's derive), so that
//! the parser, `--help`, the shell completions and the man page always agree. The short flags
//! follow Zola and Hugo where they agree (`-r`, `-o`, `-u` with Hugo's `-b`, `-p`, `-i`, `-O`,
//! `-D`, `-j`). Running a parsed command is [`run`]'s business.

mod run;

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

pub use run::main;

#[derive(Parser, Debug)]
#[command(
    name = "dossier",
    version,
    about = "Builds bilingual briefing dossiers into static sites",
    after_help = "`dossier help COMMAND` or `dossier COMMAND --help` says more about one command."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Say more: every warning in full, and the time and memory of each build phase.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Say less: errors only, no warnings and no summary.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// The site root, shared by every command that reads a site.
#[derive(Args, Debug, Clone)]
pub struct Root {
    /// The site root, holding config.toml and content/.
    #[arg(short, long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

#[derive(Args, Debug, Clone)]
pub struct Drafts {
    /// Include articles marked draft = true.
    #[arg(short = 'D', long)]
    pub drafts: bool,
}

#[derive(Args, Debug, Clone)]
pub struct BaseUrl {
    /// Override base_url from config.toml (for project sites and preview deploys).
    #[arg(short = 'u', long, short_alias = 'b', value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder.
    Build {
        #[command(flatten)]
        root: Root,
        /// Where to write the site (default: public/ under the root).
        #[arg(short, long, value_name = "DIR")]
        output_dir: Option<PathBuf>,
        #[command(flatten)]
        base_url: BaseUrl,
        #[command(flatten)]
        drafts: Drafts,
        /// Keep running, and rebuild the output after every change.
        #[arg(short, long)]
        watch: bool,
        /// How many threads to build with (default: one per core). The output is the same
        /// whatever the number.
        #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// Build even when nothing changed since the build that wrote the output (the same
        /// sources, program and options, and the output's files as that build left them),
        /// which is otherwise left as it is.
        #[arg(short, long)]
        force: bool,
    },
    /// Check links, anchors, files, translations and front matter, writing nothing.
    Check {
        #[command(flatten)]
        root: Root,
        #[command(flatten)]
        base_url: BaseUrl,
        #[command(flatten)]
        drafts: Drafts,
    },
    /// Preview the site from memory, reloading open pages on every change.
    Serve {
        #[command(flatten)]
        root: Root,
        /// The address to listen on.
        #[arg(short, long, default_value = "127.0.0.1", value_name = "ADDR")]
        interface: IpAddr,
        /// The port (default: 1111, or the next free one).
        #[arg(short, long, value_name = "N")]
        port: Option<u16>,
        /// Open the site in the system's web browser once it is served.
        #[arg(short = 'O', long)]
        open: bool,
        #[command(flatten)]
        drafts: Drafts,
    },
    /// List every article's languages, missing translations and stale ones.
    #[command(
        long_about = "List every article with its languages, the translations missing and those that are stale (their source changed after they were marked up to date)."
    )]
    Status {
        #[command(flatten)]
        root: Root,
        /// `text`: a table with totals; `json`: the same, stable, for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Record that this translation is up to date with its source as it is now.
        #[arg(long, value_name = "FILE")]
        mark_translated: Option<PathBuf>,
        #[command(flatten)]
        drafts: Drafts,
    },
    /// Start a new article, or the translation of one, as a draft.
    #[command(
        long_about = "Start a new article as a draft: its front matter with today's date, the topic of its folder and `draft = true`. With --translation-of, the translation of an existing article: paired with it, inheriting its date and topics. Never overwrites a file; prints the path and the preview URL."
    )]
    New {
        /// The new file, e.g. content/sanctions/sanctions-2026.fr.md, or a slug with --lang and --topic.
        path: Option<PathBuf>,
        #[command(flatten)]
        root: Root,
        /// The language of the article (a code of the config), when PATH does not say it.
        #[arg(short, long, value_name = "CODE")]
        lang: Option<String>,
        /// The topic of the article (a topic id of the config), when PATH's folder is not one.
        #[arg(short, long, value_name = "TOPIC")]
        topic: Option<String>,
        /// The title (default: made from the file name).
        #[arg(long)]
        title: Option<String>,
        /// Start the translation of this article (needs --lang, or a PATH naming the language).
        #[arg(long, value_name = "FILE")]
        translation_of: Option<PathBuf>,
    },
    /// Turn raw text articles copied from web pages into drafts.
    #[command(
        long_about = "Turn raw text articles (copied from web pages) into drafts: language detected, title taken, paragraphs recovered, page debris left out, topics and the translated article suggested. Writes content/<topic>/<slug>.<lang>.md; never overwrites a file."
    )]
    Import {
        /// The text files to import.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        root: Root,
        /// Print the files that would be written, and write nothing.
        #[arg(short = 'n', long)]
        dry_run: bool,
        /// The language of the files (a code of the config), instead of detecting it.
        #[arg(short, long, value_name = "CODE")]
        lang: Option<String>,
        /// The date of the articles (YYYY-MM-DD), instead of the day of import.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Write a new bilingual dossier into a new or empty folder.
    #[command(
        long_about = "Write a new bilingual dossier (config, both languages, three topics, one article and its translation) into a new or empty folder."
    )]
    Init {
        /// The folder of the new dossier.
        dir: PathBuf,
    },
    /// Make a dossier site out of a Hugo or Zola site.
    #[command(
        long_about = "Make a dossier site out of a Hugo or Zola site: its languages, taxonomies or sections (the topics), menus, pages in any front-matter format, translations, bundles, aliases, shortcodes and static files. Nothing in SRC is modified; DEST must be new or empty (or --force). Says what it could not carry over, with file and line, then checks the new site."
    )]
    Migrate {
        /// The Hugo or Zola site's root.
        src: PathBuf,
        /// The new dossier site's root.
        dest: PathBuf,
        /// The generator SRC was made for (default: told by its configuration file).
        #[arg(long, value_enum)]
        from: Option<From>,
        /// The languages to keep, as codes of SRC (default: French and English).
        #[arg(long, value_delimiter = ',', value_name = "CODES")]
        languages: Vec<String>,
        /// Write into a DEST that is not empty, over the files it has (it says which).
        #[arg(short, long)]
        force: bool,
    },
    /// Write the built-in templates into the site's templates/ to start overrides from.
    #[command(
        long_about = "Write the built-in templates (all, or those named) into the site's templates/ folder, so that an override starts from the real thing. Never overwrites a file: a template the site already has is left as it is."
    )]
    Templates {
        /// The templates to write, e.g. article.html (default: all of them).
        names: Vec<String>,
        #[command(flatten)]
        root: Root,
    },
    /// Print the shell completion script for bash, zsh or fish.
    #[command(
        long_about = "Print the shell completion script for bash, zsh or fish. For bash: `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`."
    )]
    Completions { shell: Shell },
    /// Print the man page (roff), e.g. `dossier man > dossier.1`.
    Man,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum From {
    Hugo,
    Zola,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// The command line's definition, for the completions and the man page.
pub fn command() -> clap::Command {
    Cli::command()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_definition_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn short_flags_follow_the_peers() {
        let cli = Cli::try_parse_from([
            "dossier",
            "build",
            "-r",
            "site",
            "-o",
            "/tmp/x",
            "-b",
            "https://a.b/",
            "-D",
            "-j",
            "2",
        ])
        .expect("parses");
        let Command::Build {
            root,
            output_dir,
            base_url,
            drafts,
            jobs,
            ..
        } = cli.command
        else {
            panic!("not build");
        };
        assert_eq!(root.root, PathBuf::from("site"));
        assert_eq!(output_dir, Some(PathBuf::from("/tmp/x")));
        assert_eq!(base_url.base_url.as_deref(), Some("https://a.b/"));
        assert!(drafts.drafts);
        assert_eq!(jobs, Some(2));
        let cli = Cli::try_parse_from(["dossier", "serve", "-p", "1234", "-i", "::1", "-O", "-q"])
            .expect("parses");
        assert!(cli.quiet);
        let Command::Serve {
            port,
            open,
            interface,
            ..
        } = cli.command
        else {
            panic!("not serve");
        };
        assert_eq!(port, Some(1234));
        assert!(open);
        assert_eq!(interface.to_string(), "::1");
        assert!(Cli::try_parse_from(["dossier", "check", "-v", "-q"]).is_err());
    }
}
