#[doc = "Register `TCTL` reader"]
pub type R = crate::R<TctlSpec>;
#[doc = "Register `TCTL` writer"]
pub type W = crate::W<TctlSpec>;
#[doc = "Field `TXEPT` reader - Transmitter empty"]
pub type TxeptR = crate::BitReader;
#[doc = "Field `TXEPT` writer - Transmitter empty"]
pub type TxeptW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `STC` reader - SPI: 1 = 3-pin mode (STE disabled)"]
pub type StcR = crate::BitReader;
#[doc = "Field `STC` writer - SPI: 1 = 3-pin mode (STE disabled)"]
pub type StcW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `TXWAKE` reader - Transmitter wake"]
pub type TxwakeR = crate::BitReader;
#[doc = "Field `TXWAKE` writer - Transmitter wake"]
pub type TxwakeW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `URXSE` reader - UART receive start-edge"]
pub type UrxseR = crate::BitReader;
#[doc = "Field `URXSE` writer - UART receive start-edge"]
pub type UrxseW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `SSEL` reader - Clock source: UCLKI, ACLK, SMCLK, SMCLK"]
pub type SselR = crate::FieldReader;
#[doc = "Field `SSEL` writer - Clock source: UCLKI, ACLK, SMCLK, SMCLK"]
pub type SselW<'a, REG> = crate::FieldWriter<'a, REG, 2>;
#[doc = "Field `CKPL` reader - Clock polarity"]
pub type CkplR = crate::BitReader;
#[doc = "Field `CKPL` writer - Clock polarity"]
pub type CkplW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `CKPH` reader - SPI clock phase"]
pub type CkphR = crate::BitReader;
#[doc = "Field `CKPH` writer - SPI clock phase"]
pub type CkphW<'a, REG> = crate::BitWriter<'a, REG>;
impl R {
    #[doc = "Bit 0 - Transmitter empty"]
    #[inline(always)]
    pub fn txept(&self) -> TxeptR {
        TxeptR::new((self.bits & 1) != 0)
    }
    #[doc = "Bit 1 - SPI: 1 = 3-pin mode (STE disabled)"]
    #[inline(always)]
    pub fn stc(&self) -> StcR {
        StcR::new(((self.bits >> 1) & 1) != 0)
    }
    #[doc = "Bit 2 - Transmitter wake"]
    #[inline(always)]
    pub fn txwake(&self) -> TxwakeR {
        TxwakeR::new(((self.bits >> 2) & 1) != 0)
    }
    #[doc = "Bit 3 - UART receive start-edge"]
    #[inline(always)]
    pub fn urxse(&self) -> UrxseR {
        UrxseR::new(((self.bits >> 3) & 1) != 0)
    }
    #[doc = "Bits 4:5 - Clock source: UCLKI, ACLK, SMCLK, SMCLK"]
    #[inline(always)]
    pub fn ssel(&self) -> SselR {
        SselR::new((self.bits >> 4) & 3)
    }
    #[doc = "Bit 6 - Clock polarity"]
    #[inline(always)]
    pub fn ckpl(&self) -> CkplR {
        CkplR::new(((self.bits >> 6) & 1) != 0)
    }
    #[doc = "Bit 7 - SPI clock phase"]
    #[inline(always)]
    pub fn ckph(&self) -> CkphR {
        CkphR::new(((self.bits >> 7) & 1) != 0)
    }
}
impl W {
    #[doc = "Bit 0 - Transmitter empty"]
    #[inline(always)]
    pub fn txept(&mut self) -> TxeptW<'_, TctlSpec> {
        TxeptW::new(self, 0)
    }
    #[doc = "Bit 1 - SPI: 1 = 3-pin mode (STE disabled)"]
    #[inline(always)]
    pub fn stc(&mut self) -> StcW<'_, TctlSpec> {
        StcW::new(self, 1)
    }
    #[doc = "Bit 2 - Transmitter wake"]
    #[inline(always)]
    pub fn txwake(&mut self) -> TxwakeW<'_, TctlSpec> {
        TxwakeW::new(self, 2)
    }
    #[doc = "Bit 3 - UART receive start-edge"]
    #[inline(always)]
    pub fn urxse(&mut self) -> UrxseW<'_, TctlSpec> {
        UrxseW::new(self, 3)
    }
    #[doc = "Bits 4:5 - Clock source: UCLKI, ACLK, SMCLK, SMCLK"]
    #[inline(always)]
    pub fn ssel(&mut self) -> SselW<'_, TctlSpec> {
        SselW::new(self, 4)
    }
    #[doc = "Bit 6 - Clock polarity"]
    #[inline(always)]
    pub fn ckpl(&mut self) -> CkplW<'_, TctlSpec> {
        CkplW::new(self, 6)
    }
    #[doc = "Bit 7 - SPI clock phase"]
    #[inline(always)]
    pub fn ckph(&mut self) -> CkphW<'_, TctlSpec> {
        CkphW::new(self, 7)
    }
}
#[doc = "Transmit control\n\nYou can [`read`](crate::Reg::read) this register and get [`tctl::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`tctl::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct TctlSpec;
impl crate::RegisterSpec for TctlSpec {
    type Ux = u8;
}
#[doc = "`read()` method returns [`tctl::R`](R) reader structure"]
impl crate::Readable for TctlSpec {}
#[doc = "`write(|w| ..)` method takes [`tctl::W`](W) writer structure"]
impl crate::Writable for TctlSpec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets TCTL to value 0"]
impl crate::Resettable for TctlSpec {}
