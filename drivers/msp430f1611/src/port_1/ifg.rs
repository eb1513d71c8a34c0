#[doc = "Register `IFG` reader"]
pub type R = crate::R<IfgSpec>;
#[doc = "Register `IFG` writer"]
pub type W = crate::W<IfgSpec>;
impl core::fmt::Debug for R {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        write!(f, "{}", self.bits())
    }
}
impl W {}
#[doc = "Interrupt flag\n\nYou can [`read`](crate::Reg::read) this register and get [`ifg::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ifg::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct IfgSpec;
impl crate::RegisterSpec for IfgSpec {
    type Ux = u8;
}
#[doc = "`read()` method returns [`ifg::R`](R) reader structure"]
impl crate::Readable for IfgSpec {}
#[doc = "`write(|w| ..)` method takes [`ifg::W`](W) writer structure"]
impl crate::Writable for IfgSpec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets IFG to value 0"]
impl crate::Resettable for IfgSpec {}
