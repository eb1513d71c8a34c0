#[doc = "Register `FCTL2` reader"]
pub type R = crate::R<Fctl2Spec>;
#[doc = "Register `FCTL2` writer"]
pub type W = crate::W<Fctl2Spec>;
#[doc = "Field `FN` reader - Clock divider minus one"]
pub type FnR = crate::FieldReader;
#[doc = "Field `FN` writer - Clock divider minus one"]
pub type FnW<'a, REG> = crate::FieldWriter<'a, REG, 6>;
#[doc = "Field `FSSEL` reader - Clock source: ACLK, MCLK, SMCLK, SMCLK"]
pub type FsselR = crate::FieldReader;
#[doc = "Field `FSSEL` writer - Clock source: ACLK, MCLK, SMCLK, SMCLK"]
pub type FsselW<'a, REG> = crate::FieldWriter<'a, REG, 2>;
#[doc = "Key\n\nValue on reset: 0"]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Fkey {
    #[doc = "165: Write key"]
    Fwkey = 165,
    #[doc = "150: Read value"]
    Frkey = 150,
}
impl From<Fkey> for u8 {
    #[inline(always)]
    fn from(variant: Fkey) -> Self {
        variant as _
    }
}
impl crate::FieldSpec for Fkey {
    type Ux = u8;
}
impl crate::IsEnum for Fkey {}
#[doc = "Field `FKEY` reader - Key"]
pub type FkeyR = crate::FieldReader<Fkey>;
impl FkeyR {
    #[doc = "Get enumerated values variant"]
    #[inline(always)]
    pub const fn variant(&self) -> Option<Fkey> {
        match self.bits {
            165 => Some(Fkey::Fwkey),
            150 => Some(Fkey::Frkey),
            _ => None,
        }
    }
    #[doc = "Write key"]
    #[inline(always)]
    pub fn is_fwkey(&self) -> bool {
        *self == Fkey::Fwkey
    }
    #[doc = "Read value"]
    #[inline(always)]
    pub fn is_frkey(&self) -> bool {
        *self == Fkey::Frkey
    }
}
#[doc = "Field `FKEY` writer - Key"]
pub type FkeyW<'a, REG> = crate::FieldWriter<'a, REG, 8, Fkey>;
impl<'a, REG> FkeyW<'a, REG>
where
    REG: crate::Writable + crate::RegisterSpec,
    REG::Ux: From<u8>,
{
    #[doc = "Write key"]
    #[inline(always)]
    pub fn fwkey(self) -> &'a mut crate::W<REG> {
        self.variant(Fkey::Fwkey)
    }
    #[doc = "Read value"]
    #[inline(always)]
    pub fn frkey(self) -> &'a mut crate::W<REG> {
        self.variant(Fkey::Frkey)
    }
}
impl R {
    #[doc = "Bits 0:5 - Clock divider minus one"]
    #[inline(always)]
    pub fn fn_(&self) -> FnR {
        FnR::new((self.bits & 0x3f) as u8)
    }
    #[doc = "Bits 6:7 - Clock source: ACLK, MCLK, SMCLK, SMCLK"]
    #[inline(always)]
    pub fn fssel(&self) -> FsselR {
        FsselR::new(((self.bits >> 6) & 3) as u8)
    }
    #[doc = "Bits 8:15 - Key"]
    #[inline(always)]
    pub fn fkey(&self) -> FkeyR {
        FkeyR::new(((self.bits >> 8) & 0xff) as u8)
    }
}
impl W {
    #[doc = "Bits 0:5 - Clock divider minus one"]
    #[inline(always)]
    pub fn fn_(&mut self) -> FnW<'_, Fctl2Spec> {
        FnW::new(self, 0)
    }
    #[doc = "Bits 6:7 - Clock source: ACLK, MCLK, SMCLK, SMCLK"]
    #[inline(always)]
    pub fn fssel(&mut self) -> FsselW<'_, Fctl2Spec> {
        FsselW::new(self, 6)
    }
    #[doc = "Bits 8:15 - Key"]
    #[inline(always)]
    pub fn fkey(&mut self) -> FkeyW<'_, Fctl2Spec> {
        FkeyW::new(self, 8)
    }
}
#[doc = "Flash control 2\n\nYou can [`read`](crate::Reg::read) this register and get [`fctl2::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`fctl2::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct Fctl2Spec;
impl crate::RegisterSpec for Fctl2Spec {
    type Ux = u16;
}
#[doc = "`read()` method returns [`fctl2::R`](R) reader structure"]
impl crate::Readable for Fctl2Spec {}
#[doc = "`write(|w| ..)` method takes [`fctl2::W`](W) writer structure"]
impl crate::Writable for Fctl2Spec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets FCTL2 to value 0"]
impl crate::Resettable for Fctl2Spec {}
