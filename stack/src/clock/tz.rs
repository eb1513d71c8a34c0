//! Local time from a POSIX TZ string (POSIX.1-2017 XBD 8.3 `TZ`, with the
//! RFC 8536 section 3.3.1 extension that rule times range over -167..167
//! hours), e.g. `CET-1CEST,M3.5.0,M10.5.0/3`, `EST5EDT,M3.2.0,M11.1.0`,
//! `<+0330>-3:30`, `UTC0`.
//!
//! The string is parsed once into a small [`Tz`] (no allocation); each
//! conversion computes that year's two transitions with 32-bit arithmetic.

#[cfg(test)]
use super::calendar::days_from_civil;
use super::calendar::{fields_from_unix, month_start_1970, DateTime, FIELD_YEAR};
use super::less_than;

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
// (`Name::as_bytes` masks the length with it.)
const _: () = assert!((MAX_NAME + 1).is_power_of_two());

/// A transition rule (POSIX `TZ` "rule" date forms), reduced at parse
/// time to "a day after the first of a month" or "a weekday of a week
/// of a month", and a local time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rule {
    /// Month 1-12.
    month: u8,
    /// `Mm.w.d`: `7 * (w - 1) + 1` for week `w` 1-5 (5: the last such
    /// weekday of the month), the earliest day of the month it can fall on;
    /// 0 for the Julian forms: the transition is `day` days after the
    /// first of `month`. (`Jn`, February 29 never counted: January 1st +
    /// n - 1 before March, March 1st + n - 60 from day 60 on; `n`,
    /// zero-based: January 1st + n.)
    week: u8,
    /// Julian forms: days after the first of `month`; `Mm.w.d`: the day of
    /// the week (0 = Sunday) + [`WEEKDAY_BIAS`]. (One field: 8
    /// bytes a rule. Both stored ready for use: a zone parsed at build
    /// time costs no code for it.)
    day: u16,
    /// Local time of day in seconds (may be negative or beyond 24 h); in
    /// a parsed [`Tz`], less the offset in effect before the transition:
    /// the UTC time of day, counted from the local date's 00:00 UTC.
    time: i32,
}

/// The US rules (second Sunday of March, first Sunday of November, at
/// 02:00), the default of a TZ with a DST name but no rule.
const US_START: Rule = Rule {
    month: 3,
    week: 8,
    day: WEEKDAY_BIAS,
    time: 2 * 3600,
};
const US_END: Rule = Rule {
    month: 11,
    week: 1,
    ..US_START
};

/// Added to a rule's weekday: 56,000 (a multiple of 7 above every day
/// count of `u32` Unix time) keeps `weekday - days` positive, and 1970-01-01
/// was a Thursday (4): `(WEEKDAY_BIAS + weekday - days) % 7` days from day
/// `days` to the next such weekday.
const WEEKDAY_BIAS: u16 = 56_003;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Name {
    bytes: [u8; MAX_NAME],
    len: u8,
}

impl Name {
    fn as_bytes(&self) -> &[u8] {
        // `len` is at most MAX_NAME (the parser stops there), a power of
        // two less one: the mask keeps every length and leaves no bounds
        // check (4 B less on the MSP430).
        &self.bytes[..self.len as usize & MAX_NAME]
    }

    fn as_str(&self) -> &str {
        // Only ASCII alphanumerics, '+' and '-' are ever stored.
        core::str::from_utf8(self.as_bytes()).unwrap_or("")
    }
}

const NO_NAME: Name = Name {
    bytes: [0; MAX_NAME],
    len: 0,
};

/// A parsed time zone (42 bytes on the MSP430).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tz {
    std_name: Name,
    dst_name: Name,
    /// Seconds to add to UTC for local standard time and daylight saving
    /// time (east positive: the opposite sign of the POSIX offset).
    std_offset: i32,
    dst_offset: i32,
    /// Daylight saving time starts and ends (when `has_dst`).
    start: Rule,
    end: Rule,
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

/// The parser: a position in the string and the first error met. After
/// an error it goes on (every step is bounded and only moves forward),
/// which spares an early return at every step. `const`, like
/// [`Tz::parse`], so that a zone known at build time costs no code.
struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
    /// What a malformed number is (offsets, then rules).
    kind: TzError,
    error: Option<TzError>,
}

impl Cursor<'_> {
    const fn fail(&mut self, e: TzError) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    /// The next byte; 0 at the end (never valid inside a TZ string).
    const fn peek(&self) -> u8 {
        if self.pos < self.s.len() {
            self.s[self.pos]
        } else {
            0
        }
    }

    const fn eat(&mut self, c: u8) -> bool {
        let found = self.peek() == c;
        self.pos += found as usize;
        found
    }

    /// `c`, or a failure of the current kind.
    const fn expect(&mut self, c: u8) {
        if !self.eat(c) {
            self.fail(self.kind);
        }
    }

    /// 1 to `digits` decimal digits for a value in `min..=max` (else a
    /// failure of the current kind).
    const fn number(&mut self, digits: u8, min: u16, max: u16) -> u16 {
        let mut v: u16 = 0;
        let mut n = 0;
        loop {
            let d = self.peek().wrapping_sub(b'0');
            if d > 9 {
                break;
            }
            if n == digits {
                n = 0; // too many digits
                break;
            }
            v = v * 10 + d as u16;
            n += 1;
            self.pos += 1;
        }
        if n == 0 || v < min || v > max {
            self.fail(self.kind);
        }
        v
    }

    /// `std`/`dst` names: 3+ alphabetic characters, or `<...>` with
    /// alphanumerics, '+' and '-'.
    const fn name(&mut self, name: &mut Name) {
        let quoted = self.eat(b'<');
        loop {
            let c = self.peek();
            let letter = (c | 0x20).wrapping_sub(b'a') < 26;
            let other = c.wrapping_sub(b'0') < 10 || c == b'+' || c == b'-';
            if !(letter || quoted && other) {
                break;
            }
            if name.len as usize == MAX_NAME {
                self.fail(TzError::BadName);
                break;
            }
            name.bytes[name.len as usize] = c;
            name.len += 1;
            self.pos += 1;
        }
        if (quoted && !self.eat(b'>')) || name.len < 3 {
            self.fail(TzError::BadName);
        }
    }

    /// `[+|-]hh[:mm[:ss]]` in seconds, hours up to `max_hours`.
    const fn hms(&mut self, max_hours: u16) -> i32 {
        let negative = self.eat(b'-');
        if !negative {
            self.eat(b'+');
        }
        // ((h * 60 + m) * 60 + s), absent fields zero.
        let mut secs = self.number(3, 0, max_hours) as u32;
        let mut field = 0;
        while field < 2 {
            secs *= 60;
            if self.eat(b':') {
                secs += self.number(2, 0, 59) as u32;
            }
            field += 1;
        }
        let secs = secs as i32;
        if negative {
            -secs
        } else {
            secs
        }
    }

    /// A POSIX offset (west positive) as seconds east of UTC.
    const fn offset(&mut self) -> i32 {
        -self.hms(24)
    }

    const fn rule(&mut self, rule: &mut Rule) {
        if self.eat(b'M') {
            rule.month = self.number(2, 1, 12) as u8;
            self.expect(b'.');
            // (Wrapping: a failed number may be 0.)
            rule.week = (self.number(1, 1, 5) as u8).wrapping_sub(1).wrapping_mul(7) + 1;
            self.expect(b'.');
            rule.day = self.number(1, 0, 6) + WEEKDAY_BIAS;
        } else {
            // `Jn` (1-365, no February 29) or `n` (0-365).
            let julian1 = self.eat(b'J') as u16;
            let n = self.number(3, julian1, 365).wrapping_sub(julian1);
            // From day 59 (zero-based, without February 29): March 1st.
            if julian1 != 0 && n >= 59 {
                rule.month = 3;
                rule.day = n - 59;
            } else {
                rule.month = 1;
                rule.day = n;
            }
        }
        // Default transition time 02:00:00 local (POSIX); RFC 8536 3.3.1
        // allows -167..167 hours.
        rule.time = if self.eat(b'/') {
            self.hms(167)
        } else {
            2 * 3600
        };
    }
}

/// Days since 1970-01-01 of `rule`'s day in `year` (1970 to 2106, the
/// years of `u32` Unix time: at most 50,404, 16-bit arithmetic).
fn rule_day(year: u16, rule: &Rule) -> u16 {
    let (first, length) = month_start_1970(year, rule.month);
    if rule.week == 0 {
        return first + rule.day;
    }
    // The first such weekday on or after the first of the month, then
    // `w - 1` weeks on.
    let mut d = (rule.day - first) % 7 + rule.week as u16 - 1;
    // Week 5 means "the last such weekday of the month": one week back
    // when past its end (d is at most 34, a month at least 28 days long).
    d -= (d >= length) as u16 * 7;
    first + d
}

/// The UTC instant of `rule` (its time already UTC) in `year`. Wrapping
/// arithmetic: exact for transitions inside 1970..2106. (The time of day
/// added by the shared out-of-line `time::after`: no inline 32-bit sum.)
fn transition_utc(year: u16, rule: &Rule) -> u32 {
    crate::time::after(rule_day(year, rule) as u32 * 86_400, rule.time as u32)
}

impl Tz {
    /// UTC without an abbreviation, every byte zero, so that a `static`
    /// initialised with it takes no flash; [`Tz::configure`] sets it up
    /// in place.
    pub const UNCONFIGURED: Tz = Tz {
        std_name: NO_NAME,
        dst_name: NO_NAME,
        std_offset: 0,
        dst_offset: 0,
        start: Rule {
            month: 0,
            week: 0,
            day: 0,
            time: 0,
        },
        end: Rule {
            month: 0,
            week: 0,
            day: 0,
            time: 0,
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
    ///
    /// `const`: a zone known at build time can be parsed by the compiler,
    /// and then the parser takes no flash:
    ///
    /// ```
    /// use microip6::clock::Tz;
    /// const CET: Tz = match Tz::parse("CET-1CEST,M3.5.0,M10.5.0/3") {
    ///     Ok(tz) => tz,
    ///     Err(_) => panic!("bad TZ"),
    /// };
    /// assert_eq!(CET.offset_at(1_795_132_800), (3600, false)); // 2026-11-20
    /// ```
    pub const fn parse(s: &str) -> Result<Tz, TzError> {
        let mut tz = Tz::UNCONFIGURED;
        match tz.configure(s) {
            Ok(()) => Ok(tz),
            Err(e) => Err(e),
        }
    }

    /// Parses the POSIX TZ string `s` into `self`, in place (no copy of
    /// the zone on a small target): the zone [`Tz::parse`] gives. On an
    /// error `self` is [`Tz::UNCONFIGURED`] (UTC without abbreviation).
    pub const fn configure(&mut self, s: &str) -> Result<(), TzError> {
        *self = Tz::UNCONFIGURED;
        let mut c = Cursor {
            s: s.as_bytes(),
            pos: 0,
            kind: TzError::BadOffset,
            error: None,
        };
        c.name(&mut self.std_name);
        self.std_offset = c.offset();
        if c.pos < c.s.len() {
            self.has_dst = true;
            c.name(&mut self.dst_name);
            self.dst_offset = match c.peek() {
                0 | b',' => self.std_offset + 3600, // POSIX: one hour ahead
                _ => c.offset(),
            };
            c.kind = TzError::BadRule;
            if c.eat(b',') {
                c.rule(&mut self.start);
                c.expect(b',');
                c.rule(&mut self.end);
            } else {
                // No rule: the US rules, as glibc and tzcode assume.
                self.start = US_START;
                self.end = US_END;
            }
            // Rule times from local to UTC, once here rather than at every
            // conversion.
            self.start.time -= self.std_offset;
            self.end.time -= self.dst_offset;
        }
        if c.pos < c.s.len() {
            c.fail(TzError::TrailingCharacters);
        }
        match c.error {
            Some(e) => {
                *self = Tz::UNCONFIGURED;
                Err(e)
            }
            None => Ok(()),
        }
    }

    /// The offset east of UTC in seconds at UTC instant `unix`, and
    /// whether daylight saving time is in effect.
    pub fn offset_at(&self, unix: u32) -> (i32, bool) {
        let in_dst = self.has_dst && {
            let local = unix.wrapping_add(self.std_offset as u32);
            let year = fields_from_unix(local)[FIELD_YEAR];
            let start = transition_utc(year, &self.start);
            let end = transition_utc(year, &self.end);
            // start <= unix < end; when start > end (southern hemisphere:
            // DST spans the new year) the complement of end <= unix <
            // start. One wrapping compare covers both.
            // (By 16-bit halves: smaller on the MSP430.)
            less_than(unix.wrapping_sub(start), end.wrapping_sub(start))
        };
        let offset = if in_dst {
            self.dst_offset
        } else {
            self.std_offset
        };
        (offset, in_dst)
    }

    /// The zone abbreviation as ASCII bytes: daylight saving time's when
    /// `is_dst` (as [`Tz::offset_at`] tells) and the zone has one, else
    /// standard time's. No UTF-8 validation, unlike
    /// [`LocalTime::abbreviation`] (a few hundred bytes on the MSP430).
    pub fn abbreviation_bytes(&self, is_dst: bool) -> &[u8] {
        self.name(is_dst).as_bytes()
    }

    fn name(&self, is_dst: bool) -> &Name {
        if is_dst && self.has_dst {
            &self.dst_name
        } else {
            &self.std_name
        }
    }

    /// The local time at UTC instant `unix`.
    pub fn local(&self, unix: u32) -> LocalTime<'_> {
        let (offset, is_dst) = self.offset_at(unix);
        LocalTime {
            datetime: DateTime::from_unix(unix.wrapping_add(offset as u32)),
            offset,
            is_dst,
            abbreviation: self.name(is_dst).as_str(),
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

    /// Names of MAX_NAME characters are kept whole (`as_bytes` masks the
    /// length with MAX_NAME); one more is refused.
    #[test]
    fn longest_names_kept_whole() {
        let tz = Tz::parse("<+012345>-1<ABCDEFG>,M3.5.0,M10.5.0/3").unwrap();
        assert_eq!(tz.abbreviation_bytes(false), b"+012345");
        assert_eq!(tz.abbreviation_bytes(true), b"ABCDEFG");
        assert_eq!(tz.local(0).abbreviation, "+012345");
        assert_eq!(Tz::parse("ABCDEFGH-1").unwrap_err(), TzError::BadName);
    }

    #[test]
    fn julian_rules() {
        // J60 is March 1st every year; 59 is March 1st in leap years only.
        let day = |rule: &str, year: u16| {
            let tz = Tz::parse(&std::format!("CET-1CEST,{rule},M10.5.0")).unwrap();
            rule_day(year, &tz.start) as u32
        };
        assert_eq!(day("J60", 2024), days_from_civil(2024, 3, 1));
        assert_eq!(day("J60", 2023), days_from_civil(2023, 3, 1));
        assert_eq!(day("J59", 2024), days_from_civil(2024, 2, 28));
        assert_eq!(day("J1", 2024), days_from_civil(2024, 1, 1));
        assert_eq!(day("J365", 2024), days_from_civil(2024, 12, 31));
        assert_eq!(day("59", 2024), days_from_civil(2024, 2, 29));
        assert_eq!(day("59", 2023), days_from_civil(2023, 3, 1));
        assert_eq!(day("0", 2100), days_from_civil(2100, 1, 1));
        assert_eq!(day("365", 2024), days_from_civil(2024, 12, 31));
        // Fifth Sunday of February 2026 does not exist: the last one (22nd).
        assert_eq!(day("M2.5.0", 2026), days_from_civil(2026, 2, 22));
        // Last Saturday of December 2106 (the 25th), first Monday of
        // January 1970 (the 5th).
        assert_eq!(day("M12.5.6", 2105), days_from_civil(2105, 12, 26));
        assert_eq!(day("M1.1.1", 1970), days_from_civil(1970, 1, 5));
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Any string: no panic; a zone parsed is usable and the same
            /// through `configure` over a used zone; an error leaves
            /// UNCONFIGURED.
            #[test]
            fn any_string_parses_or_fails_cleanly(
                s in "[A-Z<>+:,./J0-9M-]{0,40}",
                unix in any::<u32>(),
            ) {
                let mut tz = Tz::parse("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
                let r = tz.configure(&s);
                prop_assert_eq!(r, Tz::parse(&s).map(|_| ()));
                match r {
                    Ok(()) => {
                        prop_assert_eq!(Ok(tz), Tz::parse(&s));
                        let (off, _) = tz.offset_at(unix);
                        prop_assert!(off.abs() <= 25 * 3600);
                    }
                    Err(_) => prop_assert_eq!(tz, Tz::UNCONFIGURED),
                }
            }
        }
    }

    #[test]
    fn parsed_at_compile_time_equals_at_run_time() {
        const fn parsed(s: &str) -> Tz {
            match Tz::parse(s) {
                Ok(tz) => tz,
                Err(_) => panic!("bad TZ"),
            }
        }
        const ZONES: [(&str, Tz); 4] = [
            (
                "CET-1CEST,M3.5.0,M10.5.0/3",
                parsed("CET-1CEST,M3.5.0,M10.5.0/3"),
            ),
            ("EST5EDT", parsed("EST5EDT")),
            ("<+0330>-3:30", parsed("<+0330>-3:30")),
            (
                "<-02>2<-01>,J60/-1,300/0",
                parsed("<-02>2<-01>,J60/-1,300/0"),
            ),
        ];
        for (s, tz) in ZONES {
            assert_eq!(Ok(tz), Tz::parse(s), "{s}");
        }
        const BAD: Result<Tz, TzError> = Tz::parse("CET-1CEST,M13.5.0,M10.5.0");
        assert_eq!(BAD, Err(TzError::BadRule));
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
