#[doc = "Register `BR1` reader"]
pub type R = crate::R<Br1Spec>;
#[doc = "Register `BR1` writer"]
pub type W = crate::W<Br1Spec>;
impl core::fmt::Debug for R {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        write!(f, "{}", self.bits())
    }
}
impl W {}
#[doc = "Baud rate divider, high byte\n\nYou can [`read`](crate::Reg::read) this register and get [`br1::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`br1::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct Br1Spec;
impl crate::RegisterSpec for Br1Spec {
    type Ux = u8;
}
#[doc = "`read()` method returns [`br1::R`](R) reader structure"]
impl crate::Readable for Br1Spec {}
#[doc = "`write(|w| ..)` method takes [`br1::W`](W) writer structure"]
impl crate::Writable for Br1Spec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets BR1 to value 0"]
impl crate::Resettable for Br1Spec {}
