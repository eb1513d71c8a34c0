//! The calendar and the TZ rules against independent references: the
//! `chrono` crate for UTC calendar fields, and the host's tzdata (through
//! glibc's `date`) for local time.

use microip6::clock::calendar::DateTime;
use microip6::clock::Tz;
use std::io::Write;
use std::process::{Command, Stdio};

fn chrono_fields(unix: u32) -> (u16, u8, u8, u8, u8, u8, u8, u16) {
    use chrono::{Datelike, Timelike};
    let t = chrono::DateTime::from_timestamp(unix as i64, 0).unwrap();
    (
        t.year() as u16,
        t.month() as u8,
        t.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second() as u8,
        t.weekday().num_days_from_sunday() as u8,
        t.ordinal0() as u16,
    )
}

fn ours(unix: u32) -> (u16, u8, u8, u8, u8, u8, u8, u16) {
    let d = DateTime::from_unix(unix);
    (
        d.year,
        d.month,
        d.day,
        d.hour,
        d.minute,
        d.second,
        d.weekday as u8,
        d.yday,
    )
}

#[test]
fn every_day_1970_to_2106_matches_chrono() {
    // Each day at a time of day that walks through all hours, minutes and
    // seconds, plus each day's first and last second.
    let mut unix: u64 = 0;
    let mut day = 0u64;
    while unix <= u32::MAX as u64 {
        let t = unix as u32;
        assert_eq!(ours(t), chrono_fields(t), "unix {t}");
        let last = (unix + 86_399).min(u32::MAX as u64) as u32;
        assert_eq!(ours(last), chrono_fields(last), "unix {last}");
        let inner = (unix + (day * 7_919) % 86_400).min(u32::MAX as u64) as u32;
        assert_eq!(ours(inner), chrono_fields(inner), "unix {inner}");
        assert_eq!(DateTime::from_unix(inner).to_unix(), inner);
        unix += 86_400;
        day += 1;
    }
    assert_eq!(day, 49_711);
}

/// The POSIX TZ string at the end of a TZif v2+ file (RFC 8536 3.3).
fn footer(zone: &str) -> Option<String> {
    let data = std::fs::read(format!("/usr/share/zoneinfo/{zone}")).ok()?;
    let text = data.strip_suffix(b"\n")?;
    let start = text.iter().rposition(|&b| b == b'\n')? + 1;
    String::from_utf8(text[start..].to_vec()).ok()
}

/// (offset east of UTC in seconds, abbreviation) from glibc's `date` for
/// each instant, in one process per zone.
fn host_offsets(zone: &str, instants: &[u32]) -> Vec<(i32, String)> {
    let mut child = Command::new("date")
        .env("TZ", format!(":{zone}"))
        .args(["-f", "-", "+%z %Z"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run date");
    {
        let mut stdin = child.stdin.take().unwrap();
        for t in instants {
            writeln!(stdin, "@{t}").unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let (z, name) = l.split_once(' ').unwrap();
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let h: i32 = z[1..3].parse().unwrap();
            let m: i32 = z[3..5].parse().unwrap();
            (sign * (h * 3600 + m * 60), name.to_string())
        })
        .collect()
}

#[test]
fn local_time_matches_host_tzdata_around_transitions() {
    if !std::path::Path::new("/usr/share/zoneinfo/Europe/Berlin").exists() {
        eprintln!("SKIP: no tzdata in /usr/share/zoneinfo (Debian package tzdata)");
        return;
    }
    // Zones whose current rules (the TZif footer) hold from the given year
    // on, covering: EU and US rules, the southern hemisphere, half-hour
    // offsets, negative and 24h+ rule times, negative DST, no DST.
    let zones = [
        ("Europe/Berlin", 1997),
        ("Europe/London", 1997),
        ("Europe/Dublin", 1997),
        ("America/New_York", 2008),
        ("America/Los_Angeles", 2008),
        ("America/St_Johns", 2012),
        ("Australia/Sydney", 2009),
        ("Pacific/Auckland", 2008),
        ("America/Santiago", 2024),
        ("America/Nuuk", 2024),
        ("Asia/Kolkata", 1970),
        ("Asia/Tehran", 2023),
        ("UTC", 1970),
    ];
    let mut checked = 0;
    for (zone, from_year) in zones {
        let posix = footer(zone).unwrap_or_else(|| panic!("no TZif footer for {zone}"));
        let tz = Tz::parse(&posix).unwrap_or_else(|e| panic!("{zone}: {posix:?}: {e:?}"));
        // Instants: around every change of offset between from_year and
        // 2105 (found by scanning in 1-hour steps, then narrowing to the
        // second), plus one instant a week.
        let start = microip6::clock::calendar::days_from_civil(from_year, 1, 1) * 86_400;
        let end = microip6::clock::calendar::days_from_civil(2105, 12, 1) * 86_400;
        let mut instants = Vec::new();
        let mut t = start;
        let mut prev = tz.offset_at(t);
        while t < end {
            let next = t + 3600;
            let cur = tz.offset_at(next);
            if cur != prev {
                let (mut lo, mut hi) = (t, next);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if tz.offset_at(mid) == prev {
                        lo = mid
                    } else {
                        hi = mid
                    }
                }
                instants.extend_from_slice(&[hi - 3601, hi - 1, hi, hi + 1, hi + 3599]);
            }
            if (next - start) % (7 * 86_400) == 0 {
                instants.push(next + 1234);
            }
            prev = cur;
            t = next;
        }
        let host = host_offsets(zone, &instants);
        assert_eq!(host.len(), instants.len());
        for (t, (offset, name)) in instants.iter().zip(host) {
            let l = tz.local(*t);
            assert_eq!(
                (l.offset, l.abbreviation),
                (offset, name.as_str()),
                "{zone} ({posix}) at unix {t}"
            );
            checked += 1;
        }
    }
    assert!(checked > 10_000, "only {checked} instants checked");
}
