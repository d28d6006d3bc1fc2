//! Pure helpers on text that every layer may use: dates, typography, JSON strings.

pub(crate) mod date;
pub(crate) mod json;
pub(crate) mod typography;
