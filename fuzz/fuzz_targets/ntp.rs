//! NTP view and time arithmetic: every getter of a checked view, the repr
//! round trip, and the fixed-point conversions on arbitrary values (the
//! fuzz build has overflow checks on, so any overflow is a crash).
#![no_main]
use libfuzzer_sys::fuzz_target;
use microip6::wire::ntp::{NtpDuration, NtpPacket, NtpRepr, NtpShort, NtpTimestamp, HEADER_LEN};
use microip6::wire::Error;

fn u64_at(d: &[u8], i: usize) -> u64 {
    let mut b = [0u8; 8];
    for (k, x) in b.iter_mut().enumerate() {
        *x = d.get(i + k).copied().unwrap_or(0);
    }
    u64::from_be_bytes(b)
}

fuzz_target!(|data: &[u8]| {
    match NtpPacket::new_checked(data) {
        Err(e) => assert!(data.len() < HEADER_LEN && e == Error::Truncated),
        Ok(p) => {
            let _ = (p.leap_indicator(), p.mode(), p.poll(), p.precision());
            let _ = (p.root_delay().to_micros(), p.root_dispersion().to_millis());
            assert_eq!(p.kiss_code().is_some(), p.stratum() == 0);
            let _ = (p.ref_id(), p.ref_timestamp(), p.orig_timestamp());
            assert_eq!(p.trailer().len(), data.len() - HEADER_LEN);
            match NtpRepr::parse(&p) {
                Ok(r) => {
                    assert!((1..=4).contains(&r.version));
                    let mut out = [0u8; HEADER_LEN];
                    r.emit(&mut NtpPacket::new_unchecked(&mut out[..])).unwrap();
                    assert_eq!(&out[..], &data[..HEADER_LEN]);
                    let t4 = NtpTimestamp(u64_at(data, 0));
                    let _ = r.check_reply(t4);
                    let _ = (r.offset(t4).to_micros(), r.delay(t4).to_millis());
                }
                Err(e) => assert_eq!(e, Error::BadVersion),
            }
        }
    }

    // Arithmetic on arbitrary values.
    let a = NtpTimestamp(u64_at(data, 0));
    let b = NtpTimestamp(u64_at(data, 8));
    let d = a.wrapping_sub(b);
    assert_eq!(b.wrapping_add(d), a);
    let _ = (d.to_micros(), d.to_millis(), d.seconds_floor());
    assert!(a.subsec_nanos() < 1_000_000_000 && a.subsec_micros() < 1_000_000);
    let pivot = u64_at(data, 16) as i64;
    let near = a.unix_secs_near(pivot);
    assert!(near.wrapping_sub(pivot).unsigned_abs() <= 1 << 31);
    let _ = a.unix_secs_in_era(u64_at(data, 24) as i32);
    let nanos = (u64_at(data, 28) as u32) % 1_000_000_000;
    let t = NtpTimestamp::from_unix_nanos(pivot, nanos);
    assert_eq!(t.subsec_nanos(), nanos);
    let micros = nanos / 1000;
    assert_eq!(
        NtpTimestamp::from_unix_micros(pivot, micros).subsec_micros(),
        micros
    );
    let us = u64_at(data, 32) as i32;
    assert_eq!(NtpDuration::from_micros(us).to_micros(), us as i64);
    let s = NtpShort::from_micros(us as u32);
    let want = us as u32 as u64;
    assert!(s.to_micros() >= want && s.to_micros() - want < 16);
    let _ = NtpShort(u64_at(data, 36) as u32).to_millis();
});
