//! Pure helpers on text that every layer may use: dates, typography, JSON strings.

pub mod date;
pub mod json;
pub mod typography;
