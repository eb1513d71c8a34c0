#[repr(C)]
#[doc = "Register block"]
pub struct RegisterBlock {
    in_: In,
    out: Out,
    dir: Dir,
    sel: Sel,
}
impl RegisterBlock {
    #[doc = "0x00 - Input"]
    #[inline(always)]
    pub const fn in_(&self) -> &In {
        &self.in_
    }
    #[doc = "0x01 - Output"]
    #[inline(always)]
    pub const fn out(&self) -> &Out {
        &self.out
    }
    #[doc = "0x02 - Direction (1 = output)"]
    #[inline(always)]
    pub const fn dir(&self) -> &Dir {
        &self.dir
    }
    #[doc = "0x03 - Function select (1 = peripheral)"]
    #[inline(always)]
    pub const fn sel(&self) -> &Sel {
        &self.sel
    }
}
#[doc = "IN (r) register accessor: Input\n\nYou can [`read`](crate::Reg::read) this register and get [`in_::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@in_`] module"]
#[doc(alias = "IN")]
pub type In = crate::Reg<in_::InSpec>;
#[doc = "Input"]
pub mod in_;
#[doc = "OUT (rw) register accessor: Output\n\nYou can [`read`](crate::Reg::read) this register and get [`out::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`out::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@out`] module"]
#[doc(alias = "OUT")]
pub type Out = crate::Reg<out::OutSpec>;
#[doc = "Output"]
pub mod out;
#[doc = "DIR (rw) register accessor: Direction (1 = output)\n\nYou can [`read`](crate::Reg::read) this register and get [`dir::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`dir::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@dir`] module"]
#[doc(alias = "DIR")]
pub type Dir = crate::Reg<dir::DirSpec>;
#[doc = "Direction (1 = output)"]
pub mod dir;
#[doc = "SEL (rw) register accessor: Function select (1 = peripheral)\n\nYou can [`read`](crate::Reg::read) this register and get [`sel::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`sel::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).\n\nFor information about available fields see [`mod@sel`] module"]
#[doc(alias = "SEL")]
pub type Sel = crate::Reg<sel::SelSpec>;
#[doc = "Function select (1 = peripheral)"]
pub mod sel;
