//! A Linux TAP interface: Ethernet frames in and out of the kernel (the
//! `linux-tap` crate, shared with the host runner). The board on
//! `--net tap:IF` is paced to real time; frames the firmware sends go to the
//! kernel, frames the kernel sends are delivered to the ENC28J60 model.

pub use linux_tap::Tap;
