//! Symbol binding over a resolved closure: which object each relocation's
//! symbol binds to, which references stay undefined, and which needed
//! version nodes no loaded object defines — what glibc's `ldd -r` / `ldd -v`
//! and musl's loader report, computed from the files without running them.
//!
//! glibc 2.36 rules:
//! - version check (elf/dl-version.c `_dl_check_all_versions`,
//!   `_dl_check_map_versions`, `match_symbol`): every object in the link
//!   map chain, every `Vernaux` of its `.gnu.version_r`, matched by hash
//!   and name against the `.gnu.version_d` of the object the `Verneed`
//!   names; `verbose` is on under ldd, so weak misses and objects without
//!   version definitions are reported too. In trace mode a `Verneed` naming
//!   a missing (faked) object is skipped.
//! - relocation (elf/rtld.c `dl_main` trace branch): with `LD_WARN` and
//!   `LD_BIND_NOW` (`ldd -r`) every object of `l_initfini` but ld.so itself
//!   is relocated, from the last to the first (elf/dl-sort-maps.c
//!   `_dl_sort_maps_dfs` order), each one's `DT_REL`/`DT_RELA` then
//!   `DT_JMPREL` records (elf/do-rel.h, elf/dynamic-link.h). A record whose
//!   symbol is local, hidden or internal binds to its own object
//!   (sysdeps `RESOLVE_MAP`); consecutive records of one symbol and type
//!   class share one lookup (`l_lookup_cache`).
//! - lookup (elf/dl-lookup.c `_dl_lookup_symbol_x`, `do_lookup_x`,
//!   `check_match`): the object's scopes — its own for `DF_SYMBOLIC`, then
//!   the global scope (main, preloads, breadth-first dependencies) — each
//!   object's GNU hash (else SysV hash) chain for the name; copy relocations
//!   skip the executable; weak definitions bind like global ones
//!   (`dl_dynamic_weak` is off); `STB_GNU_UNIQUE` definitions are shared
//!   through one table; versioned references match the definer's
//!   `l_versions` entry unless it is unversioned and not hidden; unversioned
//!   references take the base or first version, or the only non-hidden
//!   version (2.36 no longer reports "not defined in file ... with link
//!   time reference": a missing versioned symbol is undefined like any
//!   other). A weak reference may stay undefined.
//!
//! musl 1.2.3 (ldso/dynlink.c `reloc_all`, `do_relocs`, `find_sym2`): the
//! libraries in load order, then the program; each one's `DT_JMPREL`, `DT_REL`,
//! `DT_RELA` records; the global list in load order (copy relocations start
//! after the program); versions ignored but for the hidden bit; no
//! `STT_GNU_IFUNC`.
//!
//! The GNU hash bloom filter is not consulted: it only ever rejects what the
//! chain walk would not find in a well-formed file.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::elf::dynamic::DT_FLAGS;
use crate::elf::hash::{GnuHash, SysvHash};
use crate::elf::header::{EM_386, EM_AARCH64, EM_ARM, EM_PPC64, EM_RISCV, EM_S390, EM_X86_64};
use crate::elf::reloc::{self, RInfo, RelocEntries, RelocFormat, RelocSource};
use crate::elf::symbol::{
    SHN_ABS, SHN_UNDEF, STB_GLOBAL, STB_GNU_UNIQUE, STB_LOCAL, STB_WEAK, STT_COMMON, STT_FUNC,
    STT_GNU_IFUNC, STT_NOTYPE, STT_OBJECT, STT_TLS, STV_HIDDEN, STV_INTERNAL, STV_PROTECTED,
};
use crate::elf::version::{VERSYM_HIDDEN, VERSYM_VERSION, VER_FLG_BASE, VER_FLG_WEAK};
use crate::elf::ElfFile;

use super::graph::{DepGraph, Flavor, FoundVia};
use super::root::{FileId, Root};

const DT_SYMBOLIC: u64 = 16;
const DF_SYMBOLIC: u64 = 0x2;

/// `ELF_RTYPE_CLASS_PLT`: the reference must not bind to an undefined
/// symbol's PLT address.
const CLASS_PLT: u8 = 1;
/// `ELF_RTYPE_CLASS_COPY`: never bind to the executable.
const CLASS_COPY: u8 = 2;

/// One dynamic symbol, as the loaders read it.
#[derive(Debug, Clone, Copy)]
struct Sym {
    name: u32,
    info: u8,
    other: u8,
    shndx: u32,
    value: u64,
}

impl Sym {
    fn bind(&self) -> u8 {
        self.info >> 4
    }
    fn kind(&self) -> u8 {
        self.info & 0xf
    }
    fn visibility(&self) -> u8 {
        self.other & 3
    }
}

/// An `l_versions` entry (elf/dl-version.c): a version an object defines
/// (not its base version) or needs, by version index.
#[derive(Debug, Clone, Default)]
struct VersionEntry {
    name: Vec<u8>,
    hash: u32,
    hidden: bool,
}

/// One version definition (`Verdef` and its first `Verdaux`).
#[derive(Debug, Clone)]
struct Definition {
    name: Vec<u8>,
    hash: u32,
}

/// One needed version (`Vernaux`) of a `Verneed` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub file: Vec<u8>,
    /// The version index symbols use (`vna_other`).
    pub index: u16,
    pub version: Vec<u8>,
    pub hash: u32,
    pub weak: bool,
}

/// One relocation record with a symbol: its symbol index and type.
#[derive(Debug, Clone, Copy)]
struct Record {
    sym: u32,
    r_type: u32,
    /// `dl_new_hash` of the symbol's name, computed once per file.
    gnu: u32,
}

/// The dynamic tables of one object that binding needs, read once per file
/// per run (see [`BindCache`]).
#[derive(Debug, Default)]
pub struct SymbolTables {
    strings: Vec<u8>,
    syms: Vec<Sym>,
    versym: Vec<u16>,
    /// `l_versions` by index.
    versions: Vec<Option<VersionEntry>>,
    /// `None` without `DT_VERDEF`.
    definitions: Option<Vec<Definition>>,
    needs: Vec<Need>,
    gnu: Option<GnuHash>,
    sysv: Option<SysvHash>,
    /// glibc order: `DT_REL`/`DT_RELA`, then `DT_JMPREL`.
    glibc_relocs: Vec<Record>,
    /// musl order: `DT_JMPREL`, `DT_REL`, `DT_RELA`.
    musl_relocs: Vec<Record>,
    symbolic: bool,
    machine: u16,
    /// The highest version index of `.gnu.version_d`.
    def_max: u16,
    bloom: Vec<u64>,
    bloom_shift: u32,
    bloom_bits: u32,
}

fn c_str(strings: &[u8], off: u32) -> &[u8] {
    let start = (off as usize).min(strings.len());
    let rest = &strings[start..];
    let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    &rest[..end]
}

/// The dynamic-symbol hash of GNU hash tables (elf/dl-lookup.c `dl_new_hash`).
pub fn gnu_hash(name: &[u8]) -> u32 {
    name.iter().fold(5381u32, |h, &c| {
        h.wrapping_mul(33).wrapping_add(u32::from(c))
    })
}

/// The SysV ELF hash (elf/dl-hash.h `_dl_elf_hash`), also the hash of
/// version names.
pub fn elf_hash(name: &[u8]) -> u32 {
    let mut h: u32 = 0;
    for &c in name {
        h = (h << 4).wrapping_add(u32::from(c));
        let g = h & 0xf000_0000;
        h ^= g >> 24;
        h &= !g;
    }
    h
}

impl SymbolTables {
    /// Reads the tables of `elf`: only the version tables unless `full`
    /// (symbols, hash tables and relocations too).
    pub fn read(elf: &ElfFile, full: bool) -> SymbolTables {
        let mut t = SymbolTables {
            machine: elf.header.e_machine,
            ..Default::default()
        };
        let Some(dynamic) = elf.dynamic() else {
            return t;
        };
        t.symbolic = dynamic.entries.iter().any(|d| d.d_tag == DT_SYMBOLIC)
            || dynamic.value(DT_FLAGS).unwrap_or(0) & DF_SYMBOLIC != 0;
        if full {
            t.read_symbols(elf);
        }
        t.read_versions(elf);
        t
    }

    fn read_symbols(&mut self, elf: &ElfFile) {
        let t = self;
        t.strings = elf.dynamic_strings().unwrap_or_default().to_vec();
        if let Some(table) = elf.dynamic_symbols() {
            t.syms = table
                .symbols
                .iter()
                .map(|s| Sym {
                    name: s.st_name,
                    info: s.st_info,
                    other: s.st_other,
                    shndx: s.st_shndx,
                    value: s.st_value,
                })
                .collect();
        }
        if let Some(h) = elf.hash_tables() {
            t.gnu = h
                .gnu
                .filter(|g| g.mips_xlat.is_none() && !g.buckets.is_empty());
            t.sysv = h.sysv.filter(|s| !s.buckets.is_empty());
        }
        if t.gnu.is_some() {
            let tags = elf.dynamic().map(|d| {
                crate::elf::hash::HashTags::from_entries(&d.entries, elf.header.e_machine)
            });
            if let Some(tags) = tags {
                t.read_bloom(elf, tags.gnu_hash);
            }
        }
        if let Some(Ok(v)) = elf.version_symbols() {
            t.versym = v;
        }
        t.read_relocs(elf);
    }

    fn read_versions(&mut self, elf: &ElfFile) {
        let t = self;
        let mut versions: Vec<Option<VersionEntry>> = Vec::new();
        let mut set = |index: u16, e: VersionEntry| {
            let i = usize::from(index & VERSYM_VERSION);
            if versions.len() <= i {
                versions.resize(i + 1, None);
            }
            versions[i] = Some(e);
        };
        if let Some(Ok(needs)) = elf.version_needs() {
            for n in needs {
                let file = n.file.unwrap_or_default().to_vec();
                for v in n.versions {
                    let name = v.name.unwrap_or_default().to_vec();
                    set(
                        v.index,
                        VersionEntry {
                            name: name.clone(),
                            hash: v.hash,
                            hidden: v.index & VERSYM_HIDDEN != 0,
                        },
                    );
                    t.needs.push(Need {
                        file: file.clone(),
                        index: v.index,
                        version: name,
                        hash: v.hash,
                        weak: v.flags & VER_FLG_WEAK != 0,
                    });
                }
            }
        }
        if let Some(Ok(defs)) = elf.version_definitions() {
            let mut list = Vec::new();
            for d in defs {
                let name = d.name.unwrap_or_default().to_vec();
                if d.flags & VER_FLG_BASE == 0 {
                    set(
                        d.index,
                        VersionEntry {
                            name: name.clone(),
                            hash: d.hash,
                            hidden: false,
                        },
                    );
                }
                t.def_max = t.def_max.max(d.index & VERSYM_VERSION);
                list.push(Definition { name, hash: d.hash });
            }
            t.definitions = Some(list);
        }
        t.versions = versions;
    }

    fn read_relocs(&mut self, elf: &ElfFile) {
        let info = reloc::dynamic_info(elf);
        let split = RInfo::of(&elf.header);
        let tables = reloc::dynamic_tables_from(elf, &info);
        let records = |label: &str, skip_tail: u64| -> Vec<Record> {
            let Some(t) = tables
                .iter()
                .find(|t| matches!(t.source, RelocSource::Dynamic { label: l, .. } if l == label))
            else {
                return Vec::new();
            };
            let Ok(RelocEntries::Relocs(entries)) = &t.entries else {
                return Vec::new();
            };
            let entry = t.format.entry_size(elf.header.is_64()).max(1);
            let keep = entries.len().saturating_sub((skip_tail / entry) as usize);
            entries[..keep]
                .iter()
                .map(|r| Record {
                    sym: split.sym(r.r_info) as u32,
                    r_type: split.r_type(r.r_info),
                    gnu: 0,
                })
                .filter(|r| r.sym != 0)
                .collect()
        };
        let plt_format = match info.pltrel {
            reloc::DT_REL => Some(RelocFormat::Rel),
            reloc::DT_RELA => Some(RelocFormat::Rela),
            _ => None,
        };
        // elf/dynamic-link.h `_ELF_DYNAMIC_DO_RELOC`: a DT_JMPREL range at
        // the end of the DT_REL(A) range is processed once, as PLT.
        let overlap = |start: u64, size: u64| {
            if info.jmprel != 0
                && start.wrapping_add(size) == info.jmprel.wrapping_add(info.pltrelsz)
            {
                info.pltrelsz
            } else {
                0
            }
        };
        let rel = records("REL", overlap(info.rel, info.relsz));
        let rela = records("RELA", overlap(info.rela, info.relasz));
        let plt = records("PLT", 0);
        let mut glibc = Vec::new();
        glibc.extend_from_slice(&rel);
        if plt_format == Some(RelocFormat::Rel) {
            glibc.extend_from_slice(&plt);
        }
        glibc.extend_from_slice(&rela);
        if plt_format != Some(RelocFormat::Rel) {
            glibc.extend_from_slice(&plt);
        }
        let mut musl = plt;
        musl.extend(records("REL", 0));
        musl.extend(records("RELA", 0));
        let mut hashes: HashMap<u32, u32> = HashMap::new();
        for r in glibc.iter_mut().chain(musl.iter_mut()) {
            r.gnu = *hashes.entry(r.sym).or_insert_with(|| {
                self.syms
                    .get(r.sym as usize)
                    .map_or(0, |s| gnu_hash(c_str(&self.strings, s.name)))
            });
        }
        self.glibc_relocs = glibc;
        self.musl_relocs = musl;
    }

    /// The GNU hash table's bloom filter (elf/dl-lookup.c `_dl_setup_hash`),
    /// which lets most objects of a scope be passed over without touching
    /// their chains.
    fn read_bloom(&mut self, elf: &ElfFile, vma: u64) {
        use scroll::Pread;
        let endian = elf.header.ctx().le;
        let data = elf.data;
        let off = crate::elf::dynamic::offset_from_vma(elf.program_headers(), vma, 16) as usize;
        let word = |at: usize| data.pread_with::<u32>(at, endian).ok();
        let (Some(maskwords), Some(shift)) = (word(off + 8), word(off + 12)) else {
            return;
        };
        if maskwords == 0 || !maskwords.is_power_of_two() {
            return;
        }
        let size = if elf.header.is_64() { 8 } else { 4 };
        let start = off + 16;
        let Some(bytes) = data.get(start..start.saturating_add(maskwords as usize * size)) else {
            return;
        };
        self.bloom = bytes
            .chunks_exact(size)
            .map(|c| {
                if size == 8 {
                    c.pread_with::<u64>(0, endian).unwrap_or(!0)
                } else {
                    u64::from(c.pread_with::<u32>(0, endian).unwrap_or(!0))
                }
            })
            .collect();
        self.bloom_shift = shift;
        self.bloom_bits = size as u32 * 8;
    }

    /// The bloom filter says `gnu` may be defined here.
    fn bloom_may_have(&self, gnu: u32) -> bool {
        if self.bloom.is_empty() {
            return true;
        }
        let bits = self.bloom_bits;
        let w = self.bloom[((gnu / bits) as usize) & (self.bloom.len() - 1)];
        let b1 = gnu % bits;
        let b2 = (gnu >> (self.bloom_shift % 32)) % bits;
        (w >> b1) & (w >> b2) & 1 != 0
    }

    fn name(&self, sym: &Sym) -> &[u8] {
        c_str(&self.strings, sym.name)
    }

    /// Symbol indices on the hash chain of `name`, in chain order.
    fn chain(&self, name: &[u8], gnu: u32, sysv: &mut Option<u32>) -> Vec<usize> {
        let mut out = Vec::new();
        self.walk_chain(name, gnu, sysv, |i| {
            out.push(i);
            false
        });
        out
    }

    /// Calls `visit` with each symbol index on the hash chain of `name`
    /// until it returns true; returns whether it did.
    fn walk_chain(
        &self,
        name: &[u8],
        gnu: u32,
        sysv: &mut Option<u32>,
        mut visit: impl FnMut(usize) -> bool,
    ) -> bool {
        if let Some(g) = &self.gnu {
            if !self.bloom_may_have(gnu) {
                return false;
            }
            let nb = g.buckets.len() as u64;
            let bucket = g.buckets[(u64::from(gnu) % nb) as usize];
            if bucket == 0 || bucket < g.symndx {
                return false;
            }
            let mut i = bucket;
            while let Some(&hv) = g.chains.get((i - g.symndx) as usize) {
                if ((hv as u32 ^ gnu) >> 1) == 0 && visit(i as usize) {
                    return true;
                }
                if hv & 1 != 0 {
                    break;
                }
                i += 1;
            }
            return false;
        }
        if let Some(s) = &self.sysv {
            let h = *sysv.get_or_insert_with(|| elf_hash(name));
            let nb = s.buckets.len() as u64;
            let mut i = s.buckets[(u64::from(h) % nb) as usize];
            let mut steps = 0;
            while i != 0 && steps <= s.chains.len() {
                if visit(i as usize) {
                    return true;
                }
                i = match s.chains.get(i as usize) {
                    Some(&n) => n,
                    None => break,
                };
                steps += 1;
            }
        }
        false
    }

    fn has_hash(&self) -> bool {
        self.gnu.is_some() || self.sysv.is_some()
    }

    fn version(&self, index: u16) -> Option<&VersionEntry> {
        self.versions
            .get(usize::from(index & VERSYM_VERSION))
            .and_then(Option::as_ref)
    }

    /// The glibc type class of relocation type `r_type`
    /// (`elf_machine_type_class` of sysdeps/*/dl-machine.h).
    fn type_class(&self, r_type: u32) -> u8 {
        let (plt, copy): (&[u32], u32) = match self.machine {
            // JUMP_SLOT, DTPMOD64, DTPOFF64, TPOFF64, TLSDESC; COPY.
            EM_X86_64 => (&[7, 16, 17, 18, 36], 5),
            // JMP_SLOT, TLS_DTPMOD32, TLS_DTPOFF32, TLS_TPOFF32, TLS_TPOFF, TLS_DESC.
            EM_386 => (&[7, 35, 36, 37, 14, 41], 5),
            EM_AARCH64 => (&[1026, 1028, 1029, 1030, 1031], 1024),
            EM_ARM => (&[22, 17, 18, 19, 13], 20),
            EM_RISCV => (&[5, 6, 7, 8, 9, 10, 11], 4),
            EM_PPC64 => (&[21, 68, 78, 73], 19),
            EM_S390 => (&[11, 54, 55, 56], 9),
            _ => (&[], u32::MAX),
        };
        if r_type == copy {
            CLASS_COPY
        } else if plt.contains(&r_type) {
            CLASS_PLT
        } else {
            0
        }
    }

    /// A relocation type that needs no symbol lookup (`*_RELATIVE`,
    /// `*_NONE`), handled before `RESOLVE_MAP` in `elf_machine_rel(a)`.
    fn no_lookup(&self, r_type: u32) -> bool {
        let relative: &[u32] = match self.machine {
            EM_X86_64 => &[0, 8, 38],
            EM_386 => &[0, 8],
            EM_AARCH64 => &[0, 1027],
            EM_ARM => &[0, 23],
            EM_RISCV => &[0, 3],
            EM_PPC64 => &[0, 22],
            EM_S390 => &[0, 12],
            _ => &[0],
        };
        relative.contains(&r_type)
    }
}

/// Memoised lookups: (referencing file, symbol index, type class,
/// `l_nversions`) -> (position in the global scope, symbol index).
type MemoMap = HashMap<(FileId, u32, u8, usize), Option<(usize, usize)>>;

/// Parsed [`SymbolTables`] by file identity, shared by every binding of a run.
#[derive(Debug, Default)]
pub struct BindCache {
    /// Keyed by file and whether the tables are complete.
    tables: Mutex<HashMap<(FileId, bool), Arc<SymbolTables>>>,
    /// Lookup memos by the rest of the global scope (its files after the
    /// program, in order).
    memos: Mutex<HashMap<Vec<FileId>, Arc<Mutex<MemoMap>>>>,
}

impl BindCache {
    pub fn new() -> BindCache {
        BindCache::default()
    }

    fn memo_for(&self, rest: Vec<FileId>) -> Arc<Mutex<MemoMap>> {
        self.memos
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(rest)
            .or_default()
            .clone()
    }

    fn get(&self, root: &Root, id: FileId, canonical: &[u8], full: bool) -> Arc<SymbolTables> {
        if let Some(t) = self
            .tables
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&(id, full))
        {
            return t.clone();
        }
        let tables = root
            .resolve(canonical, b"/")
            .ok()
            .and_then(|r| root.open(&r).ok())
            .and_then(|bytes| {
                ElfFile::parse(&bytes)
                    .ok()
                    .map(|e| SymbolTables::read(&e, full))
            })
            .unwrap_or_default();
        let tables = Arc::new(tables);
        self.tables
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((id, full), tables.clone());
        tables
    }
}

/// A needed version no loaded object satisfies (elf/dl-version.c
/// `match_symbol`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionProblem {
    /// `version `V' not found (required by R)`: fatal at run time.
    NotFound,
    /// `weak version `V' not found (required by R)`.
    WeakNotFound,
    /// `no version information available (required by R)`: the object
    /// named has no version definitions.
    NoVersionInfo,
}

/// One finding of the version check, in the loader's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionError {
    pub problem: VersionProblem,
    /// The object that lacks the version (index into the graph).
    pub object: usize,
    pub version: Vec<u8>,
    /// The object that needs it.
    pub required_by: usize,
}

/// One line of glibc's `ldd -v` "Version information".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionLine {
    pub need: Need,
    /// The object defining the version, if any (rtld.c `find_needed`,
    /// `match_version`).
    pub provider: Option<usize>,
}

/// The versions one object needs, for `ldd -v`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    pub object: usize,
    pub lines: Vec<VersionLine>,
}

/// A reference that found no definition, or a relocation error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// `undefined symbol: NAME[, version V]`.
    Undefined {
        symbol: Vec<u8>,
        version: Option<Vec<u8>>,
    },
}

/// One relocation error, attributed to the object being relocated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelocError {
    pub object: usize,
    pub error: Unresolved,
}

/// One symbol lookup and where it bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub from: usize,
    pub symbol: Vec<u8>,
    pub version: Option<Vec<u8>>,
    /// The defining object; `None` for an undefined weak reference.
    pub to: Option<usize>,
}

/// Everything binding found for one graph.
#[derive(Debug, Clone, Default)]
pub struct BindReport {
    /// The version check, in link map order (printed even by plain `ldd`).
    pub version_errors: Vec<VersionError>,
    /// Relocation errors in the loader's order (`ldd -r`).
    pub reloc_errors: Vec<RelocError>,
    /// Every lookup done, in the same order.
    pub bindings: Vec<Binding>,
    /// `ldd -v`'s version information.
    pub versions: Vec<VersionInfo>,
}

/// What to compute.
#[derive(Debug, Clone, Copy, Default)]
pub struct BindOptions {
    /// Process relocations (`ldd -r`; musl's ldd always does).
    pub relocate: bool,
    /// Record every binding in [`BindReport::bindings`], not only the
    /// errors.
    pub bindings: bool,
}

/// The link map chain order glibc walks in `_dl_check_all_versions` and the
/// `-v` printing: creation order with ld.so moved after its predecessor in
/// the search list (see [`crate::render::ldd::glibc_print_order`]).
fn chain_order(g: &DepGraph) -> Vec<usize> {
    let mut order: Vec<usize> = (0..g.objects.len())
        .filter(|&i| Some(i) != g.interpreter)
        .collect();
    if let Some(interp) = g.interpreter {
        if let Some(k) = g.search_list.iter().position(|&i| i == interp) {
            let pred = g.search_list[k.saturating_sub(1)];
            let at = if k == 0 {
                0
            } else {
                order
                    .iter()
                    .position(|&o| o == pred)
                    .map_or(order.len(), |p| p + 1)
            };
            order.insert(at, interp);
        }
    }
    order
}

/// elf/dl-misc.c `_dl_name_match_p`: the object's path or any name it was
/// requested under (ld.so also answers to its soname).
fn name_matches(g: &DepGraph, i: usize, name: &[u8]) -> bool {
    let o = &g.objects[i];
    o.path == name
        || o.names.iter().any(|n| n == name)
        || (o.via == FoundVia::Interpreter && o.soname() == Some(name))
}

struct Binder<'a> {
    g: &'a DepGraph,
    tables: Vec<Option<Arc<SymbolTables>>>,
    /// `l_nversions` of each object: version indices at or above it have no
    /// `l_versions` entry.
    nversions: Vec<usize>,
    /// The link map chain ([`chain_order`]).
    chain: Vec<usize>,
    keep_bindings: bool,
    /// File identity of each object (`(0, 0)` for missing ones).
    ids: Vec<FileId>,
    /// Lookups in the global scope after the program, shared by every
    /// program of the run with the same rest of the scope (the same
    /// libraries in the same order): the libraries' own relocations are
    /// then looked up once per run, not once per program.
    memo: Option<Arc<Mutex<MemoMap>>>,
    unique: HashMap<Vec<u8>, (usize, usize)>,
    report: BindReport,
}

/// Binds the symbols of `g`'s objects.
pub fn bind(g: &DepGraph, root: &Root, cache: &BindCache, opts: BindOptions) -> BindReport {
    let tables = g
        .objects
        .iter()
        .map(|o| {
            o.info()
                .map(|i| cache.get(root, i.id, &o.canonical, opts.relocate))
        })
        .collect();
    let mut b = Binder {
        g,
        tables,
        nversions: Vec::new(),
        keep_bindings: opts.bindings,
        ids: g
            .objects
            .iter()
            .map(|o| o.info().map_or((0, 0), |i| i.id))
            .collect(),
        memo: None,
        chain: chain_order(g),
        unique: HashMap::new(),
        report: BindReport::default(),
    };
    if g.fatal.is_some() || g.limit_exceeded.is_some() {
        return b.report;
    }
    b.nversions = (0..g.objects.len()).map(|i| b.nversions_of(i)).collect();
    if opts.relocate && g.flavor == Flavor::Glibc {
        let rest: Vec<FileId> = g.search_list.iter().skip(1).map(|&i| b.ids[i]).collect();
        b.memo = Some(cache.memo_for(rest));
    }
    match g.flavor {
        Flavor::Glibc => {
            b.check_versions();
            b.version_info();
            if opts.relocate {
                for obj in b.relocation_order() {
                    b.relocate_glibc(obj);
                }
            }
        }
        Flavor::Musl => {
            if opts.relocate {
                let list: Vec<usize> = g.search_list.clone();
                for &obj in list.iter().skip(1).chain(list.first()) {
                    if Some(obj) != g.interpreter {
                        b.relocate_musl(obj);
                    }
                }
            }
        }
    }
    b.report
}

impl Binder<'_> {
    fn t(&self, i: usize) -> Option<&Arc<SymbolTables>> {
        self.tables.get(i).and_then(Option::as_ref)
    }

    /// elf/dl-version.c `find_needed`: the first object of the chain
    /// answering to `name`.
    fn find_in_chain(&self, name: &[u8]) -> Option<usize> {
        self.chain
            .iter()
            .copied()
            .find(|&i| name_matches(self.g, i, name))
    }

    /// elf/dl-version.c `_dl_check_map_versions`: `l_nversions` is one past
    /// the highest index of the object's definitions and of the needs of
    /// dependencies that were found; in trace mode the needs of a missing
    /// (faked) dependency above that get no entry, and references with
    /// those versions are looked up unversioned.
    fn nversions_of(&self, i: usize) -> usize {
        let Some(t) = self.t(i) else {
            return 0;
        };
        let mut high = t.def_max;
        for need in &t.needs {
            let found = self
                .find_in_chain(&need.file)
                .is_some_and(|lib| self.t(lib).is_some());
            if found {
                high = high.max(need.index & VERSYM_VERSION);
            }
        }
        if high == 0 {
            0
        } else {
            usize::from(high) + 1
        }
    }

    fn check_versions(&mut self) {
        for i in self.chain.clone() {
            let Some(t) = self.t(i).cloned() else {
                continue;
            };
            for need in &t.needs {
                let Some(lib) = self.find_in_chain(&need.file) else {
                    continue;
                };
                // Trace mode skips the entries of a missing (faked) object.
                let Some(lt) = self.t(lib) else {
                    continue;
                };
                let problem = match &lt.definitions {
                    None => Some(VersionProblem::NoVersionInfo),
                    Some(defs) => {
                        let found = defs
                            .iter()
                            .any(|d| d.hash == need.hash && d.name == need.version);
                        match (found, need.weak) {
                            (true, _) => None,
                            (false, true) => Some(VersionProblem::WeakNotFound),
                            (false, false) => Some(VersionProblem::NotFound),
                        }
                    }
                };
                if let Some(problem) = problem {
                    self.report.version_errors.push(VersionError {
                        problem,
                        object: lib,
                        version: need.version.clone(),
                        required_by: i,
                    });
                }
            }
        }
    }

    /// rtld.c's `-v` printing: for each object of the chain with needs,
    /// each needed version and the search-list object defining it.
    fn version_info(&mut self) {
        for i in self.chain.clone() {
            let Some(t) = self.t(i).cloned() else {
                continue;
            };
            if t.needs.is_empty() {
                continue;
            }
            let lines = t
                .needs
                .iter()
                .map(|need| {
                    // rtld.c `find_needed`: the search list, last match first.
                    let lib = self
                        .g
                        .search_list
                        .iter()
                        .rev()
                        .copied()
                        .find(|&l| name_matches(self.g, l, &need.file));
                    let provider = lib.filter(|&l| {
                        self.t(l)
                            .and_then(|lt| lt.definitions.as_ref())
                            .is_some_and(|defs| defs.iter().any(|d| d.name == need.version))
                    });
                    VersionLine {
                        need: need.clone(),
                        provider,
                    }
                })
                .collect();
            self.report.versions.push(VersionInfo { object: i, lines });
        }
    }

    /// The order `dl_main` relocates in under `ldd -r`: `l_initfini` from the
    /// last to the first, where `l_initfini` is the search list sorted by
    /// elf/dl-sort-maps.c `_dl_sort_maps_dfs` (main kept first).
    fn relocation_order(&self) -> Vec<usize> {
        let g = self.g;
        let n = g.objects.len();
        let mut deps: Vec<Vec<usize>> = vec![Vec::new(); n];
        for e in &g.edges {
            if e.from < n
                && e.to < n
                && g.objects[e.to].is_found()
                && !(e.from == 0 && g.objects[e.to].via == FoundVia::Preload)
            {
                deps[e.from].push(e.to);
            }
        }
        let mut visited = vec![false; n];
        let mut placed: Vec<usize> = Vec::new();
        for &start in g.search_list.iter().rev() {
            if visited[start] {
                continue;
            }
            visited[start] = true;
            let mut stack = vec![(start, 0usize)];
            while let Some(&mut (m, ref mut k)) = stack.last_mut() {
                if let Some(&d) = deps[m].get(*k) {
                    *k += 1;
                    if !visited[d] && d != 0 {
                        visited[d] = true;
                        stack.push((d, 0));
                    }
                } else {
                    placed.push(m);
                    stack.pop();
                }
            }
        }
        // `placed` fills the rpo array from its end: the sorted list is its
        // reverse, and relocation walks that list backwards again.
        let mut sorted: Vec<usize> = placed.iter().rev().copied().collect();
        if let Some(p) = sorted.iter().position(|&m| m == 0) {
            sorted.remove(p);
            sorted.insert(0, 0);
        }
        sorted
            .into_iter()
            .rev()
            .filter(|&m| Some(m) != g.interpreter && g.objects[m].is_found())
            .collect()
    }

    fn scopes(&self, obj: usize) -> Vec<Vec<usize>> {
        let mut scopes = Vec::new();
        let symbolic = obj != 0 && self.t(obj).is_some_and(|t| t.symbolic);
        if symbolic {
            scopes.push(vec![obj]);
        }
        scopes.push(self.g.search_list.clone());
        scopes
    }

    fn relocate_glibc(&mut self, obj: usize) {
        let Some(t) = self.t(obj).cloned() else {
            return;
        };
        let scopes = self.scopes(obj);
        let mut last: Option<(u32, u8)> = None;
        for r in &t.glibc_relocs {
            if t.no_lookup(r.r_type) {
                continue;
            }
            let Some(sym) = t.syms.get(r.sym as usize) else {
                continue;
            };
            if sym.bind() == STB_LOCAL || matches!(sym.visibility(), STV_HIDDEN | STV_INTERNAL) {
                continue;
            }
            let class = t.type_class(r.r_type);
            if last == Some((r.sym, class)) {
                continue;
            }
            last = Some((r.sym, class));
            let nversions = self.nversions[obj];
            let version = t
                .versym
                .get(r.sym as usize)
                .filter(|&&v| usize::from(v & VERSYM_VERSION) < nversions)
                .and_then(|&v| t.version(v))
                .filter(|v| v.hash != 0);
            self.lookup_glibc(obj, &t, r, version, class, &scopes);
        }
    }

    /// elf/dl-lookup.c `_dl_lookup_symbol_x`.
    fn lookup_glibc(
        &mut self,
        obj: usize,
        t: &SymbolTables,
        r: &Record,
        version: Option<&VersionEntry>,
        class: u8,
        scopes: &[Vec<usize>],
    ) {
        let refidx = r.sym as usize;
        let rsym = t.syms[refidx];
        let name = t.name(&rsym);
        let gnu = r.gnu;
        let mut sysv = None;
        let mut found: Option<(usize, usize)> = None;
        let global = &self.g.search_list;
        'scopes: for scope in scopes {
            let memo = self.memo.is_some() && scope == global && global.len() > 1;
            // The program first, then (memoised per rest of the scope) the others.
            let direct = if memo { &scope[..1] } else { &scope[..] };
            for &m in direct {
                if let Step::Found(def) =
                    self.lookup_in(m, name, gnu, &mut sysv, version, class, obj, refidx)
                {
                    found = Some(def);
                    break 'scopes;
                }
            }
            if memo {
                let key = (self.ids[obj], r.sym, class, self.nversions[obj]);
                let cached = self.memo.as_ref().and_then(|m| {
                    m.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .get(&key)
                        .copied()
                });
                let rest = match cached {
                    Some(hit) => hit,
                    None => {
                        let mut hit = None;
                        for (p, &m) in scope.iter().enumerate().skip(1) {
                            if let Step::Found((_, idx)) =
                                self.lookup_in(m, name, gnu, &mut sysv, version, class, obj, refidx)
                            {
                                hit = Some((p, idx));
                                break;
                            }
                        }
                        if let Some(m) = &self.memo {
                            m.lock().unwrap_or_else(|e| e.into_inner()).insert(key, hit);
                        }
                        hit
                    }
                };
                if let Some((p, idx)) = rest {
                    found = Some((scope[p], idx));
                    break 'scopes;
                }
            }
        }
        let vname = || version.map(|v| v.name.clone());
        let Some((mut m, s)) = found else {
            if rsym.bind() != STB_WEAK {
                self.report.reloc_errors.push(RelocError {
                    object: obj,
                    error: Unresolved::Undefined {
                        symbol: name.to_vec(),
                        version: vname(),
                    },
                });
            }
            if self.keep_bindings {
                self.report.bindings.push(Binding {
                    from: obj,
                    symbol: name.to_vec(),
                    version: vname(),
                    to: None,
                });
            }
            return;
        };
        // A protected reference binds to its own definition.
        if rsym.other & 3 == STV_PROTECTED && m != obj {
            m = obj;
        }
        if self
            .t(m)
            .and_then(|d| d.syms.get(s))
            .is_some_and(|d| d.bind() == STB_GNU_UNIQUE)
        {
            let entry = self.unique.entry(name.to_vec()).or_insert((m, s));
            if class & CLASS_COPY == 0 {
                m = entry.0;
            }
        }
        if self.keep_bindings {
            self.report.bindings.push(Binding {
                from: obj,
                symbol: name.to_vec(),
                version: vname(),
                to: Some(m),
            });
        }
    }

    /// elf/dl-lookup.c `do_lookup_x` for one object of a scope.
    #[allow(clippy::too_many_arguments)]
    fn lookup_in(
        &self,
        m: usize,
        name: &[u8],
        gnu: u32,
        sysv: &mut Option<u32>,
        version: Option<&VersionEntry>,
        class: u8,
        obj: usize,
        refidx: usize,
    ) -> Step {
        if class & CLASS_COPY != 0 && m == 0 {
            return Step::Next;
        }
        let Some(d) = self.t(m) else {
            return Step::Next;
        };
        if !d.has_hash() {
            return Step::Next;
        }
        let mut versioned: Option<usize> = None;
        let mut num_versions = 0;
        let mut hit: Option<usize> = None;
        d.walk_chain(name, gnu, sysv, |idx| {
            let Some(sym) = d.syms.get(idx) else {
                return false;
            };
            let matched = check_match(
                d,
                idx,
                sym,
                name,
                version,
                class,
                m == obj && idx == refidx,
                &mut versioned,
                &mut num_versions,
            );
            if matched {
                hit = Some(idx);
            }
            matched
        });
        let hit = hit.or(if num_versions == 1 { versioned } else { None });
        if let Some(idx) = hit {
            let sym = &d.syms[idx];
            let local = matches!(sym.visibility(), STV_HIDDEN | STV_INTERNAL);
            if !local && matches!(sym.bind(), STB_GLOBAL | STB_WEAK | STB_GNU_UNIQUE) {
                return Step::Found((m, idx));
            }
        }
        Step::Next
    }

    fn relocate_musl(&mut self, obj: usize) {
        let Some(t) = self.t(obj).cloned() else {
            return;
        };
        for r in &t.musl_relocs {
            let Some(sym) = t.syms.get(r.sym as usize) else {
                continue;
            };
            let name = t.name(sym).to_vec();
            let class = t.type_class(r.r_type);
            let to = if sym.bind() == STB_LOCAL {
                Some(obj)
            } else {
                self.find_musl(&name, r.gnu, class)
            };
            if to.is_none() && (sym.shndx != SHN_UNDEF || sym.bind() != STB_WEAK) {
                self.report.reloc_errors.push(RelocError {
                    object: obj,
                    error: Unresolved::Undefined {
                        symbol: name.clone(),
                        version: None,
                    },
                });
            }
            if self.keep_bindings {
                self.report.bindings.push(Binding {
                    from: obj,
                    symbol: name,
                    version: None,
                    to,
                });
            }
        }
    }

    /// ldso/dynlink.c `find_sym2` over the global list.
    fn find_musl(&self, name: &[u8], gnu: u32, class: u8) -> Option<usize> {
        let mut sysv = None;
        let need_def = class & CLASS_PLT != 0;
        let skip_main = class & CLASS_COPY != 0;
        for &m in &self.g.search_list {
            if skip_main && m == 0 {
                continue;
            }
            let Some(d) = self.t(m) else {
                continue;
            };
            let hit = d.chain(name, gnu, &mut sysv).into_iter().find(|&i| {
                d.syms.get(i).is_some_and(|s| d.name(s) == name)
                    && d.versym.get(i).is_none_or(|&v| v & VERSYM_HIDDEN == 0)
            });
            let Some(i) = hit else {
                continue;
            };
            let s = &d.syms[i];
            if s.shndx == SHN_UNDEF && (need_def || s.kind() == STT_TLS) {
                continue;
            }
            if s.value == 0 && s.kind() != STT_TLS {
                continue;
            }
            let ok_type = matches!(
                s.kind(),
                STT_NOTYPE | STT_OBJECT | STT_FUNC | STT_COMMON | STT_TLS
            );
            let ok_bind = matches!(s.bind(), STB_GLOBAL | STB_WEAK | STB_GNU_UNIQUE);
            if ok_type && ok_bind {
                return Some(m);
            }
        }
        None
    }
}

enum Step {
    Found((usize, usize)),
    Next,
}

/// elf/dl-lookup.c `check_match`.
#[allow(clippy::too_many_arguments)]
fn check_match(
    d: &SymbolTables,
    idx: usize,
    sym: &Sym,
    name: &[u8],
    version: Option<&VersionEntry>,
    class: u8,
    is_ref: bool,
    versioned: &mut Option<usize>,
    num_versions: &mut u32,
) -> bool {
    let stt = sym.kind();
    if (sym.value == 0 && sym.shndx != SHN_ABS && stt != STT_TLS)
        || (class & CLASS_PLT != 0 && sym.shndx == SHN_UNDEF)
    {
        return false;
    }
    if !matches!(
        stt,
        STT_NOTYPE | STT_OBJECT | STT_FUNC | STT_COMMON | STT_TLS | STT_GNU_IFUNC
    ) {
        return false;
    }
    if !is_ref && d.name(sym) != name {
        return false;
    }
    let Some(&raw) = d
        .versym
        .get(idx)
        .or(if d.versym.is_empty() { None } else { Some(&0) })
    else {
        // No version table: any reference accepts the symbol.
        return true;
    };
    match version {
        Some(v) => {
            let (dhash, dname) = d
                .version(raw)
                .map_or((0, &[][..]), |e| (e.hash, e.name.as_slice()));
            if (dhash != v.hash || dname != v.name.as_slice())
                && (v.hidden || dhash != 0 || raw & VERSYM_HIDDEN != 0)
            {
                return false;
            }
            true
        }
        None => {
            if raw & VERSYM_VERSION >= 3 {
                if raw & VERSYM_HIDDEN == 0 {
                    *num_versions += 1;
                    if *num_versions == 1 {
                        *versioned = Some(idx);
                    }
                }
                return false;
            }
            true
        }
    }
}

/// One object's reference to a symbol and how it was resolved, for
/// `relf ldd --why-symbol`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymbolWhy {
    pub from: usize,
    pub version: Option<Vec<u8>>,
    /// The defining object, `None` when undefined.
    pub to: Option<usize>,
    /// The objects looked in before the definition was found (all of the
    /// scope when it was not), in lookup order.
    pub searched: Vec<usize>,
}

/// A definition of a symbol in one object of the global scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymbolDefinition {
    pub object: usize,
    pub version: Option<Vec<u8>>,
    /// The version is hidden (`sym@VER`, not the default `sym@@VER`).
    pub hidden: bool,
}

/// Every reference to `name` in `report`'s bindings (one per object and
/// version), with the objects searched before its definition: the
/// object's own scope under `DF_SYMBOLIC`, then the global scope, the
/// program left out for copy relocations.
pub fn why_symbol(g: &DepGraph, report: &BindReport, name: &[u8]) -> Vec<SymbolWhy> {
    let mut out: Vec<SymbolWhy> = Vec::new();
    for b in report.bindings.iter().filter(|b| b.symbol == name) {
        if out
            .iter()
            .any(|w| w.from == b.from && w.version == b.version)
        {
            continue;
        }
        let mut searched = Vec::new();
        for &m in &g.search_list {
            if Some(m) == b.to {
                break;
            }
            searched.push(m);
        }
        out.push(SymbolWhy {
            from: b.from,
            version: b.version.clone(),
            to: b.to,
            searched,
        });
    }
    out
}

/// The objects of the global scope that define `name` (through their hash
/// tables), in scope order: the first one wins for unversioned references.
pub fn definitions(
    g: &DepGraph,
    root: &Root,
    cache: &BindCache,
    name: &[u8],
) -> Vec<SymbolDefinition> {
    let gnu = gnu_hash(name);
    let mut sysv = None;
    let mut out = Vec::new();
    for &m in &g.search_list {
        let Some(info) = g.objects[m].info() else {
            continue;
        };
        let t = cache.get(root, info.id, &g.objects[m].canonical, true);
        for idx in t.chain(name, gnu, &mut sysv) {
            let Some(sym) = t.syms.get(idx) else {
                continue;
            };
            if sym.shndx == SHN_UNDEF || t.name(sym) != name {
                continue;
            }
            let raw = t.versym.get(idx).copied().unwrap_or(1);
            out.push(SymbolDefinition {
                object: m,
                version: t.version(raw).map(|v| v.name.clone()),
                hidden: raw & VERSYM_HIDDEN != 0,
            });
        }
    }
    out
}
