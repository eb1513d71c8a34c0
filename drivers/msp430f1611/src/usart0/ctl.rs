#[doc = "Register `CTL` reader"]
pub type R = crate::R<CtlSpec>;
#[doc = "Register `CTL` writer"]
pub type W = crate::W<CtlSpec>;
#[doc = "Field `SWRST` reader - SWRST"]
pub type SwrstR = crate::BitReader;
#[doc = "Field `SWRST` writer - SWRST"]
pub type SwrstW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `MM` reader - MM"]
pub type MmR = crate::BitReader;
#[doc = "Field `MM` writer - MM"]
pub type MmW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `SYNC` reader - SYNC"]
pub type SyncR = crate::BitReader;
#[doc = "Field `SYNC` writer - SYNC"]
pub type SyncW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `LISTEN` reader - LISTEN"]
pub type ListenR = crate::BitReader;
#[doc = "Field `LISTEN` writer - LISTEN"]
pub type ListenW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `CHAR` reader - CHAR"]
pub type CharR = crate::BitReader;
#[doc = "Field `CHAR` writer - CHAR"]
pub type CharW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `SPB` reader - SPB"]
pub type SpbR = crate::BitReader;
#[doc = "Field `SPB` writer - SPB"]
pub type SpbW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `PEV` reader - PEV"]
pub type PevR = crate::BitReader;
#[doc = "Field `PEV` writer - PEV"]
pub type PevW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `PENA` reader - PENA"]
pub type PenaR = crate::BitReader;
#[doc = "Field `PENA` writer - PENA"]
pub type PenaW<'a, REG> = crate::BitWriter<'a, REG>;
impl R {
    #[doc = "Bit 0 - SWRST"]
    #[inline(always)]
    pub fn swrst(&self) -> SwrstR {
        SwrstR::new((self.bits & 1) != 0)
    }
    #[doc = "Bit 1 - MM"]
    #[inline(always)]
    pub fn mm(&self) -> MmR {
        MmR::new(((self.bits >> 1) & 1) != 0)
    }
    #[doc = "Bit 2 - SYNC"]
    #[inline(always)]
    pub fn sync(&self) -> SyncR {
        SyncR::new(((self.bits >> 2) & 1) != 0)
    }
    #[doc = "Bit 3 - LISTEN"]
    #[inline(always)]
    pub fn listen(&self) -> ListenR {
        ListenR::new(((self.bits >> 3) & 1) != 0)
    }
    #[doc = "Bit 4 - CHAR"]
    #[inline(always)]
    pub fn char(&self) -> CharR {
        CharR::new(((self.bits >> 4) & 1) != 0)
    }
    #[doc = "Bit 5 - SPB"]
    #[inline(always)]
    pub fn spb(&self) -> SpbR {
        SpbR::new(((self.bits >> 5) & 1) != 0)
    }
    #[doc = "Bit 6 - PEV"]
    #[inline(always)]
    pub fn pev(&self) -> PevR {
        PevR::new(((self.bits >> 6) & 1) != 0)
    }
    #[doc = "Bit 7 - PENA"]
    #[inline(always)]
    pub fn pena(&self) -> PenaR {
        PenaR::new(((self.bits >> 7) & 1) != 0)
    }
}
impl W {
    #[doc = "Bit 0 - SWRST"]
    #[inline(always)]
    pub fn swrst(&mut self) -> SwrstW<'_, CtlSpec> {
        SwrstW::new(self, 0)
    }
    #[doc = "Bit 1 - MM"]
    #[inline(always)]
    pub fn mm(&mut self) -> MmW<'_, CtlSpec> {
        MmW::new(self, 1)
    }
    #[doc = "Bit 2 - SYNC"]
    #[inline(always)]
    pub fn sync(&mut self) -> SyncW<'_, CtlSpec> {
        SyncW::new(self, 2)
    }
    #[doc = "Bit 3 - LISTEN"]
    #[inline(always)]
    pub fn listen(&mut self) -> ListenW<'_, CtlSpec> {
        ListenW::new(self, 3)
    }
    #[doc = "Bit 4 - CHAR"]
    #[inline(always)]
    pub fn char(&mut self) -> CharW<'_, CtlSpec> {
        CharW::new(self, 4)
    }
    #[doc = "Bit 5 - SPB"]
    #[inline(always)]
    pub fn spb(&mut self) -> SpbW<'_, CtlSpec> {
        SpbW::new(self, 5)
    }
    #[doc = "Bit 6 - PEV"]
    #[inline(always)]
    pub fn pev(&mut self) -> PevW<'_, CtlSpec> {
        PevW::new(self, 6)
    }
    #[doc = "Bit 7 - PENA"]
    #[inline(always)]
    pub fn pena(&mut self) -> PenaW<'_, CtlSpec> {
        PenaW::new(self, 7)
    }
}
#[doc = "Control\n\nYou can [`read`](crate::Reg::read) this register and get [`ctl::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ctl::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct CtlSpec;
impl crate::RegisterSpec for CtlSpec {
    type Ux = u8;
}
#[doc = "`read()` method returns [`ctl::R`](R) reader structure"]
impl crate::Readable for CtlSpec {}
#[doc = "`write(|w| ..)` method takes [`ctl::W`](W) writer structure"]
impl crate::Writable for CtlSpec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets CTL to value 0"]
impl crate::Resettable for CtlSpec {}
