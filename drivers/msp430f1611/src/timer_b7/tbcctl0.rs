#[doc = "Register `TBCCTL0` reader"]
pub type R = crate::R<Tbcctl0Spec>;
#[doc = "Register `TBCCTL0` writer"]
pub type W = crate::W<Tbcctl0Spec>;
#[doc = "Field `CCIFG` reader - Capture/compare interrupt flag"]
pub type CcifgR = crate::BitReader;
#[doc = "Field `CCIFG` writer - Capture/compare interrupt flag"]
pub type CcifgW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `COV` reader - Capture overflow"]
pub type CovR = crate::BitReader;
#[doc = "Field `COV` writer - Capture overflow"]
pub type CovW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `OUT` reader - Output value (output mode 0)"]
pub type OutR = crate::BitReader;
#[doc = "Field `OUT` writer - Output value (output mode 0)"]
pub type OutW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `CCI` reader - Capture/compare input (read)"]
pub type CciR = crate::BitReader;
#[doc = "Field `CCIE` reader - Capture/compare interrupt enable"]
pub type CcieR = crate::BitReader;
#[doc = "Field `CCIE` writer - Capture/compare interrupt enable"]
pub type CcieW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `OUTMOD` reader - Output mode"]
pub type OutmodR = crate::FieldReader;
#[doc = "Field `OUTMOD` writer - Output mode"]
pub type OutmodW<'a, REG> = crate::FieldWriter<'a, REG, 3>;
#[doc = "Field `CAP` reader - Capture mode (1) or compare mode (0)"]
pub type CapR = crate::BitReader;
#[doc = "Field `CAP` writer - Capture mode (1) or compare mode (0)"]
pub type CapW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `CLLD` reader - Compare latch load"]
pub type ClldR = crate::FieldReader;
#[doc = "Field `CLLD` writer - Compare latch load"]
pub type ClldW<'a, REG> = crate::FieldWriter<'a, REG, 2>;
#[doc = "Field `SCS` reader - Synchronize capture source"]
pub type ScsR = crate::BitReader;
#[doc = "Field `SCS` writer - Synchronize capture source"]
pub type ScsW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `CCIS` reader - Capture input select"]
pub type CcisR = crate::FieldReader;
#[doc = "Field `CCIS` writer - Capture input select"]
pub type CcisW<'a, REG> = crate::FieldWriter<'a, REG, 2>;
#[doc = "Field `CM` reader - Capture mode"]
pub type CmR = crate::FieldReader;
#[doc = "Field `CM` writer - Capture mode"]
pub type CmW<'a, REG> = crate::FieldWriter<'a, REG, 2>;
impl R {
    #[doc = "Bit 0 - Capture/compare interrupt flag"]
    #[inline(always)]
    pub fn ccifg(&self) -> CcifgR {
        CcifgR::new((self.bits & 1) != 0)
    }
    #[doc = "Bit 1 - Capture overflow"]
    #[inline(always)]
    pub fn cov(&self) -> CovR {
        CovR::new(((self.bits >> 1) & 1) != 0)
    }
    #[doc = "Bit 2 - Output value (output mode 0)"]
    #[inline(always)]
    pub fn out(&self) -> OutR {
        OutR::new(((self.bits >> 2) & 1) != 0)
    }
    #[doc = "Bit 3 - Capture/compare input (read)"]
    #[inline(always)]
    pub fn cci(&self) -> CciR {
        CciR::new(((self.bits >> 3) & 1) != 0)
    }
    #[doc = "Bit 4 - Capture/compare interrupt enable"]
    #[inline(always)]
    pub fn ccie(&self) -> CcieR {
        CcieR::new(((self.bits >> 4) & 1) != 0)
    }
    #[doc = "Bits 5:7 - Output mode"]
    #[inline(always)]
    pub fn outmod(&self) -> OutmodR {
        OutmodR::new(((self.bits >> 5) & 7) as u8)
    }
    #[doc = "Bit 8 - Capture mode (1) or compare mode (0)"]
    #[inline(always)]
    pub fn cap(&self) -> CapR {
        CapR::new(((self.bits >> 8) & 1) != 0)
    }
    #[doc = "Bits 9:10 - Compare latch load"]
    #[inline(always)]
    pub fn clld(&self) -> ClldR {
        ClldR::new(((self.bits >> 9) & 3) as u8)
    }
    #[doc = "Bit 11 - Synchronize capture source"]
    #[inline(always)]
    pub fn scs(&self) -> ScsR {
        ScsR::new(((self.bits >> 11) & 1) != 0)
    }
    #[doc = "Bits 12:13 - Capture input select"]
    #[inline(always)]
    pub fn ccis(&self) -> CcisR {
        CcisR::new(((self.bits >> 12) & 3) as u8)
    }
    #[doc = "Bits 14:15 - Capture mode"]
    #[inline(always)]
    pub fn cm(&self) -> CmR {
        CmR::new(((self.bits >> 14) & 3) as u8)
    }
}
impl W {
    #[doc = "Bit 0 - Capture/compare interrupt flag"]
    #[inline(always)]
    pub fn ccifg(&mut self) -> CcifgW<'_, Tbcctl0Spec> {
        CcifgW::new(self, 0)
    }
    #[doc = "Bit 1 - Capture overflow"]
    #[inline(always)]
    pub fn cov(&mut self) -> CovW<'_, Tbcctl0Spec> {
        CovW::new(self, 1)
    }
    #[doc = "Bit 2 - Output value (output mode 0)"]
    #[inline(always)]
    pub fn out(&mut self) -> OutW<'_, Tbcctl0Spec> {
        OutW::new(self, 2)
    }
    #[doc = "Bit 4 - Capture/compare interrupt enable"]
    #[inline(always)]
    pub fn ccie(&mut self) -> CcieW<'_, Tbcctl0Spec> {
        CcieW::new(self, 4)
    }
    #[doc = "Bits 5:7 - Output mode"]
    #[inline(always)]
    pub fn outmod(&mut self) -> OutmodW<'_, Tbcctl0Spec> {
        OutmodW::new(self, 5)
    }
    #[doc = "Bit 8 - Capture mode (1) or compare mode (0)"]
    #[inline(always)]
    pub fn cap(&mut self) -> CapW<'_, Tbcctl0Spec> {
        CapW::new(self, 8)
    }
    #[doc = "Bits 9:10 - Compare latch load"]
    #[inline(always)]
    pub fn clld(&mut self) -> ClldW<'_, Tbcctl0Spec> {
        ClldW::new(self, 9)
    }
    #[doc = "Bit 11 - Synchronize capture source"]
    #[inline(always)]
    pub fn scs(&mut self) -> ScsW<'_, Tbcctl0Spec> {
        ScsW::new(self, 11)
    }
    #[doc = "Bits 12:13 - Capture input select"]
    #[inline(always)]
    pub fn ccis(&mut self) -> CcisW<'_, Tbcctl0Spec> {
        CcisW::new(self, 12)
    }
    #[doc = "Bits 14:15 - Capture mode"]
    #[inline(always)]
    pub fn cm(&mut self) -> CmW<'_, Tbcctl0Spec> {
        CmW::new(self, 14)
    }
}
#[doc = "Capture/compare control 0\n\nYou can [`read`](crate::Reg::read) this register and get [`tbcctl0::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`tbcctl0::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct Tbcctl0Spec;
impl crate::RegisterSpec for Tbcctl0Spec {
    type Ux = u16;
}
#[doc = "`read()` method returns [`tbcctl0::R`](R) reader structure"]
impl crate::Readable for Tbcctl0Spec {}
#[doc = "`write(|w| ..)` method takes [`tbcctl0::W`](W) writer structure"]
impl crate::Writable for Tbcctl0Spec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets TBCCTL0 to value 0"]
impl crate::Resettable for Tbcctl0Spec {}
