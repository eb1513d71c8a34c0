//! The driver against the datasheet-mode chip model.
#![cfg(feature = "model")]

mod common;

use common::*;
use enc28j60::model::{Enc28j60Model, Faults, InjectResult, SharedModel};
use enc28j60::regs::*;
use enc28j60::{
    hash_index, solicited_node_mac, Config, Enc28j60, Error, MulticastMode, Revision, ALL_NODES_MAC,
};

#[test]
fn init_programs_the_chip_per_datasheet_and_errata() {
    let (model, eth) = setup(Enc28j60Model::new());
    assert_eq!(eth.revision(), Revision::B7);
    let chip = model.lock();
    // Buffer layout: RX from 0 (errata 5), odd ERXRDPT (errata 14), TX after.
    assert_eq!(chip.register16(ERXSTL), 0x0000);
    assert_eq!(chip.register16(ERXNDL), 0x19FF);
    assert_eq!(chip.register16(ERXRDPTL), 0x19FF);
    assert_eq!(chip.register16(ETXSTL), 0x1A00);
    // Half duplex MAC.
    assert_eq!(chip.register(2, MACON1 & 0x1F), MACON1_MARXEN);
    assert_eq!(chip.register(2, MACON3 & 0x1F), 0x32);
    assert_eq!(chip.register(2, MACON4 & 0x1F), MACON4_DEFER);
    assert_eq!(chip.register(2, MABBIPG & 0x1F), 0x12);
    assert_eq!(chip.register(2, MAIPGL & 0x1F), 0x12);
    assert_eq!(chip.register(2, MAIPGH & 0x1F), 0x0C);
    assert_eq!(chip.register(2, MACLCON2 & 0x1F), 63);
    assert_eq!(chip.register16(MAMXFLL), 1518);
    // MAADR1 (bank 3, 0x04) holds the first byte on the wire.
    let b3: Vec<u8> = (0..6).map(|a| chip.register(3, a)).collect();
    assert_eq!(b3, [0x34, 0x56, 0x00, 0x12, 0x02, 0x00]);
    assert_eq!(chip.phy_register(PHCON1) & PHCON1_PDPXMD, 0);
    assert_eq!(chip.phy_register(PHCON2), PHCON2_HDLDIS);
    assert_eq!(chip.phy_register(PHLCON), 0x3476);
    assert_eq!(
        chip.register(1, ERXFCON & 0x1F),
        ERXFCON_UCEN | ERXFCON_CRCEN | ERXFCON_BCEN | ERXFCON_HTEN
    );
    assert_ne!(chip.register(0, ECON1) & ECON1_RXEN, 0);
    assert!(chip.violations().is_empty(), "{:?}", chip.violations());
}

#[test]
fn full_duplex_sets_pdpxmd_and_fuldpx_together() {
    let mut config = Config::new(MAC);
    config.full_duplex = true;
    config.multicast = MulticastMode::Promiscuous;
    config.phlcon = 0x3880;
    let (model, mut eth) = setup_with(Enc28j60Model::new(), config);
    {
        let chip = model.lock();
        assert_eq!(chip.register(2, MACON3 & 0x1F), 0x33);
        assert_eq!(chip.register(2, MABBIPG & 0x1F), 0x15);
        assert_eq!(chip.register(2, MACON1 & 0x1F), 0x0D);
        assert_ne!(chip.phy_register(PHCON1) & PHCON1_PDPXMD, 0);
        assert_eq!(chip.phy_register(PHLCON), 0x3880);
        assert_ne!(chip.register(1, ERXFCON & 0x1F) & ERXFCON_MCEN, 0);
    }
    // Promiscuous multicast: any group passes.
    let f = frame([0x33, 0x33, 0xde, 0xad, 0xbe, 0xef], 80, 1);
    assert_eq!(model.lock().inject_frame(&f), InjectResult::Accepted);
    let mut buf = [0u8; 1514];
    assert_eq!(eth.receive(&mut buf).unwrap(), Some(80));
    eth.transmit(&f).unwrap();
    assert_eq!(model.lock().pop_transmitted().unwrap(), f);
    assert_no_violations(&model);
}

#[test]
fn revisions_are_decoded_and_unknown_is_only_a_warning() {
    for (erevid, rev) in [
        (REV_B1, Revision::B1),
        (REV_B4, Revision::B4),
        (REV_B5, Revision::B5),
        (REV_B7, Revision::B7),
        (0x00, Revision::Unknown(0)),
        (0x07, Revision::Unknown(7)),
    ] {
        let (model, mut eth) = setup(Enc28j60Model::new().with_revision(erevid));
        assert_eq!(eth.revision(), rev);
        assert_eq!(rev.is_known(), !matches!(rev, Revision::Unknown(_)));
        // Works the same whatever the revision.
        eth.transmit(&hex(ROUTER_SOLICITATION)).unwrap();
        assert_eq!(
            model.lock().pop_transmitted().unwrap(),
            hex(ROUTER_SOLICITATION)
        );
        assert_no_violations(&model);
    }
}

#[test]
fn missing_chip_is_an_error_not_a_hang() {
    let mut chip = Enc28j60Model::new();
    chip.faults_mut().miso_stuck_high = true;
    let model = SharedModel::new(chip);
    let result = Enc28j60::new(model.spi(), model.delay(), Config::new(MAC));
    assert!(matches!(result, Err(Error::NoChip)));

    let mut chip = Enc28j60Model::new();
    chip.faults_mut().miso_stuck_low = true;
    let model = SharedModel::new(chip);
    let result = Enc28j60::new(model.spi(), model.delay(), Config::new(MAC));
    assert!(matches!(result, Err(Error::ClockNotReady)));
    // Bounded: at most about 12 ms of model time spent.
    assert!(model.lock().now_ns() < 20_000_000);
}

#[test]
fn new_in_sets_up_the_driver_in_place() {
    use core::mem::MaybeUninit;
    // A chip that does not answer: the error, as from `new`.
    let mut chip = Enc28j60Model::new();
    chip.faults_mut().miso_stuck_high = true;
    let dead = SharedModel::new(chip);
    let mut slot = MaybeUninit::uninit();
    let result = Enc28j60::new_in(&mut slot, dead.spi(), dead.delay(), Config::new(MAC));
    assert!(matches!(result, Err(Error::NoChip)));
    // Again in the same slot with a working chip: initialised as by `new`,
    // and it moves frames both ways.
    let model = SharedModel::new(Enc28j60Model::new());
    let eth = Enc28j60::new_in(&mut slot, model.spi(), model.delay(), Config::new(MAC)).unwrap();
    assert_eq!(eth.revision(), Revision::B7);
    assert_eq!(model.lock().register16(ERXNDL), 0x19FF);
    let echo = hex(ECHO_REQUEST);
    assert_eq!(model.lock().inject_frame(&echo), InjectResult::Accepted);
    let mut buf = [0u8; 1514];
    assert_eq!(eth.receive(&mut buf).unwrap(), Some(echo.len()));
    assert_eq!(&buf[..echo.len()], &echo[..]);
    eth.transmit(&echo).unwrap();
    assert_eq!(model.lock().pop_transmitted().as_deref(), Some(&echo[..]));
    assert_no_violations(&model);
}

#[test]
fn bad_buffer_split_is_rejected() {
    for end in [0x1A00u16, 0x0101, 0x1FFB] {
        let mut config = Config::new(MAC);
        config.rx_buffer_end = end;
        let model = SharedModel::new(Enc28j60Model::new());
        let result = Enc28j60::new(model.spi(), model.delay(), config);
        assert!(matches!(result, Err(Error::BadConfig)), "{end:#x}");
    }
}

#[test]
fn reset_waits_the_errata_millisecond() {
    // The model ignores (and reports) writes during the 1 ms after a system
    // reset, while CLKRDY already reads 1 (errata "reset: CLKRDY").
    let (model, _eth) = setup(Enc28j60Model::new());
    assert_no_violations(&model);
    assert!(model.lock().now_ns() >= 1_000_000);
}

#[test]
fn sends_frames_exactly() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    let rs = hex(ROUTER_SOLICITATION);
    eth.transmit(&rs).unwrap();
    let short = frame(PEER, 42, 7);
    eth.transmit(&short).unwrap();
    let long = frame(PEER, 1514, 8);
    eth.transmit(&long).unwrap();
    let mut chip = model.lock();
    assert_eq!(chip.pop_transmitted().unwrap(), rs);
    assert_eq!(chip.pop_transmitted().unwrap(), padded(&short));
    assert_eq!(chip.pop_transmitted().unwrap(), long);
    assert_eq!(chip.pop_transmitted(), None);
    assert!(chip.violations().is_empty(), "{:?}", chip.violations());
    drop(chip);
    assert_eq!(eth.counters().tx_frames, 3);
    assert_eq!(
        eth.transmit(&frame(PEER, 1515, 0)),
        Err(Error::FrameTooLong)
    );
    assert_eq!(eth.transmit(&[]), Err(Error::FrameTooLong));
}

#[test]
fn receives_frames_exactly() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    let mut buf = [0u8; 1514];
    assert_eq!(eth.receive(&mut buf).unwrap(), None);
    assert!(matches!(
        eth.receive_nb(&mut buf),
        Err(nb::Error::WouldBlock)
    ));
    let echo = hex(ECHO_REQUEST);
    assert_eq!(model.lock().inject_frame(&echo), InjectResult::Accepted);
    assert_eq!(eth.pending_frames().unwrap(), 1);
    let len = eth.receive_nb(&mut buf).unwrap();
    assert_eq!(&buf[..len], &echo[..]);
    assert_eq!(eth.receive(&mut buf).unwrap(), None);
    assert_eq!(model.lock().pending_frames(), 0);
    // Not ours: filtered by the chip.
    let other = frame([0x02, 0, 0, 0, 0, 1], 64, 3);
    assert_eq!(model.lock().inject_frame(&other), InjectResult::Filtered);
    // Broadcast passes.
    let bcast = frame([0xFF; 6], 64, 4);
    assert_eq!(model.lock().inject_frame(&bcast), InjectResult::Accepted);
    assert_eq!(eth.receive(&mut buf).unwrap(), Some(64));
    assert_eq!(&buf[..64], &bcast[..]);
    assert_eq!(eth.counters().rx_frames, 2);
    assert_no_violations(&model);
}

#[test]
fn back_to_back_frames_arrive_in_order() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    let frames: Vec<Vec<u8>> = (0..6).map(|i| frame(MAC, 60 + i * 97, i as u32)).collect();
    inject_all(&model, &frames);
    receive_in_order(&mut eth, &frames);
    assert_no_violations(&model);
}

#[test]
fn frames_wrapping_at_the_rx_buffer_end_read_whole() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    let mut buf = [0u8; 1514];
    let mut wrapped = 0;
    for i in 0..40u32 {
        let f = frame(MAC, 200 + (i as usize * 131) % 1300, i);
        if inject_wrapping(&model, &f) {
            wrapped += 1;
        }
        let len = eth.receive(&mut buf).unwrap().expect("frame");
        assert_eq!(&buf[..len], &f[..], "frame {i}");
    }
    assert!(wrapped >= 3, "only {wrapped} wraps");
    assert_no_violations(&model);
}

#[test]
fn overflow_is_counted_and_reception_recovers() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    let mut accepted = Vec::new();
    for i in 0..20u32 {
        let f = frame(MAC, 1000, i);
        match model.lock().inject_frame(&f) {
            InjectResult::Accepted => accepted.push(f),
            InjectResult::Overflow => {}
            other => panic!("{other:?}"),
        }
    }
    assert!(accepted.len() < 20 && accepted.len() >= 5);
    receive_in_order(&mut eth, &accepted);
    assert_eq!(eth.counters().rx_overflows, 1);
    assert_eq!(model.lock().register(0, EIR) & EIR_RXERIF, 0);
    let f = frame(MAC, 1400, 99);
    assert_eq!(model.lock().inject_frame(&f), InjectResult::Accepted);
    let mut buf = [0u8; 1514];
    assert_eq!(eth.receive(&mut buf).unwrap(), Some(1400));
    assert_eq!(&buf[..1400], &f[..]);
    assert_no_violations(&model);
}

#[test]
fn corrupt_next_pointer_resets_rx_instead_of_reading_garbage() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    let mut buf = [0u8; 1514];
    // Move off the buffer start first.
    let warmup = frame(MAC, 300, 1);
    model.lock().inject_frame(&warmup);
    assert_eq!(eth.receive(&mut buf).unwrap(), Some(300));
    model.lock().faults_mut().corrupt_next_pointer = 1;
    model.lock().inject_frame(&frame(MAC, 100, 2));
    model.lock().inject_frame(&frame(MAC, 100, 3));
    assert_eq!(eth.receive(&mut buf).unwrap(), None);
    assert_eq!(eth.counters().rx_resets, 1);
    assert_eq!(model.lock().pending_frames(), 0);
    assert_eq!(model.lock().register16(ERXWRPTL), 0);
    let f = hex(NEIGHBOR_SOLICITATION);
    eth.set_multicast_filter(&[solicited_node_mac([0x12, 0x34, 0x56])])
        .unwrap();
    assert_eq!(model.lock().inject_frame(&f), InjectResult::Accepted);
    let len = eth.receive(&mut buf).unwrap().unwrap();
    assert_eq!(&buf[..len], &f[..]);
    assert_no_violations(&model);
}

#[test]
fn frames_longer_than_the_callers_buffer_are_dropped_and_counted() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    let big = frame(MAC, 600, 1);
    let small = frame(MAC, 100, 2);
    model.lock().inject_frame(&big);
    model.lock().inject_frame(&small);
    let mut buf = [0u8; 200];
    assert_eq!(eth.receive(&mut buf).unwrap(), Some(100));
    assert_eq!(&buf[..100], &small[..]);
    assert_eq!(eth.counters().rx_dropped_too_long, 1);
    assert_eq!(eth.receive(&mut buf).unwrap(), None);
    assert_no_violations(&model);
}

#[test]
fn bad_crc_frames_never_reach_the_stack() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    let mut buf = [0u8; 1514];
    // ERXFCON.CRCEN (set by the driver): the chip drops them.
    model.lock().faults_mut().bad_crc = 1;
    assert_eq!(
        model.lock().inject_frame(&hex(ECHO_REQUEST)),
        InjectResult::Filtered
    );
    // With CRCEN cleared behind the driver's back (bank restored after) they
    // are stored with receive-OK clear: the driver drops, counts, goes on.
    {
        let mut chip = model.lock();
        let saved_bank = chip.register(0, ECON1) & 0x03;
        for command in [
            [OP_BFC | ECON1, 0x03],
            [OP_BFS | ECON1, 0x01],
            [OP_BFC | (ERXFCON & 0x1F), ERXFCON_CRCEN],
            [OP_BFC | ECON1, 0x03],
            [OP_BFS | ECON1, saved_bank],
        ] {
            chip.select();
            for byte in command {
                chip.exchange(byte);
            }
            chip.deselect();
        }
        chip.faults_mut().bad_crc = 1;
    }
    assert_eq!(
        model.lock().inject_frame(&hex(ECHO_REQUEST)),
        InjectResult::Accepted
    );
    let good = frame(MAC, 100, 1);
    assert_eq!(model.lock().inject_frame(&good), InjectResult::Accepted);
    assert_eq!(eth.receive(&mut buf).unwrap(), Some(100));
    assert_eq!(&buf[..100], &good[..]);
    assert_eq!(eth.counters().rx_dropped_bad_status, 1);
    assert_no_violations(&model);
}

#[test]
fn late_collisions_are_retried_up_to_16_times() {
    let (model, mut eth) = setup(Enc28j60Model::new().with_revision(REV_B5));
    let f = hex(ROUTER_SOLICITATION);
    model.lock().faults_mut().late_collisions = 3;
    eth.transmit(&f).unwrap();
    assert_eq!(eth.counters().tx_late_collision_retries, 3);
    assert_eq!(model.lock().pop_transmitted().unwrap(), f);
    assert_eq!(model.lock().pop_transmitted(), None);

    // Errata 15: the TSV bit may be missing; still a late collision.
    {
        let mut chip = model.lock();
        chip.faults_mut().late_collisions = 2;
        chip.faults_mut().late_collision_without_bit = true;
    }
    eth.transmit(&f).unwrap();
    assert_eq!(eth.counters().tx_late_collision_retries, 5);
    assert_eq!(model.lock().pop_transmitted().unwrap(), f);

    // More than 16: reported, and the next send still works (TXRST).
    *model.lock().faults_mut() = Faults {
        late_collisions: 17,
        ..Faults::default()
    };
    // TSV byte 3: late collision, multicast destination (ff02::2).
    assert_eq!(
        eth.transmit(&f),
        Err(Error::TxFailed(TSV3_LATE_COLLISION | 0x01))
    );
    assert_eq!(eth.counters().tx_errors, 1);
    assert_eq!(model.lock().pop_transmitted(), None);
    assert_eq!(eth.counters().tx_late_collision_retries, 5 + 16);
    // The abort's TXERIF was cleared with it: the next send goes out at
    // its first attempt (a flag left set would look like a new abort).
    assert_eq!(model.lock().register(0, EIR) & EIR_TXERIF, 0);
    eth.transmit(&f).unwrap();
    assert_eq!(model.lock().pop_transmitted().unwrap(), f);
    assert_eq!(eth.counters().tx_late_collision_retries, 5 + 16);
    assert_no_violations(&model);
}

#[test]
fn stuck_txrts_times_out_and_the_next_send_works() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    let f = hex(ROUTER_SOLICITATION);
    model.lock().faults_mut().stuck_txrts = 1;
    let t0 = model.lock().now_ns();
    assert_eq!(eth.transmit(&f), Err(Error::TxTimeout));
    let waited = model.lock().now_ns() - t0;
    assert!(waited < 200_000_000, "waited {waited} ns");
    assert_eq!(eth.counters().tx_timeouts, 1);
    assert_eq!(model.lock().register(0, ECON1) & ECON1_TXRTS, 0);
    eth.transmit(&f).unwrap();
    assert_eq!(model.lock().pop_transmitted().unwrap(), f);
    assert_no_violations(&model);
}

#[test]
fn link_state_and_latched_drops() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    assert!(eth.link_up().unwrap());
    assert!(!eth.link_dropped().unwrap());
    model.lock().set_link(false);
    assert!(!eth.link_up().unwrap());
    assert_eq!(
        model.lock().inject_frame(&hex(ECHO_REQUEST)),
        InjectResult::NotReceiving
    );
    model.lock().set_link(true);
    assert!(eth.link_up().unwrap());
    // The drop stays latched until read once.
    assert!(eth.link_dropped().unwrap());
    assert!(!eth.link_dropped().unwrap());
    assert_eq!(eth.counters().link_drops, 1);
    assert_no_violations(&model);
}

#[test]
fn multicast_filter_accepts_exactly_the_groups_asked_for() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    let groups = [
        ALL_NODES_MAC,
        solicited_node_mac([0x12, 0x34, 0x56]),
        solicited_node_mac([0xab, 0xcd, 0xef]),
    ];
    eth.set_multicast_filter(&groups).unwrap();
    let wanted: Vec<u8> = groups.iter().map(hash_index).collect();
    let mut buf = [0u8; 1514];
    for (i, g) in groups.iter().enumerate() {
        let f = frame(*g, 90, i as u32);
        assert_eq!(
            model.lock().inject_frame(&f),
            InjectResult::Accepted,
            "{g:02x?}"
        );
        assert_eq!(eth.receive(&mut buf).unwrap(), Some(90));
    }
    // Other groups: rejected unless they share a hash bit with a wanted one.
    let mut rejected = 0;
    for i in 0..200u32 {
        let g = solicited_node_mac([(i >> 8) as u8, i as u8, 0x77]);
        let expect = if wanted.contains(&hash_index(&g)) {
            InjectResult::Accepted
        } else {
            rejected += 1;
            InjectResult::Filtered
        };
        assert_eq!(
            model.lock().inject_frame(&frame(g, 64, i)),
            expect,
            "{g:02x?}"
        );
        while eth.receive(&mut buf).unwrap().is_some() {}
    }
    assert!(rejected > 150);
    // Clearing the table shuts them all out.
    eth.set_multicast_filter(&[]).unwrap();
    assert_eq!(
        model.lock().inject_frame(&frame(ALL_NODES_MAC, 64, 0)),
        InjectResult::Filtered
    );
    assert_no_violations(&model);
}

#[test]
fn ipv6_filter_programs_the_same_table_as_the_two_groups() {
    for low24 in [[0x12, 0x34, 0x56], [0xab, 0xcd, 0xef], [0, 0, 0], [0xff; 3]] {
        let (model, mut eth) = setup(Enc28j60Model::new());
        eth.set_multicast_filter(&[ALL_NODES_MAC, solicited_node_mac(low24)])
            .unwrap();
        let by_groups: Vec<u8> = (0..8).map(|i| model.lock().register(1, i)).collect();
        eth.set_multicast_filter(&[]).unwrap();
        eth.set_ipv6_multicast_filter(&low24).unwrap();
        let by_ipv6: Vec<u8> = (0..8).map(|i| model.lock().register(1, i)).collect();
        assert_eq!(by_ipv6, by_groups, "{low24:02x?}");
        assert_eq!(by_ipv6.iter().map(|b| b.count_ones()).sum::<u32>(), {
            let a = hash_index(&ALL_NODES_MAC);
            let s = hash_index(&solicited_node_mac(low24));
            if a == s {
                1
            } else {
                2
            }
        });
        // Both groups pass the filter.
        let mut buf = [0u8; 1514];
        for (i, g) in [ALL_NODES_MAC, solicited_node_mac(low24)]
            .iter()
            .enumerate()
        {
            assert_eq!(
                model.lock().inject_frame(&frame(*g, 70, i as u32)),
                InjectResult::Accepted
            );
            assert_eq!(eth.receive(&mut buf).unwrap(), Some(70));
        }
        assert_no_violations(&model);
    }
}

/// `set_ipv6_multicast_filter` builds each EHT byte as it writes it (the
/// all-nodes bit, index 51: EHT6 bit 3, and the solicited-node bit): the
/// table it leaves is the two groups' bits by `hash_index` (DS39662 8.4:
/// index bit n is EHTn/8 bit n%8), for every solicited-node index,
/// including those in EHT6 and the all-nodes bit itself.
#[test]
fn ipv6_filter_sets_the_two_hash_bits_at_every_index() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    let all_nodes = hash_index(&ALL_NODES_MAC);
    assert_eq!(all_nodes, 51);
    let mut seen = 0u64;
    for k in 0..=0xFFFFu32 {
        let low24 = [0x5A, (k >> 8) as u8, k as u8];
        let solicited = hash_index(&solicited_node_mac(low24));
        if seen & 1 << solicited != 0 {
            continue;
        }
        seen |= 1 << solicited;
        let mut expect = [0u8; 8];
        for index in [all_nodes, solicited] {
            expect[usize::from(index / 8)] |= 1 << (index % 8);
        }
        eth.set_ipv6_multicast_filter(&low24).unwrap();
        let table: Vec<u8> = (0..8).map(|i| model.lock().register(1, i)).collect();
        assert_eq!(
            table, expect,
            "{low24:02x?}: solicited-node index {solicited}"
        );
    }
    assert_eq!(seen, u64::MAX, "every index reached");
    assert_no_violations(&model);
}

#[test]
fn interrupts_follow_the_edge_rules() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    eth.enable_interrupts(EIE_PKTIE | EIE_RXERIE | EIE_LINKIE)
        .unwrap();
    assert!(!model.lock().int_asserted());
    model.lock().inject_frame(&hex(ECHO_REQUEST));
    assert!(model.lock().int_asserted());
    let mut buf = [0u8; 1514];
    assert_eq!(eth.receive(&mut buf).unwrap(), Some(70));
    assert!(!model.lock().int_asserted());
    model.lock().set_link(false);
    assert!(model.lock().int_asserted());
    let eir = eth.service_interrupt().unwrap();
    assert_ne!(eir & EIR_LINKIF, 0);
    assert!(!model.lock().int_asserted());
    assert_ne!(model.lock().register(0, EIE) & EIE_INTIE, 0);
    assert_no_violations(&model);
}

#[test]
fn power_down_and_wake() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    eth.power_down().unwrap();
    assert_ne!(model.lock().register(0, ECON2) & ECON2_PWRSV, 0);
    assert_eq!(
        model.lock().inject_frame(&hex(ECHO_REQUEST)),
        InjectResult::NotReceiving
    );
    eth.wake().unwrap();
    assert_eq!(
        model.lock().inject_frame(&hex(ECHO_REQUEST)),
        InjectResult::Accepted
    );
    let mut buf = [0u8; 1514];
    assert_eq!(eth.receive(&mut buf).unwrap(), Some(70));
    assert_no_violations(&model);
}

#[test]
fn every_revision_quirk_is_worked_around() {
    for rev in [REV_B1, REV_B4, REV_B5, REV_B7] {
        let (model, mut eth) = setup(Enc28j60Model::new().with_revision(rev));
        let mut buf = [0u8; 1514];
        model.lock().faults_mut().late_collisions = 1;
        eth.transmit(&hex(ROUTER_SOLICITATION)).unwrap();
        for i in 0..30u32 {
            let f = frame(MAC, 500 + i as usize * 10, i);
            model.lock().inject_frame(&f);
            assert_eq!(eth.receive(&mut buf).unwrap(), Some(f.len()));
            assert_eq!(&buf[..f.len()], &f[..]);
        }
        assert_no_violations(&model);
    }
}

/// SPI cost per frame (deterministic byte counts through the model).
#[test]
fn receive_costs_at_most_n_plus_12_data_bytes() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    let mut buf = [0u8; 1514];
    for len in [60usize, 70, 591, 1514] {
        let f = frame(MAC, len, len as u32);
        model.lock().inject_frame(&f);
        model.lock().reset_stats();
        assert_eq!(eth.receive(&mut buf).unwrap(), Some(len));
        let stats = model.lock().stats();
        // Buffer commands: opcode bytes + data bytes.
        let data_phase = stats.rbm_data_bytes + stats.buffer_ops;
        assert!(data_phase <= len as u64 + 12, "{len}: {stats:?}");
        assert!(stats.register_ops <= 12, "{len}: {stats:?}");
    }
}

#[test]
fn receive_cut_stores_the_head_and_sums_the_tail() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    // Even and odd stored lengths, even and odd frame lengths.
    for (i, (frame_len, buf_len)) in [(600, 200), (601, 200), (600, 201), (601, 201), (1514, 350)]
        .into_iter()
        .enumerate()
    {
        let f = frame(MAC, frame_len, i as u32);
        assert_eq!(model.lock().inject_frame(&f), InjectResult::Accepted);
        let mut buf = vec![0u8; buf_len];
        let rx = eth.receive_cut(&mut buf).unwrap().expect("frame");
        assert_eq!(usize::from(rx.len), frame_len, "case {i}");
        assert_eq!(usize::from(rx.stored), buf_len, "case {i}");
        assert_eq!(&buf[..], &f[..buf_len], "case {i}");
        assert_eq!(rx.tail_sum, tail_sum_reference(&f, buf_len), "case {i}");
        assert_ne!(rx.tail_sum, 0, "case {i}");
    }
    assert_eq!(eth.counters().rx_dropped_too_long, 5);
    assert_eq!(eth.counters().rx_frames, 5);
    // A frame that fits: stored whole, nothing summed, as `receive` does.
    let small = frame(MAC, 150, 77);
    model.lock().inject_frame(&small);
    let mut buf = [0u8; 350];
    let rx = eth.receive_cut(&mut buf).unwrap().expect("frame");
    assert_eq!((rx.len, rx.stored, rx.tail_sum), (150, 150, 0));
    assert_eq!(&buf[..150], &small[..]);
    assert_eq!(eth.counters().rx_dropped_too_long, 5);
    assert_eq!(eth.receive_cut(&mut buf).unwrap(), None);
    assert_no_violations(&model);
}

#[test]
fn receive_cut_reads_frames_wrapping_at_the_buffer_end_and_the_next_frame() {
    let (model, mut eth) = setup(Enc28j60Model::new());
    let mut buf = [0u8; 351];
    let mut wrapped = 0;
    for i in 0..40u32 {
        let f = frame(MAC, 300 + (i as usize * 131) % 1200, i);
        let g = frame(MAC, 64 + i as usize, 1000 + i);
        if inject_wrapping(&model, &f) {
            wrapped += 1;
        }
        assert_eq!(model.lock().inject_frame(&g), InjectResult::Accepted);
        let rx = eth.receive_cut(&mut buf).unwrap().expect("frame");
        let stored = f.len().min(buf.len());
        assert_eq!(
            (usize::from(rx.len), usize::from(rx.stored)),
            (f.len(), stored)
        );
        assert_eq!(&buf[..stored], &f[..stored], "frame {i}");
        assert_eq!(rx.tail_sum, tail_sum_reference(&f, stored), "frame {i}");
        // The frame after it is read from its own start.
        let rx = eth.receive_cut(&mut buf).unwrap().expect("next frame");
        assert_eq!(usize::from(rx.len), g.len());
        assert_eq!(&buf[..g.len()], &g[..], "frame {i}");
    }
    assert!(wrapped >= 3, "only {wrapped} wraps");
    assert_no_violations(&model);
}
