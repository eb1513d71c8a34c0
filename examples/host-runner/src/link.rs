//! The runner's link: frames straight to and from the TAP, or through the
//! ENC28J60 driver talking SPI to the chip model, with the model's wire side
//! bridged to the TAP (`--enc28j60 datasheet|mspsim`), so the driver carries
//! real traffic.

use enc28j60::model::{Enc28j60Model, ModelDelay, ModelSpi, SharedModel};
use enc28j60::{Config, Enc28j60, ALL_NODES_MAC};
use linux_tap::Tap;
use microip6::wire::MacAddress;
use std::io;

/// Which chip model sits between the driver and the TAP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChipModel {
    /// The datasheet-faithful model.
    Datasheet,
    /// The simplified MSPSim proiot3 model (streamed reads, ignored pointers).
    Mspsim,
}

type Driver = Enc28j60<ModelSpi, ModelDelay>;

/// Where frames go.
pub enum Link {
    /// Frames straight to the TAP.
    Tap(Tap),
    /// Driver -> SPI -> chip model <-> TAP.
    Enc28j60 {
        /// The TAP on the model's wire side.
        tap: Tap,
        /// The model, shared with the driver's SPI device.
        model: SharedModel,
        /// The driver under test.
        driver: Box<Driver>,
    },
}

fn driver_error<E: core::fmt::Debug>(e: E) -> io::Error {
    io::Error::other(format!("enc28j60: {e:?}"))
}

impl Link {
    /// A link through driver and model; the hardware filter admits our MAC,
    /// broadcast, all-nodes and the solicited-node group of `mac`'s EUI-64
    /// addresses (all our addresses share it).
    pub fn enc28j60(tap: Tap, mac: MacAddress, chip: ChipModel) -> io::Result<Link> {
        let model = SharedModel::new(match chip {
            ChipModel::Datasheet => Enc28j60Model::new(),
            ChipModel::Mspsim => Enc28j60Model::mspsim(),
        });
        let mut driver =
            Enc28j60::new(model.spi(), model.delay(), Config::new(mac.0)).map_err(driver_error)?;
        let m = mac.0;
        let solicited = enc28j60::solicited_node_mac([m[3], m[4], m[5]]);
        driver
            .set_multicast_filter(&[ALL_NODES_MAC, solicited])
            .map_err(driver_error)?;
        Ok(Link::Enc28j60 {
            tap,
            model,
            driver: Box::new(driver),
        })
    }

    /// The TAP interface's name.
    pub fn name(&self) -> &str {
        match self {
            Link::Tap(tap) | Link::Enc28j60 { tap, .. } => tap.name(),
        }
    }

    /// The next received frame, copied into `buf`.
    pub fn recv(&mut self, buf: &mut [u8]) -> io::Result<Option<usize>> {
        match self {
            Link::Tap(tap) => tap.recv(buf),
            Link::Enc28j60 { tap, model, driver } => {
                // Everything the kernel sent is on the model's wire now.
                let mut wire = [0u8; 1518];
                while let Some(n) = tap.recv(&mut wire)? {
                    let _ = model.lock().inject_frame(&wire[..n]);
                }
                driver.receive(buf).map_err(driver_error)
            }
        }
    }

    /// Sends one frame.
    pub fn send(&mut self, frame: &[u8]) -> io::Result<()> {
        match self {
            Link::Tap(tap) => tap.send(frame),
            Link::Enc28j60 { tap, model, driver } => {
                driver.transmit(frame).map_err(driver_error)?;
                while let Some(f) = model.lock().pop_transmitted() {
                    tap.send(&f)?;
                }
                Ok(())
            }
        }
    }

    /// Waits for a frame or `timeout_ms`; at once when the chip holds
    /// frames the driver has not read yet.
    pub fn wait(&mut self, timeout_ms: i32) -> io::Result<bool> {
        match self {
            Link::Tap(tap) => tap.wait(timeout_ms),
            Link::Enc28j60 { tap, model, .. } => {
                if model.lock().pending_frames() > 0 {
                    return Ok(true);
                }
                tap.wait(timeout_ms)
            }
        }
    }

    /// The driver's counters as `key=value` pairs, empty for a plain TAP.
    pub fn driver_counters(&self) -> String {
        match self {
            Link::Tap(_) => String::new(),
            Link::Enc28j60 { driver, .. } => {
                let c = driver.counters();
                format!(
                    " enc_rx_frames={} enc_tx_frames={} enc_rx_dropped_too_long={} \
                     enc_rx_overflows={} enc_rx_resets={} enc_tx_errors={}",
                    c.rx_frames,
                    c.tx_frames,
                    c.rx_dropped_too_long,
                    c.rx_overflows,
                    c.rx_resets,
                    c.tx_errors
                )
            }
        }
    }
}
