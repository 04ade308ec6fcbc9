//! Synthetic ELF objects for loader-rule tests, built at test time: gcc
//! builds one tiny shared library and one tiny program as templates, and
//! object's ELF builder (`object::build::elf::Builder`) rewrites copies of
//! them with the SONAME, DT_NEEDED, DT_RPATH, DT_RUNPATH and DT_FLAGS_1 a
//! test wants (it re-lays the file out, so entries can be added freely).
//! The results are ordinary objects the real glibc loader accepts, so every
//! expectation is checked against the real ldd.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use object::build::elf::{Builder, Dynamic, SectionData};

struct Templates {
    lib: Vec<u8>,
    exe: Vec<u8>,
}

/// A musl program template (musl-gcc, from musl-tools).
fn musl_template() -> &'static Vec<u8> {
    static T: OnceLock<Vec<u8>> = OnceLock::new();
    T.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("t.c");
        std::fs::write(&c, "int main(void) { return 0; }\n").unwrap();
        let exe = dir.path().join("t");
        // A build-id note gives the template the PT_NOTE `relayout_dynamic`
        // turns into a PT_LOAD.
        let st = Command::new("musl-gcc")
            .arg("-Wl,--build-id=sha1")
            .arg("-o")
            .arg(&exe)
            .arg(&c)
            .status()
            .expect("musl-gcc (musl-tools) is needed for musl tests; tests/run.sh installs it");
        assert!(st.success());
        std::fs::read(&exe).unwrap()
    })
}

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("t.c");
        std::fs::write(
            &c,
            "int relf_template(void) { return 0; }\nint main(void) { return 0; }\n",
        )
        .unwrap();
        let lib = dir.path().join("libt.so");
        let exe = dir.path().join("t");
        let gcc = |args: &[&std::ffi::OsStr]| {
            let st = Command::new("gcc")
                .args(args)
                .status()
                .expect("gcc is needed to build synthetic objects (tests/run.sh installs it)");
            assert!(st.success());
        };
        gcc(&[
            "-shared".as_ref(),
            "-fPIC".as_ref(),
            "-nostdlib".as_ref(),
            "-o".as_ref(),
            lib.as_os_str(),
            c.as_os_str(),
        ]);
        gcc(&["-o".as_ref(), exe.as_os_str(), c.as_os_str()]);
        Templates {
            lib: std::fs::read(&lib).unwrap(),
            exe: std::fs::read(&exe).unwrap(),
        }
    })
}

/// A synthetic object to write.
#[derive(Default, Clone)]
pub struct Obj {
    soname: Option<String>,
    needed: Vec<String>,
    rpath: Option<String>,
    runpath: Option<String>,
    flags_1: u64,
    exe: bool,
    musl: bool,
}

pub const DF_1_NODEFLIB: u64 = 0x800;

impl Obj {
    pub fn lib(soname: &str) -> Obj {
        Obj {
            soname: Some(soname.into()),
            ..Default::default()
        }
    }
    pub fn lib_without_soname() -> Obj {
        Obj::default()
    }
    pub fn exe() -> Obj {
        Obj {
            exe: true,
            ..Default::default()
        }
    }
    /// A musl program (PT_INTERP /lib/ld-musl-x86_64.so.1). Its template
    /// NEEDs libc.so, kept unless `needs` replaces the list.
    pub fn musl_exe() -> Obj {
        Obj {
            exe: true,
            musl: true,
            ..Default::default()
        }
    }
    pub fn needs(mut self, names: &[&str]) -> Obj {
        self.needed.extend(names.iter().map(|s| s.to_string()));
        self
    }
    pub fn rpath(mut self, p: &str) -> Obj {
        self.rpath = Some(p.into());
        self
    }
    pub fn runpath(mut self, p: &str) -> Obj {
        self.runpath = Some(p.into());
        self
    }
    pub fn flags_1(mut self, f: u64) -> Obj {
        self.flags_1 |= f;
        self
    }

    /// The object's bytes.
    pub fn build(&self) -> Vec<u8> {
        let t = templates();
        let src = if self.musl {
            musl_template()
        } else if self.exe {
            &t.exe
        } else {
            &t.lib
        };
        let mut b = Builder::read(&src[..]).expect("template parses");
        for s in b.sections.iter_mut() {
            let SectionData::Dynamic(d) = &mut s.data else {
                continue;
            };
            // Drop what the template had, then add ours before DT_NULL.
            d.retain(|e| {
                let t = e.tag();
                t != object::elf::DT_NEEDED
                    && t != object::elf::DT_SONAME
                    && t != object::elf::DT_RPATH
                    && t != object::elf::DT_RUNPATH
                    && t != object::elf::DT_FLAGS_1
            });
            let mut pos = d
                .iter()
                .position(|e| e.tag() == object::elf::DT_NULL)
                .unwrap_or(d.len());
            let mut add = |e: Dynamic<'static>| {
                d.insert(pos, e);
                pos += 1;
            };
            let s = |tag, v: &str| Dynamic::String {
                tag,
                val: v.as_bytes().to_vec().into(),
            };
            for n in &self.needed {
                add(s(object::elf::DT_NEEDED, n));
            }
            if let Some(v) = &self.soname {
                add(s(object::elf::DT_SONAME, v));
            }
            if let Some(v) = &self.rpath {
                add(s(object::elf::DT_RPATH, v));
            }
            if let Some(v) = &self.runpath {
                add(s(object::elf::DT_RUNPATH, v));
            }
            let mut flags_1 = self.flags_1;
            if self.exe {
                flags_1 |= 0x0800_0000; // DF_1_PIE, as gcc sets it
            }
            if flags_1 != 0 {
                add(Dynamic::Integer {
                    tag: object::elf::DT_FLAGS_1,
                    val: flags_1,
                });
            }
        }
        relayout_dynamic(&mut b);
        let mut out = Vec::new();
        b.write(&mut out).expect("builder writes");
        out
    }

    /// Writes the object to `path` (creating directories), executable.
    pub fn write(&self, path: &Path) -> PathBuf {
        write_bytes(path, &self.build())
    }
}

/// `.dynstr` and `.dynamic` grew: move both into a read-write PT_LOAD at the
/// end of the file and point PT_DYNAMIC at the new `.dynamic`. The program
/// header table cannot grow in place (sections follow it), so one of gcc's
/// PT_NOTE headers is turned into that PT_LOAD.
fn relayout_dynamic(b: &mut Builder<'_>) {
    b.set_section_sizes();
    let find = |b: &Builder<'_>, want: fn(&SectionData<'_>) -> bool| {
        b.sections.iter().find(|s| want(&s.data)).map(|s| s.id())
    };
    let dynstr = find(b, |d| matches!(d, SectionData::DynamicString)).expect(".dynstr");
    let dynamic = find(b, |d| matches!(d, SectionData::Dynamic(_))).expect(".dynamic");
    let align = b.load_align;
    let (mut end_offset, mut end_addr) = (0, 0);
    for seg in b.segments.iter() {
        end_offset = end_offset.max(seg.p_offset + seg.p_filesz);
        end_addr = end_addr.max(seg.p_vaddr + seg.p_memsz);
    }
    let seg = b
        .segments
        .iter_mut()
        .find(|s| s.p_type == object::elf::PT_NOTE)
        .expect("the template has a PT_NOTE to repurpose");
    let addr = ((end_addr + (align - 1)) & !(align - 1)) + (end_offset & (align - 1));
    seg.p_type = object::elf::PT_LOAD;
    seg.p_flags = object::elf::PF_R | object::elf::PF_W;
    seg.p_offset = end_offset;
    seg.p_vaddr = addr;
    seg.p_paddr = addr;
    seg.p_align = align;
    seg.remove_sections();
    seg.append_section(b.sections.get_mut(dynstr));
    seg.append_section(b.sections.get_mut(dynamic));
    for seg in b.segments.iter_mut() {
        if seg.p_type == object::elf::PT_DYNAMIC {
            seg.remove_sections();
            seg.append_section(b.sections.get_mut(dynamic));
        }
    }
}

pub fn write_bytes(path: &Path, bytes: &[u8]) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_path_buf()
}

/// A copy of `bytes` patched to another ELF class (byte 4).
pub fn with_class(bytes: &[u8], class: u8) -> Vec<u8> {
    let mut v = bytes.to_vec();
    v[4] = class;
    v
}

/// A copy of `bytes` patched to another e_machine (little-endian).
pub fn with_machine(bytes: &[u8], machine: u16) -> Vec<u8> {
    let mut v = bytes.to_vec();
    v[18..20].copy_from_slice(&machine.to_le_bytes());
    v
}
