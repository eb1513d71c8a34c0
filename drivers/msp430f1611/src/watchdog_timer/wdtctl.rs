#[doc = "Register `WDTCTL` reader"]
pub type R = crate::R<WdtctlSpec>;
#[doc = "Register `WDTCTL` writer"]
pub type W = crate::W<WdtctlSpec>;
#[doc = "Field `WDTIS` reader - Interval select"]
pub type WdtisR = crate::FieldReader;
#[doc = "Field `WDTIS` writer - Interval select"]
pub type WdtisW<'a, REG> = crate::FieldWriter<'a, REG, 2>;
#[doc = "Field `WDTSSEL` reader - Clock source: 0 SMCLK, 1 ACLK"]
pub type WdtsselR = crate::BitReader;
#[doc = "Field `WDTSSEL` writer - Clock source: 0 SMCLK, 1 ACLK"]
pub type WdtsselW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `WDTCNTCL` reader - Counter clear"]
pub type WdtcntclR = crate::BitReader;
#[doc = "Field `WDTCNTCL` writer - Counter clear"]
pub type WdtcntclW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `WDTTMSEL` reader - Mode: 0 watchdog, 1 interval timer"]
pub type WdttmselR = crate::BitReader;
#[doc = "Field `WDTTMSEL` writer - Mode: 0 watchdog, 1 interval timer"]
pub type WdttmselW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `WDTNMI` reader - RST/NMI pin function"]
pub type WdtnmiR = crate::BitReader;
#[doc = "Field `WDTNMI` writer - RST/NMI pin function"]
pub type WdtnmiW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `WDTNMIES` reader - NMI edge select"]
pub type WdtnmiesR = crate::BitReader;
#[doc = "Field `WDTNMIES` writer - NMI edge select"]
pub type WdtnmiesW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `WDTHOLD` reader - Stop the watchdog"]
pub type WdtholdR = crate::BitReader;
#[doc = "Field `WDTHOLD` writer - Stop the watchdog"]
pub type WdtholdW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Password: write 0x5A, reads 0x69\n\nValue on reset: 0"]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Wdtpw {
    #[doc = "90: Password"]
    Wdtpw = 90,
}
impl From<Wdtpw> for u8 {
    #[inline(always)]
    fn from(variant: Wdtpw) -> Self {
        variant as _
    }
}
impl crate::FieldSpec for Wdtpw {
    type Ux = u8;
}
impl crate::IsEnum for Wdtpw {}
#[doc = "Field `WDTPW` reader - Password: write 0x5A, reads 0x69"]
pub type WdtpwR = crate::FieldReader<Wdtpw>;
impl WdtpwR {
    #[doc = "Get enumerated values variant"]
    #[inline(always)]
    pub const fn variant(&self) -> Option<Wdtpw> {
        match self.bits {
            90 => Some(Wdtpw::Wdtpw),
            _ => None,
        }
    }
    #[doc = "Password"]
    #[inline(always)]
    pub fn is_wdtpw(&self) -> bool {
        *self == Wdtpw::Wdtpw
    }
}
#[doc = "Field `WDTPW` writer - Password: write 0x5A, reads 0x69"]
pub type WdtpwW<'a, REG> = crate::FieldWriter<'a, REG, 8, Wdtpw>;
impl<'a, REG> WdtpwW<'a, REG>
where
    REG: crate::Writable + crate::RegisterSpec,
    REG::Ux: From<u8>,
{
    #[doc = "Password"]
    #[inline(always)]
    pub fn wdtpw(self) -> &'a mut crate::W<REG> {
        self.variant(Wdtpw::Wdtpw)
    }
}
impl R {
    #[doc = "Bits 0:1 - Interval select"]
    #[inline(always)]
    pub fn wdtis(&self) -> WdtisR {
        WdtisR::new((self.bits & 3) as u8)
    }
    #[doc = "Bit 2 - Clock source: 0 SMCLK, 1 ACLK"]
    #[inline(always)]
    pub fn wdtssel(&self) -> WdtsselR {
        WdtsselR::new(((self.bits >> 2) & 1) != 0)
    }
    #[doc = "Bit 3 - Counter clear"]
    #[inline(always)]
    pub fn wdtcntcl(&self) -> WdtcntclR {
        WdtcntclR::new(((self.bits >> 3) & 1) != 0)
    }
    #[doc = "Bit 4 - Mode: 0 watchdog, 1 interval timer"]
    #[inline(always)]
    pub fn wdttmsel(&self) -> WdttmselR {
        WdttmselR::new(((self.bits >> 4) & 1) != 0)
    }
    #[doc = "Bit 5 - RST/NMI pin function"]
    #[inline(always)]
    pub fn wdtnmi(&self) -> WdtnmiR {
        WdtnmiR::new(((self.bits >> 5) & 1) != 0)
    }
    #[doc = "Bit 6 - NMI edge select"]
    #[inline(always)]
    pub fn wdtnmies(&self) -> WdtnmiesR {
        WdtnmiesR::new(((self.bits >> 6) & 1) != 0)
    }
    #[doc = "Bit 7 - Stop the watchdog"]
    #[inline(always)]
    pub fn wdthold(&self) -> WdtholdR {
        WdtholdR::new(((self.bits >> 7) & 1) != 0)
    }
    #[doc = "Bits 8:15 - Password: write 0x5A, reads 0x69"]
    #[inline(always)]
    pub fn wdtpw(&self) -> WdtpwR {
        WdtpwR::new(((self.bits >> 8) & 0xff) as u8)
    }
}
impl W {
    #[doc = "Bits 0:1 - Interval select"]
    #[inline(always)]
    pub fn wdtis(&mut self) -> WdtisW<'_, WdtctlSpec> {
        WdtisW::new(self, 0)
    }
    #[doc = "Bit 2 - Clock source: 0 SMCLK, 1 ACLK"]
    #[inline(always)]
    pub fn wdtssel(&mut self) -> WdtsselW<'_, WdtctlSpec> {
        WdtsselW::new(self, 2)
    }
    #[doc = "Bit 3 - Counter clear"]
    #[inline(always)]
    pub fn wdtcntcl(&mut self) -> WdtcntclW<'_, WdtctlSpec> {
        WdtcntclW::new(self, 3)
    }
    #[doc = "Bit 4 - Mode: 0 watchdog, 1 interval timer"]
    #[inline(always)]
    pub fn wdttmsel(&mut self) -> WdttmselW<'_, WdtctlSpec> {
        WdttmselW::new(self, 4)
    }
    #[doc = "Bit 5 - RST/NMI pin function"]
    #[inline(always)]
    pub fn wdtnmi(&mut self) -> WdtnmiW<'_, WdtctlSpec> {
        WdtnmiW::new(self, 5)
    }
    #[doc = "Bit 6 - NMI edge select"]
    #[inline(always)]
    pub fn wdtnmies(&mut self) -> WdtnmiesW<'_, WdtctlSpec> {
        WdtnmiesW::new(self, 6)
    }
    #[doc = "Bit 7 - Stop the watchdog"]
    #[inline(always)]
    pub fn wdthold(&mut self) -> WdtholdW<'_, WdtctlSpec> {
        WdtholdW::new(self, 7)
    }
    #[doc = "Bits 8:15 - Password: write 0x5A, reads 0x69"]
    #[inline(always)]
    pub fn wdtpw(&mut self) -> WdtpwW<'_, WdtctlSpec> {
        WdtpwW::new(self, 8)
    }
}
#[doc = "Watchdog timer control (write with WDTPW in the high byte)\n\nYou can [`read`](crate::Reg::read) this register and get [`wdtctl::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`wdtctl::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct WdtctlSpec;
impl crate::RegisterSpec for WdtctlSpec {
    type Ux = u16;
}
#[doc = "`read()` method returns [`wdtctl::R`](R) reader structure"]
impl crate::Readable for WdtctlSpec {}
#[doc = "`write(|w| ..)` method takes [`wdtctl::W`](W) writer structure"]
impl crate::Writable for WdtctlSpec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets WDTCTL to value 0"]
impl crate::Resettable for WdtctlSpec {}
