//! ENC28J60 driver (work in progress).
#![no_std]
