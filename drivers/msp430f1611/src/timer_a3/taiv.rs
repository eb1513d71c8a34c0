#[doc = "Register `TAIV` reader"]
pub type R = crate::R<TaivSpec>;
impl core::fmt::Debug for R {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        write!(f, "{}", self.bits())
    }
}
#[doc = "Interrupt vector\n\nYou can [`read`](crate::Reg::read) this register and get [`taiv::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct TaivSpec;
impl crate::RegisterSpec for TaivSpec {
    type Ux = u16;
}
#[doc = "`read()` method returns [`taiv::R`](R) reader structure"]
impl crate::Readable for TaivSpec {}
#[doc = "`reset()` method sets TAIV to value 0"]
impl crate::Resettable for TaivSpec {}
