#[doc = "Register `DCOCTL` reader"]
pub type R = crate::R<DcoctlSpec>;
#[doc = "Register `DCOCTL` writer"]
pub type W = crate::W<DcoctlSpec>;
#[doc = "Field `MOD` reader - Modulator selection"]
pub type ModR = crate::FieldReader;
#[doc = "Field `MOD` writer - Modulator selection"]
pub type ModW<'a, REG> = crate::FieldWriter<'a, REG, 5>;
#[doc = "Field `DCO` reader - DCO frequency select"]
pub type DcoR = crate::FieldReader;
#[doc = "Field `DCO` writer - DCO frequency select"]
pub type DcoW<'a, REG> = crate::FieldWriter<'a, REG, 3>;
impl R {
    #[doc = "Bits 0:4 - Modulator selection"]
    #[inline(always)]
    pub fn mod_(&self) -> ModR {
        ModR::new(self.bits & 0x1f)
    }
    #[doc = "Bits 5:7 - DCO frequency select"]
    #[inline(always)]
    pub fn dco(&self) -> DcoR {
        DcoR::new((self.bits >> 5) & 7)
    }
}
impl W {
    #[doc = "Bits 0:4 - Modulator selection"]
    #[inline(always)]
    pub fn mod_(&mut self) -> ModW<'_, DcoctlSpec> {
        ModW::new(self, 0)
    }
    #[doc = "Bits 5:7 - DCO frequency select"]
    #[inline(always)]
    pub fn dco(&mut self) -> DcoW<'_, DcoctlSpec> {
        DcoW::new(self, 5)
    }
}
#[doc = "DCO control\n\nYou can [`read`](crate::Reg::read) this register and get [`dcoctl::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`dcoctl::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct DcoctlSpec;
impl crate::RegisterSpec for DcoctlSpec {
    type Ux = u8;
}
#[doc = "`read()` method returns [`dcoctl::R`](R) reader structure"]
impl crate::Readable for DcoctlSpec {}
#[doc = "`write(|w| ..)` method takes [`dcoctl::W`](W) writer structure"]
impl crate::Writable for DcoctlSpec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets DCOCTL to value 0"]
impl crate::Resettable for DcoctlSpec {}
