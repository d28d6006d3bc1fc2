//! The site's shape: the pages it has, their paths and URLs, the links between them.

pub mod urls;
