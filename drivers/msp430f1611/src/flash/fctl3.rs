#[doc = "Register `FCTL3` reader"]
pub type R = crate::R<Fctl3Spec>;
#[doc = "Register `FCTL3` writer"]
pub type W = crate::W<Fctl3Spec>;
#[doc = "Field `BUSY` reader - Busy"]
pub type BusyR = crate::BitReader;
#[doc = "Field `BUSY` writer - Busy"]
pub type BusyW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `KEYV` reader - Key violation"]
pub type KeyvR = crate::BitReader;
#[doc = "Field `KEYV` writer - Key violation"]
pub type KeyvW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `ACCVIFG` reader - Access violation flag"]
pub type AccvifgR = crate::BitReader;
#[doc = "Field `ACCVIFG` writer - Access violation flag"]
pub type AccvifgW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `WAIT` reader - Wait (block write)"]
pub type WaitR = crate::BitReader;
#[doc = "Field `WAIT` writer - Wait (block write)"]
pub type WaitW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `LOCK` reader - Lock"]
pub type LockR = crate::BitReader;
#[doc = "Field `LOCK` writer - Lock"]
pub type LockW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `EMEX` reader - Emergency exit"]
pub type EmexR = crate::BitReader;
#[doc = "Field `EMEX` writer - Emergency exit"]
pub type EmexW<'a, REG> = crate::BitWriter<'a, REG>;
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
    #[doc = "Bit 0 - Busy"]
    #[inline(always)]
    pub fn busy(&self) -> BusyR {
        BusyR::new((self.bits & 1) != 0)
    }
    #[doc = "Bit 1 - Key violation"]
    #[inline(always)]
    pub fn keyv(&self) -> KeyvR {
        KeyvR::new(((self.bits >> 1) & 1) != 0)
    }
    #[doc = "Bit 2 - Access violation flag"]
    #[inline(always)]
    pub fn accvifg(&self) -> AccvifgR {
        AccvifgR::new(((self.bits >> 2) & 1) != 0)
    }
    #[doc = "Bit 3 - Wait (block write)"]
    #[inline(always)]
    pub fn wait(&self) -> WaitR {
        WaitR::new(((self.bits >> 3) & 1) != 0)
    }
    #[doc = "Bit 4 - Lock"]
    #[inline(always)]
    pub fn lock(&self) -> LockR {
        LockR::new(((self.bits >> 4) & 1) != 0)
    }
    #[doc = "Bit 5 - Emergency exit"]
    #[inline(always)]
    pub fn emex(&self) -> EmexR {
        EmexR::new(((self.bits >> 5) & 1) != 0)
    }
    #[doc = "Bits 8:15 - Key"]
    #[inline(always)]
    pub fn fkey(&self) -> FkeyR {
        FkeyR::new(((self.bits >> 8) & 0xff) as u8)
    }
}
impl W {
    #[doc = "Bit 0 - Busy"]
    #[inline(always)]
    pub fn busy(&mut self) -> BusyW<'_, Fctl3Spec> {
        BusyW::new(self, 0)
    }
    #[doc = "Bit 1 - Key violation"]
    #[inline(always)]
    pub fn keyv(&mut self) -> KeyvW<'_, Fctl3Spec> {
        KeyvW::new(self, 1)
    }
    #[doc = "Bit 2 - Access violation flag"]
    #[inline(always)]
    pub fn accvifg(&mut self) -> AccvifgW<'_, Fctl3Spec> {
        AccvifgW::new(self, 2)
    }
    #[doc = "Bit 3 - Wait (block write)"]
    #[inline(always)]
    pub fn wait(&mut self) -> WaitW<'_, Fctl3Spec> {
        WaitW::new(self, 3)
    }
    #[doc = "Bit 4 - Lock"]
    #[inline(always)]
    pub fn lock(&mut self) -> LockW<'_, Fctl3Spec> {
        LockW::new(self, 4)
    }
    #[doc = "Bit 5 - Emergency exit"]
    #[inline(always)]
    pub fn emex(&mut self) -> EmexW<'_, Fctl3Spec> {
        EmexW::new(self, 5)
    }
    #[doc = "Bits 8:15 - Key"]
    #[inline(always)]
    pub fn fkey(&mut self) -> FkeyW<'_, Fctl3Spec> {
        FkeyW::new(self, 8)
    }
}
#[doc = "Flash control 3\n\nYou can [`read`](crate::Reg::read) this register and get [`fctl3::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`fctl3::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct Fctl3Spec;
impl crate::RegisterSpec for Fctl3Spec {
    type Ux = u16;
}
#[doc = "`read()` method returns [`fctl3::R`](R) reader structure"]
impl crate::Readable for Fctl3Spec {}
#[doc = "`write(|w| ..)` method takes [`fctl3::W`](W) writer structure"]
impl crate::Writable for Fctl3Spec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets FCTL3 to value 0"]
impl crate::Resettable for Fctl3Spec {}
