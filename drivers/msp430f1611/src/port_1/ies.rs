#[doc = "Register `IES` reader"]
pub type R = crate::R<IesSpec>;
#[doc = "Register `IES` writer"]
pub type W = crate::W<IesSpec>;
impl core::fmt::Debug for R {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        write!(f, "{}", self.bits())
    }
}
impl W {}
#[doc = "Interrupt edge select (1 = falling)\n\nYou can [`read`](crate::Reg::read) this register and get [`ies::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ies::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct IesSpec;
impl crate::RegisterSpec for IesSpec {
    type Ux = u8;
}
#[doc = "`read()` method returns [`ies::R`](R) reader structure"]
impl crate::Readable for IesSpec {}
#[doc = "`write(|w| ..)` method takes [`ies::W`](W) writer structure"]
impl crate::Writable for IesSpec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets IES to value 0"]
impl crate::Resettable for IesSpec {}
