//! MSP430F1611 board simulator (work in progress).
