#[doc = "Register `SEL` reader"]
pub type R = crate::R<SelSpec>;
#[doc = "Register `SEL` writer"]
pub type W = crate::W<SelSpec>;
impl core::fmt::Debug for R {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        write!(f, "{}", self.bits())
    }
}
impl W {}
#[doc = "Function select (1 = peripheral)\n\nYou can [`read`](crate::Reg::read) this register and get [`sel::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`sel::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct SelSpec;
impl crate::RegisterSpec for SelSpec {
    type Ux = u8;
}
#[doc = "`read()` method returns [`sel::R`](R) reader structure"]
impl crate::Readable for SelSpec {}
#[doc = "`write(|w| ..)` method takes [`sel::W`](W) writer structure"]
impl crate::Writable for SelSpec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets SEL to value 0"]
impl crate::Resettable for SelSpec {}
