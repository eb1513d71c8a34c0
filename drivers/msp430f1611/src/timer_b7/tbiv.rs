#[doc = "Register `TBIV` reader"]
pub type R = crate::R<TbivSpec>;
impl core::fmt::Debug for R {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        write!(f, "{}", self.bits())
    }
}
#[doc = "Interrupt vector\n\nYou can [`read`](crate::Reg::read) this register and get [`tbiv::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct TbivSpec;
impl crate::RegisterSpec for TbivSpec {
    type Ux = u16;
}
#[doc = "`read()` method returns [`tbiv::R`](R) reader structure"]
impl crate::Readable for TbivSpec {}
#[doc = "`reset()` method sets TBIV to value 0"]
impl crate::Resettable for TbivSpec {}
