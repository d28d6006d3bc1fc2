//! The site's shape: the pages it has, their paths and URLs, their versions in each language.

pub mod pages;
pub mod urls;
