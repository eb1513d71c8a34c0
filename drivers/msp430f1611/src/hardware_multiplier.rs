#[repr(C)]
#[doc = "Register block"]
pub struct RegisterBlock {
    mpy: Mpy,
    mpys: Mpys,
    mac: Mac,
    macs: Macs,
    op2: Op2,
    reslo: Reslo,
    reshi: Reshi,
    sumext: Sumext,
}
impl RegisterBlock {
    #[doc = "0x00 - Operand 1, unsigned multiply"]
    #[inline(always)]
    pub const fn mpy(&self) -> &Mpy {
        &self.mpy
    }
    #[doc = "0x02 - Operand 1, signed multiply"]
    #[inline(always)]
    pub const fn mpys(&self) -> &Mpys {
        &self.mpys
    }
    #[doc = "0x04 - Operand 1, unsigned multiply-accumulate"]
    #[inline(always)]
    pub const fn mac(&self) -> &Mac {
        &self.mac
    }
    #[doc = "0x06 - Operand 1, signed multiply-accumulate"]
    #[inline(always)]
    pub const fn macs(&self) -> &Macs {
        &self.macs
    }
    #[doc = "0x08 - Operand 2 (writing it starts the operation)"]
    #[inline(always)]
    pub const fn op2(&self) -> &Op2 {
        &self.op2
    }
    #[doc = "0x0a - Result low word"]
    #[inline(always)]
    pub const fn reslo(&self) -> &Reslo {
        &self.reslo
    }
    #[doc = "0x0c - Result high word"]
    #[inline(always)]
    pub const fn reshi(&self) -> &Reshi {
        &self.reshi
    }
    #[doc = "0x0e - Sum extension"]
    #[inline(always)]
    pub const fn sumext(&self) -> &Sumext {
        &self.sumext
    }
}
#[doc = "MPY (rw) register accessor: Operand 1, unsigned multiply\n\nYou can [`read`](crate::Reg::read) this register and get [`mpy::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`mpy::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@mpy`] module"]
#[doc(alias = "MPY")]
pub type Mpy = crate::Reg<mpy::MpySpec>;
#[doc = "Operand 1, unsigned multiply"]
pub mod mpy;
#[doc = "MPYS (rw) register accessor: Operand 1, signed multiply\n\nYou can [`read`](crate::Reg::read) this register and get [`mpys::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`mpys::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@mpys`] module"]
#[doc(alias = "MPYS")]
pub type Mpys = crate::Reg<mpys::MpysSpec>;
#[doc = "Operand 1, signed multiply"]
pub mod mpys;
#[doc = "MAC (rw) register accessor: Operand 1, unsigned multiply-accumulate\n\nYou can [`read`](crate::Reg::read) this register and get [`mac::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`mac::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@mac`] module"]
#[doc(alias = "MAC")]
pub type Mac = crate::Reg<mac::MacSpec>;
#[doc = "Operand 1, unsigned multiply-accumulate"]
pub mod mac;
#[doc = "MACS (rw) register accessor: Operand 1, signed multiply-accumulate\n\nYou can [`read`](crate::Reg::read) this register and get [`macs::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`macs::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@macs`] module"]
#[doc(alias = "MACS")]
pub type Macs = crate::Reg<macs::MacsSpec>;
#[doc = "Operand 1, signed multiply-accumulate"]
pub mod macs;
#[doc = "OP2 (rw) register accessor: Operand 2 (writing it starts the operation)\n\nYou can [`read`](crate::Reg::read) this register and get [`op2::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`op2::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@op2`] module"]
#[doc(alias = "OP2")]
pub type Op2 = crate::Reg<op2::Op2Spec>;
#[doc = "Operand 2 (writing it starts the operation)"]
pub mod op2;
#[doc = "RESLO (rw) register accessor: Result low word\n\nYou can [`read`](crate::Reg::read) this register and get [`reslo::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`reslo::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@reslo`] module"]
#[doc(alias = "RESLO")]
pub type Reslo = crate::Reg<reslo::ResloSpec>;
#[doc = "Result low word"]
pub mod reslo;
#[doc = "RESHI (rw) register accessor: Result high word\n\nYou can [`read`](crate::Reg::read) this register and get [`reshi::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`reshi::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@reshi`] module"]
#[doc(alias = "RESHI")]
pub type Reshi = crate::Reg<reshi::ReshiSpec>;
#[doc = "Result high word"]
pub mod reshi;
#[doc = "SUMEXT (r) register accessor: Sum extension\n\nYou can [`read`](crate::Reg::read) this register and get [`sumext::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@sumext`] module"]
#[doc(alias = "SUMEXT")]
pub type Sumext = crate::Reg<sumext::SumextSpec>;
#[doc = "Sum extension"]
pub mod sumext;
