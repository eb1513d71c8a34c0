#[doc = "Register `BR0` reader"]
pub type R = crate::R<Br0Spec>;
#[doc = "Register `BR0` writer"]
pub type W = crate::W<Br0Spec>;
impl core::fmt::Debug for R {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        write!(f, "{}", self.bits())
    }
}
impl W {}
#[doc = "Baud rate divider, low byte\n\nYou can [`read`](crate::Reg::read) this register and get [`br0::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`br0::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct Br0Spec;
impl crate::RegisterSpec for Br0Spec {
    type Ux = u8;
}
#[doc = "`read()` method returns [`br0::R`](R) reader structure"]
impl crate::Readable for Br0Spec {}
#[doc = "`write(|w| ..)` method takes [`br0::W`](W) writer structure"]
impl crate::Writable for Br0Spec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets BR0 to value 0"]
impl crate::Resettable for Br0Spec {}
