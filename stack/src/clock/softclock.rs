//! Software clock disciplined by NTP: step, slew and frequency-locked loop.
