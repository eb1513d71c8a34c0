#[doc = "Register `SUMEXT` reader"]
pub type R = crate::R<SumextSpec>;
impl core::fmt::Debug for R {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        write!(f, "{}", self.bits())
    }
}
#[doc = "Sum extension\n\nYou can [`read`](crate::Reg::read) this register and get [`sumext::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct SumextSpec;
impl crate::RegisterSpec for SumextSpec {
    type Ux = u16;
}
#[doc = "`read()` method returns [`sumext::R`](R) reader structure"]
impl crate::Readable for SumextSpec {}
#[doc = "`reset()` method sets SUMEXT to value 0"]
impl crate::Resettable for SumextSpec {}
