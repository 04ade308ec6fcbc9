//! GNU program properties: the descriptor of an `NT_GNU_PROPERTY_TYPE_0`
//! note, walked as readelf's `print_gnu_property_note` walks it, and the
//! x86 and AArch64 feature bits it carries.

use crate::elf::endian::Encoding;
use crate::elf::header::{EM_386, EM_AARCH64, EM_X86_64};

pub const GNU_PROPERTY_STACK_SIZE: u32 = 1;
pub const GNU_PROPERTY_NO_COPY_ON_PROTECTED: u32 = 2;
pub const GNU_PROPERTY_UINT32_AND_LO: u32 = 0xb000_0000;
pub const GNU_PROPERTY_UINT32_AND_HI: u32 = 0xb000_7fff;
pub const GNU_PROPERTY_UINT32_OR_LO: u32 = 0xb000_8000;
pub const GNU_PROPERTY_UINT32_OR_HI: u32 = 0xb000_ffff;
pub const GNU_PROPERTY_1_NEEDED: u32 = GNU_PROPERTY_UINT32_OR_LO;
pub const GNU_PROPERTY_LOPROC: u32 = 0xc000_0000;
pub const GNU_PROPERTY_HIPROC: u32 = 0xdfff_ffff;
pub const GNU_PROPERTY_LOUSER: u32 = 0xe000_0000;

pub const GNU_PROPERTY_X86_COMPAT_ISA_1_USED: u32 = 0xc000_0000;
pub const GNU_PROPERTY_X86_COMPAT_ISA_1_NEEDED: u32 = 0xc000_0001;
pub const GNU_PROPERTY_X86_FEATURE_1_AND: u32 = 0xc000_0002;
pub const GNU_PROPERTY_X86_COMPAT_2_ISA_1_NEEDED: u32 = 0xc000_8000;
pub const GNU_PROPERTY_X86_FEATURE_2_NEEDED: u32 = 0xc000_8001;
pub const GNU_PROPERTY_X86_ISA_1_NEEDED: u32 = 0xc000_8002;
pub const GNU_PROPERTY_X86_COMPAT_2_ISA_1_USED: u32 = 0xc001_0000;
pub const GNU_PROPERTY_X86_FEATURE_2_USED: u32 = 0xc001_0001;
pub const GNU_PROPERTY_X86_ISA_1_USED: u32 = 0xc001_0002;

pub const GNU_PROPERTY_X86_FEATURE_1_IBT: u32 = 1 << 0;
pub const GNU_PROPERTY_X86_FEATURE_1_SHSTK: u32 = 1 << 1;
pub const GNU_PROPERTY_X86_FEATURE_1_LAM_U48: u32 = 1 << 2;
pub const GNU_PROPERTY_X86_FEATURE_1_LAM_U57: u32 = 1 << 3;

pub const GNU_PROPERTY_X86_ISA_1_BASELINE: u32 = 1 << 0;
pub const GNU_PROPERTY_X86_ISA_1_V2: u32 = 1 << 1;
pub const GNU_PROPERTY_X86_ISA_1_V3: u32 = 1 << 2;
pub const GNU_PROPERTY_X86_ISA_1_V4: u32 = 1 << 3;

pub const GNU_PROPERTY_AARCH64_FEATURE_1_AND: u32 = 0xc000_0000;
pub const GNU_PROPERTY_AARCH64_FEATURE_1_BTI: u32 = 1 << 0;
pub const GNU_PROPERTY_AARCH64_FEATURE_1_PAC: u32 = 1 << 1;

/// EM_IAMCU, the third machine readelf decodes x86 properties for.
const EM_IAMCU: u16 = 6;

/// One property: its type and `pr_datasz` bytes of data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GnuProperty<'a> {
    pub pr_type: u32,
    pub data: &'a [u8],
    /// Offset in the descriptor just past the data, padded to the word
    /// size. readelf separates properties with ", " whenever this is not
    /// exactly the end of the descriptor.
    pub next: usize,
    pub encoding: Encoding,
}

/// Why the property walk stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropertyError {
    /// `descsz` below 8 or not a multiple of the word size: nothing decoded.
    BadDescSize { descsz: usize },
    /// Fewer than 8 bytes left for a property header.
    Truncated { descsz: usize },
    /// `pr_datasz` runs past the descriptor.
    DataPastEnd { pr_type: u32, datasz: u32 },
}

/// What a property means, given the machine (readelf decodes the
/// processor-specific range for x86 and AArch64 only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GnuPropertyKind {
    X86IsaUsed,
    X86IsaNeeded,
    X86Feature1And,
    X86Feature2Used,
    X86Feature2Needed,
    X86CompatIsa1Used,
    X86CompatIsa1Needed,
    X86Compat2Isa1Used,
    X86Compat2Isa1Needed,
    Aarch64Feature1And,
    StackSize,
    NoCopyOnProtected,
    Needed1,
    Uint32And,
    Uint32Or,
    /// Anything else: readelf dumps the data bytes.
    Unknown,
}

/// The properties of one note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GnuPropertyList<'a> {
    pub properties: Vec<GnuProperty<'a>>,
    pub error: Option<PropertyError>,
    /// Size of the descriptor.
    pub descsz: usize,
    pub encoding: Encoding,
}

impl<'a> GnuPropertyList<'a> {
    pub fn parse(desc: &'a [u8], encoding: Encoding) -> GnuPropertyList<'a> {
        let size = encoding.word_size();
        let end = desc.len();
        let mut list = GnuPropertyList {
            properties: Vec::new(),
            error: None,
            descsz: end,
            encoding,
        };
        if end < 8 || end % size != 0 {
            list.error = Some(PropertyError::BadDescSize { descsz: end });
            return list;
        }
        let mut ptr = 0usize;
        while ptr < end {
            if end - ptr < 8 {
                list.error = Some(PropertyError::Truncated { descsz: end });
                break;
            }
            let pr_type = encoding.u32(desc, ptr).unwrap_or(0);
            let datasz = encoding.u32(desc, ptr + 4).unwrap_or(0);
            ptr += 8;
            if datasz as usize > end - ptr {
                list.error = Some(PropertyError::DataPastEnd { pr_type, datasz });
                break;
            }
            let data = &desc[ptr..ptr + datasz as usize];
            ptr += (datasz as usize + (size - 1)) & !(size - 1);
            list.properties.push(GnuProperty {
                pr_type,
                data,
                next: ptr,
                encoding,
            });
        }
        list
    }

    /// The x86 feature summary, when any x86 property is present.
    pub fn x86_features(&self, e_machine: u16) -> Option<X86Features> {
        let mut f = X86Features::default();
        let mut any = false;
        for p in &self.properties {
            let v = p.u32_value();
            match p.kind(e_machine) {
                GnuPropertyKind::X86Feature1And => {
                    any = true;
                    if let Some(v) = v {
                        f.feature_1 = Some(v);
                        f.ibt = v & GNU_PROPERTY_X86_FEATURE_1_IBT != 0;
                        f.shstk = v & GNU_PROPERTY_X86_FEATURE_1_SHSTK != 0;
                    }
                }
                GnuPropertyKind::X86IsaNeeded => {
                    any = true;
                    f.isa_needed = v;
                }
                GnuPropertyKind::X86IsaUsed => {
                    any = true;
                    f.isa_used = v;
                }
                _ => {}
            }
        }
        any.then_some(f)
    }

    /// The AArch64 feature summary, when the file has the property.
    pub fn aarch64_features(&self, e_machine: u16) -> Option<Aarch64Features> {
        self.properties
            .iter()
            .find(|p| p.kind(e_machine) == GnuPropertyKind::Aarch64Feature1And)
            .map(|p| {
                let v = p.u32_value().unwrap_or(0);
                Aarch64Features {
                    feature_1: p.u32_value(),
                    bti: v & GNU_PROPERTY_AARCH64_FEATURE_1_BTI != 0,
                    pac: v & GNU_PROPERTY_AARCH64_FEATURE_1_PAC != 0,
                }
            })
    }
}

impl GnuProperty<'_> {
    /// The 4-byte value, when `pr_datasz` is exactly 4.
    pub fn u32_value(&self) -> Option<u32> {
        if self.data.len() != 4 {
            return None;
        }
        self.encoding.u32(self.data, 0)
    }

    /// The word-sized value (`GNU_PROPERTY_STACK_SIZE`), when `pr_datasz`
    /// is exactly the word size.
    pub fn word_value(&self) -> Option<u64> {
        if self.data.len() != self.encoding.word_size() {
            return None;
        }
        self.encoding.word(self.data, 0)
    }

    /// What readelf's `print_gnu_property_note` takes this property for.
    pub fn kind(&self, e_machine: u16) -> GnuPropertyKind {
        let t = self.pr_type;
        if (GNU_PROPERTY_LOPROC..=GNU_PROPERTY_HIPROC).contains(&t) {
            if matches!(e_machine, EM_X86_64 | EM_IAMCU | EM_386) {
                return match t {
                    GNU_PROPERTY_X86_ISA_1_USED => GnuPropertyKind::X86IsaUsed,
                    GNU_PROPERTY_X86_ISA_1_NEEDED => GnuPropertyKind::X86IsaNeeded,
                    GNU_PROPERTY_X86_FEATURE_1_AND => GnuPropertyKind::X86Feature1And,
                    GNU_PROPERTY_X86_FEATURE_2_USED => GnuPropertyKind::X86Feature2Used,
                    GNU_PROPERTY_X86_FEATURE_2_NEEDED => GnuPropertyKind::X86Feature2Needed,
                    GNU_PROPERTY_X86_COMPAT_ISA_1_USED => GnuPropertyKind::X86CompatIsa1Used,
                    GNU_PROPERTY_X86_COMPAT_ISA_1_NEEDED => GnuPropertyKind::X86CompatIsa1Needed,
                    GNU_PROPERTY_X86_COMPAT_2_ISA_1_USED => GnuPropertyKind::X86Compat2Isa1Used,
                    GNU_PROPERTY_X86_COMPAT_2_ISA_1_NEEDED => GnuPropertyKind::X86Compat2Isa1Needed,
                    _ => GnuPropertyKind::Unknown,
                };
            }
            if e_machine == EM_AARCH64 && t == GNU_PROPERTY_AARCH64_FEATURE_1_AND {
                return GnuPropertyKind::Aarch64Feature1And;
            }
            return GnuPropertyKind::Unknown;
        }
        match t {
            GNU_PROPERTY_STACK_SIZE => GnuPropertyKind::StackSize,
            GNU_PROPERTY_NO_COPY_ON_PROTECTED => GnuPropertyKind::NoCopyOnProtected,
            GNU_PROPERTY_1_NEEDED => GnuPropertyKind::Needed1,
            GNU_PROPERTY_UINT32_AND_LO..=GNU_PROPERTY_UINT32_AND_HI => GnuPropertyKind::Uint32And,
            // GNU_PROPERTY_1_NEEDED (the first OR value) is matched above.
            0xb000_8001..=GNU_PROPERTY_UINT32_OR_HI => GnuPropertyKind::Uint32Or,
            _ => GnuPropertyKind::Unknown,
        }
    }
}

/// x86 properties in short.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct X86Features {
    /// `GNU_PROPERTY_X86_FEATURE_1_AND` bits, when well-formed.
    pub feature_1: Option<u32>,
    pub ibt: bool,
    pub shstk: bool,
    /// `GNU_PROPERTY_X86_ISA_1_NEEDED` bits (baseline = 1, v2 = 2, v3 = 4, v4 = 8).
    pub isa_needed: Option<u32>,
    /// `GNU_PROPERTY_X86_ISA_1_USED` bits.
    pub isa_used: Option<u32>,
}

/// AArch64 properties in short.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Aarch64Features {
    pub feature_1: Option<u32>,
    pub bti: bool,
    pub pac: bool,
}
