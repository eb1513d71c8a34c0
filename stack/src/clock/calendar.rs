//! Unix seconds to UTC calendar date, time of day and weekday (proleptic
//! Gregorian, as POSIX time defines it: every day has 86,400 seconds).
//!
//! The arithmetic is 32-bit and valid for every `u32` Unix time, i.e.
//! 1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z. The day-to-date step is
//! Howard Hinnant's `civil_from_days` on 400-year eras.

/// Seconds between the NTP epoch (1900-01-01) and the Unix epoch (1970-01-01),
/// RFC 5905 figure 4 / RFC 868.
pub const NTP_UNIX_OFFSET: u32 = 2_208_988_800;

/// Day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Weekday {
    /// Sunday (0, as in POSIX `tm_wday` and TZ rules `Mm.w.d`).
    Sunday = 0,
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
}

impl Weekday {
    /// The weekday numbered as in POSIX (0 = Sunday); `n` is taken mod 7.
    pub const fn from_number(n: u32) -> Weekday {
        match n % 7 {
            0 => Weekday::Sunday,
            1 => Weekday::Monday,
            2 => Weekday::Tuesday,
            3 => Weekday::Wednesday,
            4 => Weekday::Thursday,
            5 => Weekday::Friday,
            _ => Weekday::Saturday,
        }
    }

    /// Three-letter English abbreviation, for the display.
    pub const fn short_name(self) -> &'static str {
        match self {
            Weekday::Sunday => "Sun",
            Weekday::Monday => "Mon",
            Weekday::Tuesday => "Tue",
            Weekday::Wednesday => "Wed",
            Weekday::Thursday => "Thu",
            Weekday::Friday => "Fri",
            Weekday::Saturday => "Sat",
        }
    }
}

/// A broken-down calendar time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Year, e.g. 2026.
    pub year: u16,
    /// Month 1-12.
    pub month: u8,
    /// Day of month 1-31.
    pub day: u8,
    /// Hour 0-23.
    pub hour: u8,
    /// Minute 0-59.
    pub minute: u8,
    /// Second 0-59.
    pub second: u8,
    /// Day of the week.
    pub weekday: Weekday,
    /// Day of the year, 0-365 (0 = January 1st), as POSIX `tm_yday`.
    pub yday: u16,
}

/// True for Gregorian leap years.
pub const fn is_leap_year(year: u32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1-12) of `year`.
pub const fn days_in_month(year: u32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the civil date (`year` >= 1970; month 1-12,
/// day 1-31). Hinnant's `days_from_civil`, for the era starting 1600-03-01.
pub const fn days_from_civil(year: u32, month: u8, day: u8) -> u32 {
    // Shift the year start to March so that the leap day ends the year.
    let y = if month <= 2 { year - 1 } else { year };
    let era = (y - 1600) / 400;
    let yoe = y - 1600 - era * 400; // [0, 399]
    let m = month as u32;
    let mp = if m > 2 { m - 3 } else { m + 9 }; // [0, 11], March = 0
    let doy = (153 * mp + 2) / 5 + day as u32 - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
                                                     // 1600-03-01 is 135,080 days before 1970-01-01.
    era * 146_097 + doe - 135_080
}

/// The civil date of day number `days` since 1970-01-01:
/// (year, month 1-12, day 1-31). Hinnant's `civil_from_days`.
pub const fn civil_from_days(days: u32) -> (u32, u8, u8) {
    // Count from 1600-03-01 so that every quantity stays unsigned.
    let z = days + 135_080;
    let era = z / 146_097;
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = 1600 + era * 400 + yoe + if month <= 2 { 1 } else { 0 };
    (year, month as u8, day as u8)
}

/// Days of the months, January first (February's, 0 here, depends on the
/// year).
const MONTH_DAYS: [u8; 12] = [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Calendar fields of day `days` since 1970-01-01 (at most 50,000, the
/// `u32` Unix range): (year, month, day, day of the year), all in 16-bit
/// arithmetic; the inverse of [`month_start_1970`]. Whole years, then
/// whole months, counted off: no division or multiplication (library calls
/// on the MSP430), and about as fast for this century (56 years to 2026).
const fn civil_from_days_1970(days: u32) -> (u16, u8, u8, u16) {
    let mut d = days as u16;
    let mut year = 1970u16;
    // February's length decides the year's.
    let mut february;
    loop {
        // Leap years from 1970 to 2106: every fourth, but 2100.
        february = 28 + (year % 4 == 0 && year != 2100) as u16;
        let length = 337 + february;
        if d < length {
            break;
        }
        d -= length;
        year += 1;
    }
    let yday = d;
    let mut month = 0;
    // December takes what is left.
    while month < 11 {
        let mut length = MONTH_DAYS[month] as u16;
        if month == 1 {
            length = february;
        }
        if d < length {
            break;
        }
        d -= length;
        month += 1;
    }
    (year, month as u8 + 1, d as u8 + 1, yday)
}

/// Days from 1970-01-01 to the first of `month` (1-12) of `year` (1970 to
/// 2106), and the length of that month, in 16-bit arithmetic: whole years
/// and months counted up, as [`civil_from_days_1970`] counts them off.
pub(crate) const fn month_start_1970(year: u16, month: u8) -> (u16, u16) {
    let mut d = 0u16;
    let mut y = 1970u16;
    let mut february;
    loop {
        february = 28 + (y % 4 == 0 && y != 2100) as u16;
        if y >= year {
            break;
        }
        d += 337 + february;
        y += 1;
    }
    let mut m = 0;
    loop {
        let mut length = MONTH_DAYS[m] as u16;
        if m == 1 {
            length = february;
        }
        if m + 1 >= month as usize || m == 11 {
            return (d, length);
        }
        d += length;
        m += 1;
    }
}

/// [`days_from_civil`] for years 1970 to 2106 in 16-bit arithmetic.
#[cfg(test)]
pub(crate) const fn days_from_civil_1970(year: u16, month: u8, day: u8) -> u16 {
    month_start_1970(year, month).0 + day as u16 - 1
}

/// Positions in [`fields_from_unix`]'s array: the fields of a clock's
/// display first, in its order (`12:34:56`, `Sat 2026-11-21`).
pub const FIELD_HOUR: usize = 0;
/// See [`FIELD_HOUR`].
pub const FIELD_MINUTE: usize = 1;
/// See [`FIELD_HOUR`].
pub const FIELD_SECOND: usize = 2;
/// See [`FIELD_HOUR`] (0 = Sunday, as [`Weekday`]).
pub const FIELD_WEEKDAY: usize = 3;
/// See [`FIELD_HOUR`].
pub const FIELD_YEAR: usize = 4;
/// See [`FIELD_HOUR`] (1-12).
pub const FIELD_MONTH: usize = 5;
/// See [`FIELD_HOUR`] (1-31).
pub const FIELD_DAY: usize = 6;
/// See [`FIELD_HOUR`] (0-365, as [`DateTime::yday`]).
pub const FIELD_YDAY: usize = 7;

/// [`DateTime::from_unix`]'s fields as 16-bit numbers, at the positions
/// [`FIELD_HOUR`] to [`FIELD_YDAY`]: for a caller that formats them from
/// a table (no struct to copy them out of one by one: less code on a
/// small target).
pub const fn fields_from_unix(unix: u32) -> [u16; 8] {
    // Minutes, hours and days by 32-bit divisions (library calls on
    // the MSP430), the remainders in 16-bit wrapping arithmetic: each
    // is under 2^16, so the low 16 bits of both terms suffice.
    let minutes = unix / 60;
    let second = (unix as u16).wrapping_sub((minutes as u16).wrapping_mul(60));
    let hours = minutes / 60;
    let minute = (minutes as u16).wrapping_sub((hours as u16).wrapping_mul(60));
    let days = hours / 24;
    let hour = (hours as u16).wrapping_sub((days as u16).wrapping_mul(24));
    let (year, month, day, yday) = civil_from_days_1970(days);
    // 1970-01-01 was a Thursday (4).
    let weekday = (days as u16 + 4) % 7;
    [
        hour,
        minute,
        second,
        weekday,
        year,
        month as u16,
        day as u16,
        yday,
    ]
}

impl DateTime {
    /// The UTC calendar time of Unix time `unix` (seconds since
    /// 1970-01-01T00:00:00Z, leap seconds not counted, as POSIX defines).
    pub const fn from_unix(unix: u32) -> DateTime {
        let f = fields_from_unix(unix);
        DateTime {
            year: f[FIELD_YEAR],
            month: f[FIELD_MONTH] as u8,
            day: f[FIELD_DAY] as u8,
            hour: f[FIELD_HOUR] as u8,
            minute: f[FIELD_MINUTE] as u8,
            second: f[FIELD_SECOND] as u8,
            weekday: Weekday::from_number(f[FIELD_WEEKDAY] as u32),
            yday: f[FIELD_YDAY],
        }
    }

    /// The UTC calendar time of NTP era-0 seconds `ntp` (seconds since
    /// 1900; valid from 1970 to 2036-02-07, the end of NTP era 0). For
    /// later dates convert through Unix time with the era resolved.
    pub const fn from_ntp_era0(ntp: u32) -> DateTime {
        DateTime::from_unix(ntp.wrapping_sub(NTP_UNIX_OFFSET))
    }

    /// Back to Unix seconds (fields must be in range, year >= 1970).
    pub const fn to_unix(&self) -> u32 {
        days_from_civil(self.year as u32, self.month, self.day) * 86_400
            + self.hour as u32 * 3600
            + self.minute as u32 * 60
            + self.second as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        let t = DateTime::from_unix(0);
        assert_eq!((t.year, t.month, t.day, t.hour), (1970, 1, 1, 0));
        assert_eq!(t.weekday, Weekday::Thursday);
        // 2000-02-29T12:34:56Z, a Tuesday in a 400-year leap year.
        let t = DateTime::from_unix(951_827_696);
        assert_eq!(
            (t.year, t.month, t.day, t.hour, t.minute, t.second),
            (2000, 2, 29, 12, 34, 56)
        );
        assert_eq!(t.weekday, Weekday::Tuesday);
        assert_eq!(t.yday, 59);
        // The same as a clock's table: hour, minute, second, weekday,
        // year, month, day, day of the year.
        assert_eq!(
            fields_from_unix(951_827_696),
            [12, 34, 56, 2, 2000, 2, 29, 59]
        );
        // The last u32 second: 2106-02-07T06:28:15Z, a Sunday.
        let t = DateTime::from_unix(u32::MAX);
        assert_eq!(
            (t.year, t.month, t.day, t.hour, t.minute, t.second),
            (2106, 2, 7, 6, 28, 15)
        );
        assert_eq!(t.weekday, Weekday::Sunday);
        // 2100 is not a leap year.
        assert_eq!(DateTime::from_unix(4_107_542_400).month, 3); // 2100-03-01
        assert_eq!(days_in_month(2100, 2), 28);
        // NTP era 0: 3_913_056_000 is 2024-01-01T00:00:00Z.
        let t = DateTime::from_ntp_era0(3_913_056_000);
        assert_eq!((t.year, t.month, t.day, t.hour), (2024, 1, 1, 0));
    }

    #[test]
    fn from_unix_agrees_with_plain_arithmetic() {
        // A stride through the whole u32 range (a prime number of seconds,
        // so every time of day and weekday comes up), and both ends.
        let instants = (0..=u32::MAX).step_by(1_000_003).chain([
            u32::MAX,
            u32::MAX - 86_399,
            86_399,
            4_107_542_399,
        ]);
        for unix in instants {
            let t = DateTime::from_unix(unix);
            let (days, sod) = (unix / 86_400, unix % 86_400);
            let (y, m, d) = civil_from_days(days);
            assert_eq!((t.year as u32, t.month, t.day), (y, m, d), "{unix}");
            assert_eq!(
                (t.hour as u32, t.minute as u32, t.second as u32),
                (sod / 3600, sod / 60 % 60, sod % 60),
                "{unix}"
            );
            assert_eq!(t.weekday as u32, (days + 4) % 7, "{unix}");
            assert_eq!(t.yday as u32, days - days_from_civil(y, 1, 1), "{unix}");
            assert_eq!(t.to_unix(), unix);
        }
    }

    /// `fields_from_unix` on every day of the `u32` range (every leap day
    /// among them, and 2100-02-28/03-01), at its first and last second and
    /// at a second that moves through the day, against Hinnant's
    /// `civil_from_days` and plain divisions.
    #[test]
    fn fields_on_every_day_agree_with_plain_arithmetic() {
        for days in 0..=u32::MAX / 86_400 {
            let (y, m, d) = civil_from_days(days);
            let yday = days - days_from_civil(y, 1, 1);
            let weekday = (days + 4) % 7;
            for sod in [0, 86_399, days.wrapping_mul(7_919) % 86_400] {
                let Some(unix) = (days * 86_400).checked_add(sod) else {
                    continue;
                };
                let want = [sod / 3600, sod / 60 % 60, sod % 60, weekday, y].map(|v| v as u16);
                let f = fields_from_unix(unix);
                assert_eq!(f[..5], want, "{unix}");
                assert_eq!(
                    [f[FIELD_MONTH], f[FIELD_DAY], f[FIELD_YDAY]],
                    [u16::from(m), u16::from(d), yday as u16],
                    "{unix}"
                );
            }
        }
        // Leap days: 2000 (a 400-year leap year), 2024; 2100 has none.
        assert_eq!(fields_from_unix(951_868_799)[4..], [2000, 2, 29, 59]);
        assert_eq!(fields_from_unix(1_709_164_800)[4..], [2024, 2, 29, 59]);
        assert_eq!(fields_from_unix(4_107_542_399)[4..], [2100, 2, 28, 58]);
        assert_eq!(fields_from_unix(4_107_542_400)[4..], [2100, 3, 1, 59]);
        // The last day of a leap year is day 365.
        assert_eq!(fields_from_unix(1_735_603_200)[4..], [2024, 12, 31, 365]);
    }

    #[test]
    fn month_starts_and_lengths() {
        for year in 1970..=2106u16 {
            for month in 1..=12u8 {
                let (start, length) = month_start_1970(year, month);
                let y = u32::from(year);
                assert_eq!(u32::from(start), days_from_civil(y, month, 1));
                assert_eq!(length, u16::from(days_in_month(y, month)));
            }
        }
    }

    #[test]
    fn days_round_trip_and_are_consecutive() {
        let mut prev = (1969u32, 12u8, 31u8);
        for days in 0..=49_710u32 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
            let next_of_prev = if prev.2 < days_in_month(prev.0, prev.1) {
                (prev.0, prev.1, prev.2 + 1)
            } else if prev.1 < 12 {
                (prev.0, prev.1 + 1, 1)
            } else {
                (prev.0 + 1, 1, 1)
            };
            assert_eq!((y, m, d), next_of_prev, "day {days}");
            assert_eq!(days_from_civil_1970(y as u16, m, d) as u32, days);
            prev = (y, m, d);
        }
    }
}
