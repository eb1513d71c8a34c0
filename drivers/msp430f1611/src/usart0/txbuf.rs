#[doc = "Register `TXBUF` reader"]
pub type R = crate::R<TxbufSpec>;
#[doc = "Register `TXBUF` writer"]
pub type W = crate::W<TxbufSpec>;
impl core::fmt::Debug for R {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        write!(f, "{}", self.bits())
    }
}
impl W {}
#[doc = "Transmit buffer\n\nYou can [`read`](crate::Reg::read) this register and get [`txbuf::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`txbuf::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct TxbufSpec;
impl crate::RegisterSpec for TxbufSpec {
    type Ux = u8;
}
#[doc = "`read()` method returns [`txbuf::R`](R) reader structure"]
impl crate::Readable for TxbufSpec {}
#[doc = "`write(|w| ..)` method takes [`txbuf::W`](W) writer structure"]
impl crate::Writable for TxbufSpec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets TXBUF to value 0"]
impl crate::Resettable for TxbufSpec {}
