//! `Day`: a calendar day written `yyyy-mm-dd`, checked once where text
//! enters (a command-line flag, a server parameter, a JSON Lines field, a
//! rules file) so that what reads it later, SPARQL text included, gets only
//! a checked value.
//!
//! The check is of the shape only (four digits, a dash, two digits, a dash,
//! two digits), the same test the command line, the server, the input
//! reader and the rules have always made; it does not know the calendar.

use std::fmt;
use std::str::FromStr;

/// A day `yyyy-mm-dd`; its text is always ten ASCII digits and dashes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(String);

/// The text is not a day `yyyy-mm-dd`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date yyyy-mm-dd")]
#[non_exhaustive]
pub struct NotADay(pub String);

/// Whether `text` is shaped `yyyy-mm-dd`.
pub fn is_day(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        })
}

impl Day {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Day {
    type Err = NotADay;

    fn from_str(text: &str) -> Result<Self, NotADay> {
        if is_day(text) {
            Ok(Day(text.to_owned()))
        } else {
            Err(NotADay(text.to_owned()))
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_ten_digits_and_two_dashes() {
        assert!(is_day("2025-10-01"));
        // The shape only: the calendar is not checked (as before).
        assert!(is_day("2025-13-01"));
        for bad in [
            "2025-1-01",
            "2025/10/01",
            "2025-10-01T",
            "",
            "2025-10-0\"",
            "２０２５-10-01",
        ] {
            assert!(!is_day(bad), "{bad:?} passed");
            assert_eq!(bad.parse::<Day>(), Err(NotADay(bad.to_owned())));
        }
        assert_eq!("2025-10-01".parse::<Day>().unwrap().as_str(), "2025-10-01");
    }
}
