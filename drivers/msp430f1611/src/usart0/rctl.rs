#[doc = "Register `RCTL` reader"]
pub type R = crate::R<RctlSpec>;
#[doc = "Register `RCTL` writer"]
pub type W = crate::W<RctlSpec>;
#[doc = "Field `RXERR` reader - RXERR"]
pub type RxerrR = crate::BitReader;
#[doc = "Field `RXERR` writer - RXERR"]
pub type RxerrW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `RXWAKE` reader - RXWAKE"]
pub type RxwakeR = crate::BitReader;
#[doc = "Field `RXWAKE` writer - RXWAKE"]
pub type RxwakeW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `URXWIE` reader - URXWIE"]
pub type UrxwieR = crate::BitReader;
#[doc = "Field `URXWIE` writer - URXWIE"]
pub type UrxwieW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `URXEIE` reader - URXEIE"]
pub type UrxeieR = crate::BitReader;
#[doc = "Field `URXEIE` writer - URXEIE"]
pub type UrxeieW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `BRK` reader - BRK"]
pub type BrkR = crate::BitReader;
#[doc = "Field `BRK` writer - BRK"]
pub type BrkW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `OE` reader - OE"]
pub type OeR = crate::BitReader;
#[doc = "Field `OE` writer - OE"]
pub type OeW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `PE` reader - PE"]
pub type PeR = crate::BitReader;
#[doc = "Field `PE` writer - PE"]
pub type PeW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `FE` reader - FE"]
pub type FeR = crate::BitReader;
#[doc = "Field `FE` writer - FE"]
pub type FeW<'a, REG> = crate::BitWriter<'a, REG>;
impl R {
    #[doc = "Bit 0 - RXERR"]
    #[inline(always)]
    pub fn rxerr(&self) -> RxerrR {
        RxerrR::new((self.bits & 1) != 0)
    }
    #[doc = "Bit 1 - RXWAKE"]
    #[inline(always)]
    pub fn rxwake(&self) -> RxwakeR {
        RxwakeR::new(((self.bits >> 1) & 1) != 0)
    }
    #[doc = "Bit 2 - URXWIE"]
    #[inline(always)]
    pub fn urxwie(&self) -> UrxwieR {
        UrxwieR::new(((self.bits >> 2) & 1) != 0)
    }
    #[doc = "Bit 3 - URXEIE"]
    #[inline(always)]
    pub fn urxeie(&self) -> UrxeieR {
        UrxeieR::new(((self.bits >> 3) & 1) != 0)
    }
    #[doc = "Bit 4 - BRK"]
    #[inline(always)]
    pub fn brk(&self) -> BrkR {
        BrkR::new(((self.bits >> 4) & 1) != 0)
    }
    #[doc = "Bit 5 - OE"]
    #[inline(always)]
    pub fn oe(&self) -> OeR {
        OeR::new(((self.bits >> 5) & 1) != 0)
    }
    #[doc = "Bit 6 - PE"]
    #[inline(always)]
    pub fn pe(&self) -> PeR {
        PeR::new(((self.bits >> 6) & 1) != 0)
    }
    #[doc = "Bit 7 - FE"]
    #[inline(always)]
    pub fn fe(&self) -> FeR {
        FeR::new(((self.bits >> 7) & 1) != 0)
    }
}
impl W {
    #[doc = "Bit 0 - RXERR"]
    #[inline(always)]
    pub fn rxerr(&mut self) -> RxerrW<'_, RctlSpec> {
        RxerrW::new(self, 0)
    }
    #[doc = "Bit 1 - RXWAKE"]
    #[inline(always)]
    pub fn rxwake(&mut self) -> RxwakeW<'_, RctlSpec> {
        RxwakeW::new(self, 1)
    }
    #[doc = "Bit 2 - URXWIE"]
    #[inline(always)]
    pub fn urxwie(&mut self) -> UrxwieW<'_, RctlSpec> {
        UrxwieW::new(self, 2)
    }
    #[doc = "Bit 3 - URXEIE"]
    #[inline(always)]
    pub fn urxeie(&mut self) -> UrxeieW<'_, RctlSpec> {
        UrxeieW::new(self, 3)
    }
    #[doc = "Bit 4 - BRK"]
    #[inline(always)]
    pub fn brk(&mut self) -> BrkW<'_, RctlSpec> {
        BrkW::new(self, 4)
    }
    #[doc = "Bit 5 - OE"]
    #[inline(always)]
    pub fn oe(&mut self) -> OeW<'_, RctlSpec> {
        OeW::new(self, 5)
    }
    #[doc = "Bit 6 - PE"]
    #[inline(always)]
    pub fn pe(&mut self) -> PeW<'_, RctlSpec> {
        PeW::new(self, 6)
    }
    #[doc = "Bit 7 - FE"]
    #[inline(always)]
    pub fn fe(&mut self) -> FeW<'_, RctlSpec> {
        FeW::new(self, 7)
    }
}
#[doc = "Receive control\n\nYou can [`read`](crate::Reg::read) this register and get [`rctl::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`rctl::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct RctlSpec;
impl crate::RegisterSpec for RctlSpec {
    type Ux = u8;
}
#[doc = "`read()` method returns [`rctl::R`](R) reader structure"]
impl crate::Readable for RctlSpec {}
#[doc = "`write(|w| ..)` method takes [`rctl::W`](W) writer structure"]
impl crate::Writable for RctlSpec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets RCTL to value 0"]
impl crate::Resettable for RctlSpec {}
