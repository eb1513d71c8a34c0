//! Unit tests of the interface with real frames.
