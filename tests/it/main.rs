//! The integration tests: one binary that drives the real `dossier` executable against fixture
//! sites under `tests/fixtures/` and the repository's own dossier.

#![allow(
    clippy::disallowed_methods,
    reason = "tests make and read sites on disk"
)]

mod abstracts;
mod actors;
mod build;
mod check;
mod cli;
mod content;
mod credits;
mod engine;
mod epub;
mod errors;
mod figures;
mod formats;
mod hostile;
mod import;
mod init;
mod layers;
mod limits;
mod lists;
mod load;
mod markup;
mod migrate;
mod output;
mod pages;
mod paths;
mod props;
mod publish;
mod real_sites;
mod redirects;
mod serve;
mod sharing;
mod status;
mod support;
