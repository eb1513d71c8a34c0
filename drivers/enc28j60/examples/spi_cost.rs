//! Reports SPI bytes and transactions per received and per sent frame,
//! measured through the chip model (deterministic counts, not timings).
//!
//! `cargo run -p enc28j60 --example spi_cost --features model`

use enc28j60::model::{Enc28j60Model, SharedModel, SpiStats};
use enc28j60::{Config, Enc28j60};

const MAC: [u8; 6] = [0x02, 0x00, 0x00, 0x12, 0x34, 0x56];

fn frame(len: usize) -> Vec<u8> {
    let mut f = MAC.to_vec();
    f.extend_from_slice(&[0x52, 0x54, 0x00, 0xab, 0xcd, 0xef, 0x86, 0xdd]);
    f.extend((0..len - 14).map(|i| i as u8));
    f
}

fn row(what: &str, n: usize, frames: u64, s: SpiStats) {
    let data_phase = (s.rbm_data_bytes + s.wbm_data_bytes + s.buffer_ops) / frames;
    println!(
        "{what:<28} {n:>5} {:>6} {:>7} {:>8} {:>10} {:>+6}",
        s.transactions / frames,
        s.bytes / frames,
        s.register_ops / frames,
        data_phase,
        data_phase as i64 - n as i64,
    );
}

fn main() {
    for (name, chip) in [
        ("datasheet model", Enc28j60Model::new()),
        ("MSPSim model", Enc28j60Model::mspsim()),
    ] {
        let model = SharedModel::new(chip);
        model.lock().reset_stats();
        let mut eth = Enc28j60::new(model.spi(), model.delay(), Config::new(MAC)).unwrap();
        let init = model.lock().stats();
        println!(
            "\n== {name}: init {} transactions, {} bytes",
            init.transactions, init.bytes
        );
        println!(
            "{:<28} {:>5} {:>6} {:>7} {:>8} {:>10} {:>6}",
            "per frame", "N", "txns", "bytes", "reg ops", "data phase", "-N"
        );
        let mut buf = [0u8; 1514];
        // An empty poll first so that every measurement starts from the same bank.
        eth.receive(&mut buf).unwrap();
        for n in [60usize, 590, 1500] {
            let f = frame(n);
            model.lock().inject_frame(&f);
            model.lock().reset_stats();
            assert_eq!(eth.receive(&mut buf).unwrap(), Some(n));
            row("receive (single)", n, 1, model.lock().stats());
            model.lock().reset_stats();
            assert_eq!(eth.receive(&mut buf).unwrap(), None);
            row("empty poll after it", 0, 1, model.lock().stats());
        }
        for n in [60usize, 590] {
            for _ in 0..8 {
                model.lock().inject_frame(&frame(n));
            }
            model.lock().reset_stats();
            for _ in 0..8 {
                assert_eq!(eth.receive(&mut buf).unwrap(), Some(n));
            }
            row("receive (burst of 8, avg)", n, 8, model.lock().stats());
            eth.receive(&mut buf).unwrap();
        }
        for n in [60usize, 590, 1500] {
            let f = frame(n);
            model.lock().reset_stats();
            eth.transmit(&f).unwrap();
            row("transmit", n, 1, model.lock().stats());
            model.lock().pop_transmitted();
        }
    }
    println!("\nreg ops = RCR/WCR/BFS/BFC commands; data phase = RBM/WBM opcode + data bytes");
}
