#[repr(C)]
#[doc = "Register block"]
pub struct RegisterBlock {
    ctl: Ctl,
    tctl: Tctl,
    rctl: Rctl,
    mctl: Mctl,
    br0: Br0,
    br1: Br1,
    rxbuf: Rxbuf,
    txbuf: Txbuf,
}
impl RegisterBlock {
    #[doc = "0x00 - Control"]
    #[inline(always)]
    pub const fn ctl(&self) -> &Ctl {
        &self.ctl
    }
    #[doc = "0x01 - Transmit control"]
    #[inline(always)]
    pub const fn tctl(&self) -> &Tctl {
        &self.tctl
    }
    #[doc = "0x02 - Receive control"]
    #[inline(always)]
    pub const fn rctl(&self) -> &Rctl {
        &self.rctl
    }
    #[doc = "0x03 - Modulation control"]
    #[inline(always)]
    pub const fn mctl(&self) -> &Mctl {
        &self.mctl
    }
    #[doc = "0x04 - Baud rate divider, low byte"]
    #[inline(always)]
    pub const fn br0(&self) -> &Br0 {
        &self.br0
    }
    #[doc = "0x05 - Baud rate divider, high byte"]
    #[inline(always)]
    pub const fn br1(&self) -> &Br1 {
        &self.br1
    }
    #[doc = "0x06 - Receive buffer"]
    #[inline(always)]
    pub const fn rxbuf(&self) -> &Rxbuf {
        &self.rxbuf
    }
    #[doc = "0x07 - Transmit buffer"]
    #[inline(always)]
    pub const fn txbuf(&self) -> &Txbuf {
        &self.txbuf
    }
}
#[doc = "CTL (rw) register accessor: Control\n\nYou can [`read`](crate::Reg::read) this register and get [`ctl::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ctl::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@ctl`] module"]
#[doc(alias = "CTL")]
pub type Ctl = crate::Reg<ctl::CtlSpec>;
#[doc = "Control"]
pub mod ctl;
#[doc = "TCTL (rw) register accessor: Transmit control\n\nYou can [`read`](crate::Reg::read) this register and get [`tctl::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`tctl::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@tctl`] module"]
#[doc(alias = "TCTL")]
pub type Tctl = crate::Reg<tctl::TctlSpec>;
#[doc = "Transmit control"]
pub mod tctl;
#[doc = "RCTL (rw) register accessor: Receive control\n\nYou can [`read`](crate::Reg::read) this register and get [`rctl::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`rctl::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@rctl`] module"]
#[doc(alias = "RCTL")]
pub type Rctl = crate::Reg<rctl::RctlSpec>;
#[doc = "Receive control"]
pub mod rctl;
#[doc = "MCTL (rw) register accessor: Modulation control\n\nYou can [`read`](crate::Reg::read) this register and get [`mctl::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`mctl::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@mctl`] module"]
#[doc(alias = "MCTL")]
pub type Mctl = crate::Reg<mctl::MctlSpec>;
#[doc = "Modulation control"]
pub mod mctl;
#[doc = "BR0 (rw) register accessor: Baud rate divider, low byte\n\nYou can [`read`](crate::Reg::read) this register and get [`br0::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`br0::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@br0`] module"]
#[doc(alias = "BR0")]
pub type Br0 = crate::Reg<br0::Br0Spec>;
#[doc = "Baud rate divider, low byte"]
pub mod br0;
#[doc = "BR1 (rw) register accessor: Baud rate divider, high byte\n\nYou can [`read`](crate::Reg::read) this register and get [`br1::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`br1::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@br1`] module"]
#[doc(alias = "BR1")]
pub type Br1 = crate::Reg<br1::Br1Spec>;
#[doc = "Baud rate divider, high byte"]
pub mod br1;
#[doc = "RXBUF (r) register accessor: Receive buffer\n\nYou can [`read`](crate::Reg::read) this register and get [`rxbuf::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@rxbuf`] module"]
#[doc(alias = "RXBUF")]
pub type Rxbuf = crate::Reg<rxbuf::RxbufSpec>;
#[doc = "Receive buffer"]
pub mod rxbuf;
#[doc = "TXBUF (rw) register accessor: Transmit buffer\n\nYou can [`read`](crate::Reg::read) this register and get [`txbuf::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`txbuf::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@txbuf`] module"]
#[doc(alias = "TXBUF")]
pub type Txbuf = crate::Reg<txbuf::TxbufSpec>;
#[doc = "Transmit buffer"]
pub mod txbuf;
