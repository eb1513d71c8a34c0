#[doc = "Register `TBCTL` reader"]
pub type R = crate::R<TbctlSpec>;
#[doc = "Register `TBCTL` writer"]
pub type W = crate::W<TbctlSpec>;
#[doc = "Field `TBIFG` reader - Overflow interrupt flag"]
pub type TbifgR = crate::BitReader;
#[doc = "Field `TBIFG` writer - Overflow interrupt flag"]
pub type TbifgW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `TBIE` reader - Overflow interrupt enable"]
pub type TbieR = crate::BitReader;
#[doc = "Field `TBIE` writer - Overflow interrupt enable"]
pub type TbieW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `TBCLR` reader - Clear counter, divider and direction"]
pub type TbclrR = crate::BitReader;
#[doc = "Field `TBCLR` writer - Clear counter, divider and direction"]
pub type TbclrW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Mode control\n\nValue on reset: 0"]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Mc {
    #[doc = "0: Stop"]
    Mc0 = 0,
    #[doc = "1: Up mode: count to CCR0"]
    Mc1 = 1,
    #[doc = "2: Continuous mode"]
    Mc2 = 2,
    #[doc = "3: Up/down mode"]
    Mc3 = 3,
}
impl From<Mc> for u8 {
    #[inline(always)]
    fn from(variant: Mc) -> Self {
        variant as _
    }
}
impl crate::FieldSpec for Mc {
    type Ux = u8;
}
impl crate::IsEnum for Mc {}
#[doc = "Field `MC` reader - Mode control"]
pub type McR = crate::FieldReader<Mc>;
impl McR {
    #[doc = "Get enumerated values variant"]
    #[inline(always)]
    pub const fn variant(&self) -> Mc {
        match self.bits {
            0 => Mc::Mc0,
            1 => Mc::Mc1,
            2 => Mc::Mc2,
            3 => Mc::Mc3,
            _ => unreachable!(),
        }
    }
    #[doc = "Stop"]
    #[inline(always)]
    pub fn is_mc_0(&self) -> bool {
        *self == Mc::Mc0
    }
    #[doc = "Up mode: count to CCR0"]
    #[inline(always)]
    pub fn is_mc_1(&self) -> bool {
        *self == Mc::Mc1
    }
    #[doc = "Continuous mode"]
    #[inline(always)]
    pub fn is_mc_2(&self) -> bool {
        *self == Mc::Mc2
    }
    #[doc = "Up/down mode"]
    #[inline(always)]
    pub fn is_mc_3(&self) -> bool {
        *self == Mc::Mc3
    }
}
#[doc = "Field `MC` writer - Mode control"]
pub type McW<'a, REG> = crate::FieldWriter<'a, REG, 2, Mc, crate::Safe>;
impl<'a, REG> McW<'a, REG>
where
    REG: crate::Writable + crate::RegisterSpec,
    REG::Ux: From<u8>,
{
    #[doc = "Stop"]
    #[inline(always)]
    pub fn mc_0(self) -> &'a mut crate::W<REG> {
        self.variant(Mc::Mc0)
    }
    #[doc = "Up mode: count to CCR0"]
    #[inline(always)]
    pub fn mc_1(self) -> &'a mut crate::W<REG> {
        self.variant(Mc::Mc1)
    }
    #[doc = "Continuous mode"]
    #[inline(always)]
    pub fn mc_2(self) -> &'a mut crate::W<REG> {
        self.variant(Mc::Mc2)
    }
    #[doc = "Up/down mode"]
    #[inline(always)]
    pub fn mc_3(self) -> &'a mut crate::W<REG> {
        self.variant(Mc::Mc3)
    }
}
#[doc = "Input divider\n\nValue on reset: 0"]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Id {
    #[doc = "0: /1"]
    Id0 = 0,
    #[doc = "1: /2"]
    Id1 = 1,
    #[doc = "2: /4"]
    Id2 = 2,
    #[doc = "3: /8"]
    Id3 = 3,
}
impl From<Id> for u8 {
    #[inline(always)]
    fn from(variant: Id) -> Self {
        variant as _
    }
}
impl crate::FieldSpec for Id {
    type Ux = u8;
}
impl crate::IsEnum for Id {}
#[doc = "Field `ID` reader - Input divider"]
pub type IdR = crate::FieldReader<Id>;
impl IdR {
    #[doc = "Get enumerated values variant"]
    #[inline(always)]
    pub const fn variant(&self) -> Id {
        match self.bits {
            0 => Id::Id0,
            1 => Id::Id1,
            2 => Id::Id2,
            3 => Id::Id3,
            _ => unreachable!(),
        }
    }
    #[doc = "/1"]
    #[inline(always)]
    pub fn is_id_0(&self) -> bool {
        *self == Id::Id0
    }
    #[doc = "/2"]
    #[inline(always)]
    pub fn is_id_1(&self) -> bool {
        *self == Id::Id1
    }
    #[doc = "/4"]
    #[inline(always)]
    pub fn is_id_2(&self) -> bool {
        *self == Id::Id2
    }
    #[doc = "/8"]
    #[inline(always)]
    pub fn is_id_3(&self) -> bool {
        *self == Id::Id3
    }
}
#[doc = "Field `ID` writer - Input divider"]
pub type IdW<'a, REG> = crate::FieldWriter<'a, REG, 2, Id, crate::Safe>;
impl<'a, REG> IdW<'a, REG>
where
    REG: crate::Writable + crate::RegisterSpec,
    REG::Ux: From<u8>,
{
    #[doc = "/1"]
    #[inline(always)]
    pub fn id_0(self) -> &'a mut crate::W<REG> {
        self.variant(Id::Id0)
    }
    #[doc = "/2"]
    #[inline(always)]
    pub fn id_1(self) -> &'a mut crate::W<REG> {
        self.variant(Id::Id1)
    }
    #[doc = "/4"]
    #[inline(always)]
    pub fn id_2(self) -> &'a mut crate::W<REG> {
        self.variant(Id::Id2)
    }
    #[doc = "/8"]
    #[inline(always)]
    pub fn id_3(self) -> &'a mut crate::W<REG> {
        self.variant(Id::Id3)
    }
}
#[doc = "Field `TBSSEL` reader - Clock source"]
pub type TbsselR = crate::FieldReader;
#[doc = "Field `TBSSEL` writer - Clock source"]
pub type TbsselW<'a, REG> = crate::FieldWriter<'a, REG, 2>;
#[doc = "Field `CNTL` reader - Counter length: 16, 12, 10, 8 bits"]
pub type CntlR = crate::FieldReader;
#[doc = "Field `CNTL` writer - Counter length: 16, 12, 10, 8 bits"]
pub type CntlW<'a, REG> = crate::FieldWriter<'a, REG, 2>;
#[doc = "Field `TBCLGRP` reader - Compare latch load grouping"]
pub type TbclgrpR = crate::FieldReader;
#[doc = "Field `TBCLGRP` writer - Compare latch load grouping"]
pub type TbclgrpW<'a, REG> = crate::FieldWriter<'a, REG, 2>;
impl R {
    #[doc = "Bit 0 - Overflow interrupt flag"]
    #[inline(always)]
    pub fn tbifg(&self) -> TbifgR {
        TbifgR::new((self.bits & 1) != 0)
    }
    #[doc = "Bit 1 - Overflow interrupt enable"]
    #[inline(always)]
    pub fn tbie(&self) -> TbieR {
        TbieR::new(((self.bits >> 1) & 1) != 0)
    }
    #[doc = "Bit 2 - Clear counter, divider and direction"]
    #[inline(always)]
    pub fn tbclr(&self) -> TbclrR {
        TbclrR::new(((self.bits >> 2) & 1) != 0)
    }
    #[doc = "Bits 4:5 - Mode control"]
    #[inline(always)]
    pub fn mc(&self) -> McR {
        McR::new(((self.bits >> 4) & 3) as u8)
    }
    #[doc = "Bits 6:7 - Input divider"]
    #[inline(always)]
    pub fn id(&self) -> IdR {
        IdR::new(((self.bits >> 6) & 3) as u8)
    }
    #[doc = "Bits 8:9 - Clock source"]
    #[inline(always)]
    pub fn tbssel(&self) -> TbsselR {
        TbsselR::new(((self.bits >> 8) & 3) as u8)
    }
    #[doc = "Bits 11:12 - Counter length: 16, 12, 10, 8 bits"]
    #[inline(always)]
    pub fn cntl(&self) -> CntlR {
        CntlR::new(((self.bits >> 11) & 3) as u8)
    }
    #[doc = "Bits 13:14 - Compare latch load grouping"]
    #[inline(always)]
    pub fn tbclgrp(&self) -> TbclgrpR {
        TbclgrpR::new(((self.bits >> 13) & 3) as u8)
    }
}
impl W {
    #[doc = "Bit 0 - Overflow interrupt flag"]
    #[inline(always)]
    pub fn tbifg(&mut self) -> TbifgW<'_, TbctlSpec> {
        TbifgW::new(self, 0)
    }
    #[doc = "Bit 1 - Overflow interrupt enable"]
    #[inline(always)]
    pub fn tbie(&mut self) -> TbieW<'_, TbctlSpec> {
        TbieW::new(self, 1)
    }
    #[doc = "Bit 2 - Clear counter, divider and direction"]
    #[inline(always)]
    pub fn tbclr(&mut self) -> TbclrW<'_, TbctlSpec> {
        TbclrW::new(self, 2)
    }
    #[doc = "Bits 4:5 - Mode control"]
    #[inline(always)]
    pub fn mc(&mut self) -> McW<'_, TbctlSpec> {
        McW::new(self, 4)
    }
    #[doc = "Bits 6:7 - Input divider"]
    #[inline(always)]
    pub fn id(&mut self) -> IdW<'_, TbctlSpec> {
        IdW::new(self, 6)
    }
    #[doc = "Bits 8:9 - Clock source"]
    #[inline(always)]
    pub fn tbssel(&mut self) -> TbsselW<'_, TbctlSpec> {
        TbsselW::new(self, 8)
    }
    #[doc = "Bits 11:12 - Counter length: 16, 12, 10, 8 bits"]
    #[inline(always)]
    pub fn cntl(&mut self) -> CntlW<'_, TbctlSpec> {
        CntlW::new(self, 11)
    }
    #[doc = "Bits 13:14 - Compare latch load grouping"]
    #[inline(always)]
    pub fn tbclgrp(&mut self) -> TbclgrpW<'_, TbctlSpec> {
        TbclgrpW::new(self, 13)
    }
}
#[doc = "Control\n\nYou can [`read`](crate::Reg::read) this register and get [`tbctl::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`tbctl::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct TbctlSpec;
impl crate::RegisterSpec for TbctlSpec {
    type Ux = u16;
}
#[doc = "`read()` method returns [`tbctl::R`](R) reader structure"]
impl crate::Readable for TbctlSpec {}
#[doc = "`write(|w| ..)` method takes [`tbctl::W`](W) writer structure"]
impl crate::Writable for TbctlSpec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets TBCTL to value 0"]
impl crate::Resettable for TbctlSpec {}
