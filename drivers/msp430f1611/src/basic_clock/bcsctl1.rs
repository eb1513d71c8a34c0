#[doc = "Register `BCSCTL1` reader"]
pub type R = crate::R<Bcsctl1Spec>;
#[doc = "Register `BCSCTL1` writer"]
pub type W = crate::W<Bcsctl1Spec>;
#[doc = "Field `RSEL` reader - Resistor (range) select"]
pub type RselR = crate::FieldReader;
#[doc = "Field `RSEL` writer - Resistor (range) select"]
pub type RselW<'a, REG> = crate::FieldWriter<'a, REG, 3>;
#[doc = "Field `XT5V` reader - Unused, keep 0"]
pub type Xt5vR = crate::BitReader;
#[doc = "Field `XT5V` writer - Unused, keep 0"]
pub type Xt5vW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "ACLK divider\n\nValue on reset: 0"]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Diva {
    #[doc = "0: /1"]
    Diva0 = 0,
    #[doc = "1: /2"]
    Diva1 = 1,
    #[doc = "2: /4"]
    Diva2 = 2,
    #[doc = "3: /8"]
    Diva3 = 3,
}
impl From<Diva> for u8 {
    #[inline(always)]
    fn from(variant: Diva) -> Self {
        variant as _
    }
}
impl crate::FieldSpec for Diva {
    type Ux = u8;
}
impl crate::IsEnum for Diva {}
#[doc = "Field `DIVA` reader - ACLK divider"]
pub type DivaR = crate::FieldReader<Diva>;
impl DivaR {
    #[doc = "Get enumerated values variant"]
    #[inline(always)]
    pub const fn variant(&self) -> Diva {
        match self.bits {
            0 => Diva::Diva0,
            1 => Diva::Diva1,
            2 => Diva::Diva2,
            3 => Diva::Diva3,
            _ => unreachable!(),
        }
    }
    #[doc = "/1"]
    #[inline(always)]
    pub fn is_diva_0(&self) -> bool {
        *self == Diva::Diva0
    }
    #[doc = "/2"]
    #[inline(always)]
    pub fn is_diva_1(&self) -> bool {
        *self == Diva::Diva1
    }
    #[doc = "/4"]
    #[inline(always)]
    pub fn is_diva_2(&self) -> bool {
        *self == Diva::Diva2
    }
    #[doc = "/8"]
    #[inline(always)]
    pub fn is_diva_3(&self) -> bool {
        *self == Diva::Diva3
    }
}
#[doc = "Field `DIVA` writer - ACLK divider"]
pub type DivaW<'a, REG> = crate::FieldWriter<'a, REG, 2, Diva, crate::Safe>;
impl<'a, REG> DivaW<'a, REG>
where
    REG: crate::Writable + crate::RegisterSpec,
    REG::Ux: From<u8>,
{
    #[doc = "/1"]
    #[inline(always)]
    pub fn diva_0(self) -> &'a mut crate::W<REG> {
        self.variant(Diva::Diva0)
    }
    #[doc = "/2"]
    #[inline(always)]
    pub fn diva_1(self) -> &'a mut crate::W<REG> {
        self.variant(Diva::Diva1)
    }
    #[doc = "/4"]
    #[inline(always)]
    pub fn diva_2(self) -> &'a mut crate::W<REG> {
        self.variant(Diva::Diva2)
    }
    #[doc = "/8"]
    #[inline(always)]
    pub fn diva_3(self) -> &'a mut crate::W<REG> {
        self.variant(Diva::Diva3)
    }
}
#[doc = "Field `XTS` reader - LFXT1 mode: 0 low frequency, 1 high frequency"]
pub type XtsR = crate::BitReader;
#[doc = "Field `XTS` writer - LFXT1 mode: 0 low frequency, 1 high frequency"]
pub type XtsW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `XT2OFF` reader - XT2 oscillator off"]
pub type Xt2offR = crate::BitReader;
#[doc = "Field `XT2OFF` writer - XT2 oscillator off"]
pub type Xt2offW<'a, REG> = crate::BitWriter<'a, REG>;
impl R {
    #[doc = "Bits 0:2 - Resistor (range) select"]
    #[inline(always)]
    pub fn rsel(&self) -> RselR {
        RselR::new(self.bits & 7)
    }
    #[doc = "Bit 3 - Unused, keep 0"]
    #[inline(always)]
    pub fn xt5v(&self) -> Xt5vR {
        Xt5vR::new(((self.bits >> 3) & 1) != 0)
    }
    #[doc = "Bits 4:5 - ACLK divider"]
    #[inline(always)]
    pub fn diva(&self) -> DivaR {
        DivaR::new((self.bits >> 4) & 3)
    }
    #[doc = "Bit 6 - LFXT1 mode: 0 low frequency, 1 high frequency"]
    #[inline(always)]
    pub fn xts(&self) -> XtsR {
        XtsR::new(((self.bits >> 6) & 1) != 0)
    }
    #[doc = "Bit 7 - XT2 oscillator off"]
    #[inline(always)]
    pub fn xt2off(&self) -> Xt2offR {
        Xt2offR::new(((self.bits >> 7) & 1) != 0)
    }
}
impl W {
    #[doc = "Bits 0:2 - Resistor (range) select"]
    #[inline(always)]
    pub fn rsel(&mut self) -> RselW<'_, Bcsctl1Spec> {
        RselW::new(self, 0)
    }
    #[doc = "Bit 3 - Unused, keep 0"]
    #[inline(always)]
    pub fn xt5v(&mut self) -> Xt5vW<'_, Bcsctl1Spec> {
        Xt5vW::new(self, 3)
    }
    #[doc = "Bits 4:5 - ACLK divider"]
    #[inline(always)]
    pub fn diva(&mut self) -> DivaW<'_, Bcsctl1Spec> {
        DivaW::new(self, 4)
    }
    #[doc = "Bit 6 - LFXT1 mode: 0 low frequency, 1 high frequency"]
    #[inline(always)]
    pub fn xts(&mut self) -> XtsW<'_, Bcsctl1Spec> {
        XtsW::new(self, 6)
    }
    #[doc = "Bit 7 - XT2 oscillator off"]
    #[inline(always)]
    pub fn xt2off(&mut self) -> Xt2offW<'_, Bcsctl1Spec> {
        Xt2offW::new(self, 7)
    }
}
#[doc = "Basic clock system control 1\n\nYou can [`read`](crate::Reg::read) this register and get [`bcsctl1::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`bcsctl1::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct Bcsctl1Spec;
impl crate::RegisterSpec for Bcsctl1Spec {
    type Ux = u8;
}
#[doc = "`read()` method returns [`bcsctl1::R`](R) reader structure"]
impl crate::Readable for Bcsctl1Spec {}
#[doc = "`write(|w| ..)` method takes [`bcsctl1::W`](W) writer structure"]
impl crate::Writable for Bcsctl1Spec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets BCSCTL1 to value 0"]
impl crate::Resettable for Bcsctl1Spec {}
