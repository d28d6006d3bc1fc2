//! Pure helpers on text that every layer may use: dates, typography, JSON strings, the HTML
//! tag scanner.

pub(crate) mod date;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod typography;
pub(crate) mod words;
