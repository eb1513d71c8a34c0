//! Local time from a POSIX TZ string (POSIX.1-2017 XBD 8.3 `TZ`, with the
//! RFC 8536 section 3.3.1 extension that rule times range over -167..167
//! hours), e.g. `CET-1CEST,M3.5.0,M10.5.0/3`, `EST5EDT,M3.2.0,M11.1.0`,
//! `<+0330>-3:30`, `UTC0`.
//!
//! The string is parsed once into a small [`Tz`] (no allocation); each
//! conversion computes that year's two transitions with 32-bit arithmetic.

#[cfg(test)]
use super::calendar::days_from_civil;
use super::calendar::{days_from_civil_1970, DateTime};

/// Why a TZ string was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TzError {
    /// A zone abbreviation is missing, shorter than 3 or longer than
    /// [`MAX_NAME`] characters, or has characters POSIX does not allow.
    BadName,
    /// An offset is missing or out of range (hours 0-24).
    BadOffset,
    /// A transition rule (`Jn`, `n`, `Mm.w.d`, `/time`) is malformed.
    BadRule,
    /// Characters after a complete TZ string.
    TrailingCharacters,
}

/// Longest zone abbreviation kept (POSIX requires at least `TZNAME_MAX` =
/// 6; tzdata's longest are 6).
pub const MAX_NAME: usize = 7;

/// The day of a transition rule (POSIX `TZ` "rule" date forms). `repr(u8)`:
/// the first variant's tag is 0, so an all-zero [`Tz`] is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum RuleDay {
    /// `Jn`: Julian day 1-365, February 29 never counted.
    Julian1(u16),
    /// `n`: zero-based day 0-365, February 29 counted in leap years.
    Julian0(u16),
    /// `Mm.w.d`: day `d` (0 = Sunday) of week `w` (1-5, 5 = last) of month `m`.
    MonthWeekDay { month: u8, week: u8, weekday: u8 },
}

/// A transition: a day and a local time of day in seconds (may be
/// negative or beyond 24 h).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rule {
    day: RuleDay,
    time: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Name {
    bytes: [u8; MAX_NAME],
    len: u8,
}

impl Name {
    fn as_str(&self) -> &str {
        // Only ASCII alphanumerics, '+' and '-' are ever stored.
        core::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Dst {
    name: Name,
    /// Seconds to add to UTC during daylight saving time.
    offset: i32,
    start: Rule,
    end: Rule,
}

/// A parsed time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tz {
    std_name: Name,
    /// Seconds to add to UTC for local standard time (east positive: the
    /// opposite sign of the POSIX offset).
    std_offset: i32,
    /// Daylight saving time, if `has_dst` (not an `Option`: all zeros must
    /// be a valid zone).
    dst: Dst,
    has_dst: bool,
}

/// A local time: the calendar fields, the UTC offset in effect and the
/// zone abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime<'a> {
    /// Local calendar date and time.
    pub datetime: DateTime,
    /// Seconds east of UTC.
    pub offset: i32,
    /// True while daylight saving time is in effect.
    pub is_dst: bool,
    /// The zone abbreviation in effect ("CET", "CEST", "+0330").
    pub abbreviation: &'a str,
}

struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Up to `max_digits` (at most 4) decimal digits, in 16 bits.
    fn number(&mut self, max_digits: usize) -> Option<u16> {
        let start = self.pos;
        let mut v: u16 = 0;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            if self.pos - start == max_digits {
                return None;
            }
            v = v * 10 + (c - b'0') as u16;
            self.pos += 1;
        }
        (self.pos > start).then_some(v)
    }

    /// `std`/`dst` names: 3+ alphabetic characters, or `<...>` with
    /// alphanumerics, '+' and '-'.
    fn name(&mut self) -> Result<Name, TzError> {
        let mut name = Name {
            bytes: [0; MAX_NAME],
            len: 0,
        };
        let quoted = self.eat(b'<');
        loop {
            let c = match self.peek() {
                Some(c) if c.is_ascii_alphabetic() => c,
                Some(c) if quoted && (c.is_ascii_digit() || c == b'+' || c == b'-') => c,
                _ => break,
            };
            if name.len as usize == MAX_NAME {
                return Err(TzError::BadName);
            }
            name.bytes[name.len as usize] = c;
            name.len += 1;
            self.pos += 1;
        }
        if (quoted && !self.eat(b'>')) || name.len < 3 {
            return Err(TzError::BadName);
        }
        Ok(name)
    }

    /// `[+|-]hh[:mm[:ss]]` in seconds, hours up to `max_hours`.
    fn hms(&mut self, max_hours: u16) -> Option<i32> {
        let negative = if self.eat(b'-') {
            true
        } else {
            self.eat(b'+');
            false
        };
        let h = self.number(3).filter(|&h| h <= max_hours)?;
        // Minutes and seconds in 16 bits, hours as 225 * 16 seconds.
        let mut ms: u16 = 0;
        if self.eat(b':') {
            ms = self.number(2).filter(|&m| m < 60)? * 60;
            if self.eat(b':') {
                ms += self.number(2).filter(|&s| s < 60)?;
            }
        }
        let secs = (((h * 225) as u32) << 4) as i32 + ms as i32;
        Some(if negative { -secs } else { secs })
    }

    /// A POSIX offset (west positive) as seconds east of UTC.
    fn offset(&mut self) -> Result<i32, TzError> {
        self.hms(24).map(|o| -o).ok_or(TzError::BadOffset)
    }

    fn rule(&mut self) -> Result<Rule, TzError> {
        let day = if self.eat(b'J') {
            match self.number(3) {
                Some(n @ 1..=365) => RuleDay::Julian1(n),
                _ => return Err(TzError::BadRule),
            }
        } else if self.eat(b'M') {
            let month = self.number(2).filter(|m| (1..=12).contains(m));
            let week = self.eat(b'.').then(|| self.number(1)).flatten();
            let weekday = self.eat(b'.').then(|| self.number(1)).flatten();
            match (month, week, weekday) {
                (Some(m), Some(w @ 1..=5), Some(d @ 0..=6)) => RuleDay::MonthWeekDay {
                    month: m as u8,
                    week: w as u8,
                    weekday: d as u8,
                },
                _ => return Err(TzError::BadRule),
            }
        } else {
            match self.number(3) {
                Some(n @ 0..=365) => RuleDay::Julian0(n),
                _ => return Err(TzError::BadRule),
            }
        };
        // Default transition time 02:00:00 local (POSIX); RFC 8536 3.3.1
        // allows -167..167 hours.
        let time = if self.eat(b'/') {
            self.hms(167).ok_or(TzError::BadRule)?
        } else {
            2 * 3600
        };
        Ok(Rule { day, time })
    }
}

/// Days since 1970-01-01 of `rule`'s day in `year` (1970 to 2106, the
/// years of `u32` Unix time: at most 50,404, 16-bit arithmetic).
fn rule_day(year: u32, day: RuleDay) -> u32 {
    // Every fourth year is a leap year from 1970 to 2106, except 2100.
    let leap = year % 4 == 0 && year != 2100;
    let days = match day {
        RuleDay::Julian1(n) => {
            let leap_shift = u16::from(leap && n >= 60);
            days_from_civil_1970(year, 1, 1) + n - 1 + leap_shift
        }
        RuleDay::Julian0(n) => days_from_civil_1970(year, 1, 1) + n,
        RuleDay::MonthWeekDay {
            month,
            week,
            weekday,
        } => {
            let first = days_from_civil_1970(year, month, 1);
            let first_wd = (first + 4) % 7; // 1970-01-01 was a Thursday
            let mut d = (weekday as u16 + 7 - first_wd) % 7 + (week as u16 - 1) * 7;
            // Week 5 means "the last such weekday of the month".
            let len = if month == 2 {
                28 + leap as u16
            } else {
                // 31 days in months 1, 3, 5, 7, 8, 10, 12.
                30 + ((month + (month >> 3)) & 1) as u16
            };
            while d >= len {
                d -= 7;
            }
            first + d
        }
    };
    days as u32
}

/// The UTC instant of `rule` in `year`, `offset` being the local time's
/// offset before the transition. Wrapping arithmetic: exact for
/// transitions inside 1970..2106.
fn transition_utc(year: u32, rule: Rule, offset: i32) -> u32 {
    (rule_day(year, rule.day) * 86_400)
        .wrapping_add(rule.time as u32)
        .wrapping_sub(offset as u32)
}

const NO_NAME: Name = Name {
    bytes: [0; MAX_NAME],
    len: 0,
};

impl Tz {
    /// UTC without an abbreviation, every byte zero, so that a `static`
    /// initialised with it takes no flash; [`Tz::configure`] sets it up
    /// in place.
    pub const UNCONFIGURED: Tz = Tz {
        std_name: NO_NAME,
        std_offset: 0,
        dst: Dst {
            name: NO_NAME,
            offset: 0,
            start: Rule {
                day: RuleDay::Julian1(0),
                time: 0,
            },
            end: Rule {
                day: RuleDay::Julian1(0),
                time: 0,
            },
        },
        has_dst: false,
    };

    /// UTC, the zone of an empty or absent TZ.
    pub const UTC: Tz = Tz {
        std_name: Name {
            bytes: [b'U', b'T', b'C', 0, 0, 0, 0],
            len: 3,
        },
        ..Tz::UNCONFIGURED
    };

    /// Parses a POSIX TZ string. A leading ':' (implementation-defined
    /// form) is refused as a bad name. [`Tz::UNCONFIGURED`] set up by
    /// [`Tz::configure`].
    pub fn parse(s: &str) -> Result<Tz, TzError> {
        let mut tz = Tz::UNCONFIGURED;
        tz.configure(s)?;
        Ok(tz)
    }

    /// Parses the POSIX TZ string `s` into `self`, in place (no copy of
    /// the zone on a small target): the zone [`Tz::parse`] gives. On an
    /// error `self` is [`Tz::UNCONFIGURED`] (UTC without abbreviation).
    pub fn configure(&mut self, s: &str) -> Result<(), TzError> {
        *self = Tz::UNCONFIGURED;
        let r = self.parse_fields(s);
        if r.is_err() {
            *self = Tz::UNCONFIGURED;
        }
        r
    }

    fn parse_fields(&mut self, s: &str) -> Result<(), TzError> {
        let mut c = Cursor {
            s: s.as_bytes(),
            pos: 0,
        };
        let std_name = c.name()?;
        let std_offset = c.offset()?;
        self.std_name = std_name;
        self.std_offset = std_offset;
        if c.peek().is_some() {
            let name = c.name()?;
            let offset = match c.peek() {
                None | Some(b',') => std_offset + 3600, // POSIX: one hour ahead
                _ => c.offset()?,
            };
            let (start, end) = if c.eat(b',') {
                let start = c.rule()?;
                if !c.eat(b',') {
                    return Err(TzError::BadRule);
                }
                (start, c.rule()?)
            } else {
                // No rule: the US rules, as glibc and tzcode assume.
                let us = |month, week| Rule {
                    day: RuleDay::MonthWeekDay {
                        month,
                        week,
                        weekday: 0,
                    },
                    time: 2 * 3600,
                };
                (us(3, 2), us(11, 1))
            };
            self.dst = Dst {
                name,
                offset,
                start,
                end,
            };
            self.has_dst = true;
        }
        if c.peek().is_some() {
            return Err(TzError::TrailingCharacters);
        }
        Ok(())
    }

    /// The offset east of UTC in seconds at UTC instant `unix`, and
    /// whether daylight saving time is in effect.
    pub fn offset_at(&self, unix: u32) -> (i32, bool) {
        if !self.has_dst {
            return (self.std_offset, false);
        }
        let dst = &self.dst;
        let year = DateTime::from_unix(unix.wrapping_add(self.std_offset as u32)).year as u32;
        let start = transition_utc(year, dst.start, self.std_offset);
        let end = transition_utc(year, dst.end, dst.offset);
        // start <= unix < end; when start > end (southern hemisphere: DST
        // spans the new year) the complement of end <= unix < start. One
        // wrapping compare covers both.
        let in_dst = unix.wrapping_sub(start) < end.wrapping_sub(start);
        if in_dst {
            (dst.offset, true)
        } else {
            (self.std_offset, false)
        }
    }

    /// The zone abbreviation as ASCII bytes: daylight saving time's when
    /// `is_dst` (as [`Tz::offset_at`] tells) and the zone has one, else
    /// standard time's. No UTF-8 validation, unlike
    /// [`LocalTime::abbreviation`] (a few hundred bytes on the MSP430).
    pub fn abbreviation_bytes(&self, is_dst: bool) -> &[u8] {
        let name = if is_dst && self.has_dst {
            &self.dst.name
        } else {
            &self.std_name
        };
        &name.bytes[..name.len as usize]
    }

    /// The local time at UTC instant `unix`.
    pub fn local(&self, unix: u32) -> LocalTime<'_> {
        let (offset, is_dst) = self.offset_at(unix);
        let abbreviation = if is_dst {
            self.dst.name.as_str()
        } else {
            self.std_name.as_str()
        };
        LocalTime {
            datetime: DateTime::from_unix(unix.wrapping_add(offset as u32)),
            offset,
            is_dst,
            abbreviation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: u32, mo: u8, d: u8, h: u32, mi: u32) -> u32 {
        days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60
    }

    #[test]
    fn central_europe() {
        let tz = Tz::parse("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        // 2026-03-29 01:00 UTC: clocks go from 02:00 CET to 03:00 CEST.
        let t = utc(2026, 3, 29, 1, 0);
        assert_eq!(tz.offset_at(t - 1), (3600, false));
        assert_eq!(tz.offset_at(t), (7200, true));
        let l = tz.local(t);
        assert_eq!((l.datetime.hour, l.abbreviation), (3, "CEST"));
        assert_eq!(tz.abbreviation_bytes(true), b"CEST");
        assert_eq!(tz.abbreviation_bytes(false), b"CET");
        assert_eq!(Tz::UTC.abbreviation_bytes(true), b"UTC");
        // 2026-10-25 01:00 UTC: back from 03:00 CEST to 02:00 CET.
        let t = utc(2026, 10, 25, 1, 0);
        assert_eq!(tz.offset_at(t - 1), (7200, true));
        assert_eq!(tz.offset_at(t), (3600, false));
        assert_eq!(tz.local(t).abbreviation, "CET");
    }

    #[test]
    fn us_eastern_and_default_rules() {
        let tz = Tz::parse("EST5EDT,M3.2.0,M11.1.0").unwrap();
        assert_eq!(tz, Tz::parse("EST5EDT").unwrap());
        // 2026-03-08 07:00 UTC = 02:00 EST.
        let t = utc(2026, 3, 8, 7, 0);
        assert_eq!(tz.offset_at(t - 1), (-5 * 3600, false));
        assert_eq!(tz.offset_at(t), (-4 * 3600, true));
        // 2026-11-01 06:00 UTC = 02:00 EDT.
        let t = utc(2026, 11, 1, 6, 0);
        assert_eq!(tz.offset_at(t - 1), (-4 * 3600, true));
        assert_eq!(tz.offset_at(t), (-5 * 3600, false));
    }

    #[test]
    fn southern_hemisphere_and_quoted_names() {
        let tz = Tz::parse("AEST-10AEDT,M10.1.0,M4.1.0/3").unwrap();
        assert_eq!(tz.offset_at(utc(2026, 1, 15, 0, 0)), (11 * 3600, true));
        assert_eq!(tz.offset_at(utc(2026, 6, 15, 0, 0)), (10 * 3600, false));
        let tz = Tz::parse("<+0330>-3:30").unwrap();
        let l = tz.local(utc(2026, 6, 1, 0, 0));
        assert_eq!((l.offset, l.abbreviation), (12_600, "+0330"));
        assert_eq!((l.datetime.hour, l.datetime.minute), (3, 30));
        let tz = Tz::parse("<-02>2<-01>,M3.5.0/-1,M10.5.0/0").unwrap();
        // Nuuk 2026: DST from Saturday 2026-03-28 23:00 local (-02) = 01:00 UTC Sunday.
        assert_eq!(tz.offset_at(utc(2026, 3, 29, 1, 0) - 1), (-7200, false));
        assert_eq!(tz.offset_at(utc(2026, 3, 29, 1, 0)), (-3600, true));
    }

    #[test]
    fn julian_rules() {
        // J60 is March 1st every year; 59 is March 1st in leap years only.
        assert_eq!(
            rule_day(2024, RuleDay::Julian1(60)),
            days_from_civil(2024, 3, 1)
        );
        assert_eq!(
            rule_day(2023, RuleDay::Julian1(60)),
            days_from_civil(2023, 3, 1)
        );
        assert_eq!(
            rule_day(2024, RuleDay::Julian0(59)),
            days_from_civil(2024, 2, 29)
        );
        assert_eq!(
            rule_day(2023, RuleDay::Julian0(59)),
            days_from_civil(2023, 3, 1)
        );
        // Fifth Sunday of February 2026 does not exist: the last one (22nd).
        let d = RuleDay::MonthWeekDay {
            month: 2,
            week: 5,
            weekday: 0,
        };
        assert_eq!(rule_day(2026, d), days_from_civil(2026, 2, 22));
    }

    #[test]
    fn unconfigured_is_zeros_and_configure_gives_parse() {
        use crate::clock::softclock::tests::prints_as_zeros;
        let zero = Tz::UNCONFIGURED;
        assert!(prints_as_zeros(&std::format!("{zero:?}")));
        assert!(!prints_as_zeros(&std::format!("{:?}", Tz::UTC)));
        assert_eq!(zero.offset_at(1_795_132_800), (0, false));
        assert_eq!(zero.abbreviation_bytes(true), b"");
        let mut tz = Tz::UTC;
        for s in ["CET-1CEST,M3.5.0,M10.5.0/3", "EST5EDT", "<+0330>-3:30"] {
            tz.configure(s).unwrap();
            assert_eq!(tz, Tz::parse(s).unwrap());
        }
        assert_eq!(tz.configure("CET-1CEST,M3.5.0"), Err(TzError::BadRule));
        assert_eq!(tz, Tz::UNCONFIGURED);
        assert_eq!(Tz::parse("UTC0").unwrap(), Tz::UTC);
    }

    #[test]
    fn utc_and_errors() {
        let tz = Tz::parse("UTC0").unwrap();
        assert_eq!(tz.local(0).abbreviation, "UTC");
        assert_eq!(tz.offset_at(123), (0, false));
        for bad in [
            "",
            "U0",
            "UTC",
            "UTC+",
            "UTC25",
            "<UTC0",
            "CET-1CEST,M3.5.0",
            "CET-1CEST,M13.5.0,M10.5.0",
            "CET-1CEST,M3.6.0,M10.5.0",
            "CET-1CEST,M3.5.7,M10.5.0",
            "CET-1CEST,J0,J365",
            "CET-1CEST,366,0",
            "CET-1CEST,M3.5.0/168,M10.5.0",
            "UTC0x",
            "ABCDEFGH0",
            "CET-1:60",
        ] {
            assert!(Tz::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
