#[doc = "Register `FCTL1` reader"]
pub type R = crate::R<Fctl1Spec>;
#[doc = "Register `FCTL1` writer"]
pub type W = crate::W<Fctl1Spec>;
#[doc = "Field `ERASE` reader - Segment erase"]
pub type EraseR = crate::BitReader;
#[doc = "Field `ERASE` writer - Segment erase"]
pub type EraseW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `MERAS` reader - Mass erase"]
pub type MerasR = crate::BitReader;
#[doc = "Field `MERAS` writer - Mass erase"]
pub type MerasW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `WRT` reader - Write"]
pub type WrtR = crate::BitReader;
#[doc = "Field `WRT` writer - Write"]
pub type WrtW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Field `BLKWRT` reader - Block write"]
pub type BlkwrtR = crate::BitReader;
#[doc = "Field `BLKWRT` writer - Block write"]
pub type BlkwrtW<'a, REG> = crate::BitWriter<'a, REG>;
#[doc = "Key: write 0xA5, reads 0x96\n\nValue on reset: 0"]
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
#[doc = "Field `FKEY` reader - Key: write 0xA5, reads 0x96"]
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
#[doc = "Field `FKEY` writer - Key: write 0xA5, reads 0x96"]
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
    #[doc = "Bit 1 - Segment erase"]
    #[inline(always)]
    pub fn erase(&self) -> EraseR {
        EraseR::new(((self.bits >> 1) & 1) != 0)
    }
    #[doc = "Bit 2 - Mass erase"]
    #[inline(always)]
    pub fn meras(&self) -> MerasR {
        MerasR::new(((self.bits >> 2) & 1) != 0)
    }
    #[doc = "Bit 6 - Write"]
    #[inline(always)]
    pub fn wrt(&self) -> WrtR {
        WrtR::new(((self.bits >> 6) & 1) != 0)
    }
    #[doc = "Bit 7 - Block write"]
    #[inline(always)]
    pub fn blkwrt(&self) -> BlkwrtR {
        BlkwrtR::new(((self.bits >> 7) & 1) != 0)
    }
    #[doc = "Bits 8:15 - Key: write 0xA5, reads 0x96"]
    #[inline(always)]
    pub fn fkey(&self) -> FkeyR {
        FkeyR::new(((self.bits >> 8) & 0xff) as u8)
    }
}
impl W {
    #[doc = "Bit 1 - Segment erase"]
    #[inline(always)]
    pub fn erase(&mut self) -> EraseW<'_, Fctl1Spec> {
        EraseW::new(self, 1)
    }
    #[doc = "Bit 2 - Mass erase"]
    #[inline(always)]
    pub fn meras(&mut self) -> MerasW<'_, Fctl1Spec> {
        MerasW::new(self, 2)
    }
    #[doc = "Bit 6 - Write"]
    #[inline(always)]
    pub fn wrt(&mut self) -> WrtW<'_, Fctl1Spec> {
        WrtW::new(self, 6)
    }
    #[doc = "Bit 7 - Block write"]
    #[inline(always)]
    pub fn blkwrt(&mut self) -> BlkwrtW<'_, Fctl1Spec> {
        BlkwrtW::new(self, 7)
    }
    #[doc = "Bits 8:15 - Key: write 0xA5, reads 0x96"]
    #[inline(always)]
    pub fn fkey(&mut self) -> FkeyW<'_, Fctl1Spec> {
        FkeyW::new(self, 8)
    }
}
#[doc = "Flash control 1\n\nYou can [`read`](crate::Reg::read) this register and get [`fctl1::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`fctl1::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api)."]
pub struct Fctl1Spec;
impl crate::RegisterSpec for Fctl1Spec {
    type Ux = u16;
}
#[doc = "`read()` method returns [`fctl1::R`](R) reader structure"]
impl crate::Readable for Fctl1Spec {}
#[doc = "`write(|w| ..)` method takes [`fctl1::W`](W) writer structure"]
impl crate::Writable for Fctl1Spec {
    type Safety = crate::Unsafe;
}
#[doc = "`reset()` method sets FCTL1 to value 0"]
impl crate::Resettable for Fctl1Spec {}
