//! Calendar dates as the dossier knows them: validated, ordered, and written out per language.

use std::fmt;

/// A day of the calendar. Articles report days, not instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date, or why it cannot exist (`2019-02-30`).
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, String> {
        if !(1..=12).contains(&month) {
            return Err(format!("impossible date: month {month} does not exist"));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(format!(
                "impossible date {year:04}-{month:02}-{day:02}: that month has {last} days"
            ));
        }
        Ok(Date { year, month, day })
    }

    /// `YYYY-MM-DD` as a person types it (`--date`), or why it is not a date.
    pub fn parse_iso(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [year, month, day] = parts[..] else {
            return Err("write the date as YYYY-MM-DD".into());
        };
        match (year.parse(), month.parse(), day.parse()) {
            (Ok(y), Ok(m), Ok(d)) if year.len() == 4 => Date::new(y, m, d),
            _ => Err("write the date as YYYY-MM-DD".into()),
        }
    }

    /// Today's date (UTC).
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
    }

    /// The calendar date `days` days after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            i32::try_from(year).unwrap_or(1970),
            u8::try_from(month).unwrap_or(1),
            u8::try_from(day).unwrap_or(1),
        )
        .expect("a real date")
    }

    /// Reads the date part of a TOML date or date-time.
    pub fn from_toml(value: &toml::value::Datetime) -> Result<Date, String> {
        match value.date {
            Some(d) => Date::new(i32::from(d.year), d.month, d.day),
            None => Err(format!(
                "`{value}` is a time without a date (write YYYY-MM-DD)"
            )),
        }
    }

    /// `2019-08-05`.
    pub fn iso(&self) -> String {
        let mut iso = String::with_capacity(20);
        self.push_iso(&mut iso);
        iso
    }

    /// RFC 3339 at midnight UTC, as Atom wants.
    pub fn rfc3339(&self) -> String {
        let mut text = String::with_capacity(20);
        self.push_iso(&mut text);
        text.push_str("T00:00:00Z");
        text
    }

    /// `iso`, pushed onto `out` without `format!` (dates are written for every entry of every
    /// list).
    fn push_iso(&self, out: &mut String) {
        match u32::try_from(self.year) {
            Ok(year) if year <= 9999 => push_number(out, year, 4),
            _ => out.push_str(&format!("{:04}", self.year)),
        }
        out.push('-');
        push_number(out, u32::from(self.month), 2);
        out.push('-');
        push_number(out, u32::from(self.day), 2);
    }

    /// Writes the date with a language's pattern: `{day}`, `{month}` (name), `{month_number}`,
    /// `{year}`; `first_day` replaces the number of the first day (`1er` in French).
    pub fn localize(&self, pattern: &str, months: &[String], first_day: Option<&str>) -> String {
        let mut out = String::with_capacity(pattern.len() + 12);
        let mut rest = pattern;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let tail = &rest[start..];
            let Some(end) = tail.find('}') else { break };
            match &tail[1..end] {
                "day" => match (self.day, first_day) {
                    (1, Some(first)) => out.push_str(first),
                    _ => push_number(&mut out, u32::from(self.day), 1),
                },
                "month" => out.push_str(
                    months
                        .get(usize::from(self.month) - 1)
                        .map(String::as_str)
                        .unwrap_or(""),
                ),
                "month_number" => push_number(&mut out, u32::from(self.month), 2),
                "year" => match u32::try_from(self.year) {
                    Ok(year) => push_number(&mut out, year, 1),
                    Err(_) => out.push_str(&self.year.to_string()),
                },
                other => {
                    out.push('{');
                    out.push_str(other);
                    out.push('}');
                }
            }
            rest = &tail[end + 1..];
        }
        out.push_str(rest);
        out
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `n` in decimal, with leading zeros up to `width` digits (without `format!`, for numbers
/// written hundreds of thousands of times: dates, markers).
pub(crate) fn push_number(out: &mut String, n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut start = digits.len();
    let mut rest = n;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    start = start.min(digits.len() - width.min(digits.len()));
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(names: &str) -> Vec<String> {
        names.split(' ').map(String::from).collect()
    }

    #[test]
    fn days_to_dates() {
        assert_eq!(Date::from_days_since_epoch(0).iso(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(20_415).iso(), "2025-11-23");
        assert_eq!(Date::from_days_since_epoch(11_016).iso(), "2000-02-29");
        assert_eq!(Date::parse_iso(" 2024-02-29 ").unwrap().iso(), "2024-02-29");
        assert!(Date::parse_iso("24-02-29").is_err());
        assert!(Date::parse_iso("2023-02-29").is_err());
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::new(2019, 2, 29).is_err());
        assert!(Date::new(2020, 2, 29).is_ok());
        assert!(Date::new(1900, 2, 29).is_err());
        assert!(Date::new(2000, 2, 29).is_ok());
        assert!(Date::new(2019, 4, 31).is_err());
        assert!(Date::new(2019, 13, 1).is_err());
    }

    #[test]
    fn localizes_in_french_and_english() {
        let fr = months(
            "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        );
        let en = months(
            "January February March April May June July August September October November December",
        );
        let date = Date::new(2019, 8, 5).unwrap();
        assert_eq!(
            date.localize("{day} {month} {year}", &fr, Some("1er")),
            "5 août 2019"
        );
        assert_eq!(
            date.localize("{month} {day}, {year}", &en, None),
            "August 5, 2019"
        );
        let first = Date::new(2025, 1, 1).unwrap();
        assert_eq!(
            first.localize("{day} {month} {year}", &fr, Some("1er")),
            "1er janvier 2025"
        );
        assert_eq!(first.rfc3339(), "2025-01-01T00:00:00Z");
        assert_eq!(
            date.localize("{year}-{month_number} {unknown}", &en, None),
            "2019-08 {unknown}"
        );
    }

    proptest::proptest! {
        /// Dates are written without `format!` as `format!` writes them.
        #[test]
        fn dates_are_written_as_format_writes_them(
            year in -20_000i32..20_000,
            month in 1u8..=12,
            day in 1u8..=28,
        ) {
            let date = Date::new(year, month, day).unwrap();
            let iso = format!("{year:04}-{month:02}-{day:02}");
            proptest::prop_assert_eq!(&date.iso(), &iso);
            proptest::prop_assert_eq!(date.rfc3339(), format!("{iso}T00:00:00Z"));
            proptest::prop_assert_eq!(
                date.localize("{day}.{month_number}.{year}", &[], None),
                format!("{day}.{month:02}.{year}")
            );
        }
    }
}
