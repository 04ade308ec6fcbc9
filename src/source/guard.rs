//! Memory maps that survive the file shrinking under them.
//!
//! relf maps the files it inspects (a 4 GiB file costs only the pages a
//! command touches). Another process may truncate a mapped file at any
//! moment, including between the size check and the read: the kernel then
//! answers a read of a vanished page with SIGBUS, which kills the process
//! (issue 11). Copying every file into memory would trade that for an
//! allocation as large as the file, and a read-through-`pread` model would
//! take every parser off `&[u8]`.
//!
//! So the maps stay, and this module — the only `unsafe` in relf besides
//! the `mmap` call itself — makes a vanished page harmless:
//!
//! - every map is registered in a fixed, lock-free table of address ranges
//!   ([`GuardedMap::map`]; unregistered on drop, before the unmap);
//! - a process-wide SIGBUS handler, installed once, looks the faulting
//!   address (`si_addr`) up in that table. When it lies in a registered
//!   map, the handler replaces the pages from there to the end of the map
//!   with anonymous zero pages (`mmap` with `MAP_FIXED`), marks the map as
//!   changed and returns: the read is retried and sees zeros;
//! - the caller asks [`GuardedMap::changed`] (or [`faults`]) after using the
//!   bytes and reports `file changed while being read` instead of whatever
//!   it computed from them. Parsers never trust bytes anyway, so reading
//!   zeros is no worse than reading a damaged file.
//!
//! A SIGBUS at any other address is not ours: the handler puts back the
//! action it replaced (Rust's own stack-overflow handler, or the default)
//! and returns, so the fault repeats under that action.
//!
//! `mmap` is not on POSIX's list of async-signal-safe functions, but on
//! Linux it is a bare system call (glibc and musl take no lock in it); the
//! handler otherwise touches only atomics.
#![allow(unsafe_code)]

use std::fs::File;
use std::io;
use std::ops::Deref;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Maps guarded at once. A dependency graph holds at most
/// [`crate::limits::MAX_GRAPH_OBJECTS`] objects and drops each map once it is
/// parsed, so this is far above what a run keeps alive; a map beyond it is
/// refused (the caller reads the file instead).
pub const MAX_GUARDED_MAPS: usize = 4096;

struct Slot {
    start: AtomicUsize,
    len: AtomicUsize,
    faulted: AtomicBool,
}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Slot = Slot {
    start: AtomicUsize::new(0),
    len: AtomicUsize::new(0),
    faulted: AtomicBool::new(false),
};

static SLOTS: [Slot; MAX_GUARDED_MAPS] = [EMPTY; MAX_GUARDED_MAPS];
/// One past the highest slot ever used: the handler scans no further.
static HIGH: AtomicUsize = AtomicUsize::new(0);
static FAULTS: AtomicU64 = AtomicU64::new(0);
static PAGE: AtomicUsize = AtomicUsize::new(4096);
static PREVIOUS: OnceLock<Option<libc::sigaction>> = OnceLock::new();

/// How many reads of vanished pages the handler has turned into zeros in
/// this process so far.
pub fn faults() -> u64 {
    FAULTS.load(Ordering::SeqCst)
}

/// A read-only private map of a whole file, registered with the SIGBUS
/// handler for as long as it lives.
pub struct GuardedMap {
    map: memmap2::Mmap,
    /// Index in `SLOTS`; `None` for an empty map (nothing to fault).
    slot: Option<usize>,
}

impl std::fmt::Debug for GuardedMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GuardedMap")
            .field("len", &self.map.len())
            .field("changed", &self.changed())
            .finish()
    }
}

impl GuardedMap {
    /// Maps `file`, or fails with `WouldBlock` when [`MAX_GUARDED_MAPS`]
    /// maps are alive.
    pub fn map(file: &File) -> io::Result<GuardedMap> {
        install();
        // SAFETY: the map is read-only and private. The file may be
        // truncated by another process while it is mapped; a read of a page
        // that vanished raises SIGBUS, which `on_sigbus` turns into zero
        // pages for every address registered below (the registration
        // happens before any byte of the map is handed out). The file's
        // contents may also change under the map: parsers treat every byte
        // as untrusted and re-check every offset against the slice length,
        // which never changes.
        let map = unsafe { memmap2::Mmap::map(file) }?;
        if map.is_empty() {
            return Ok(GuardedMap { map, slot: None });
        }
        let start = map.as_ptr() as usize;
        for (i, s) in SLOTS.iter().enumerate() {
            if s.start
                .compare_exchange(0, usize::MAX, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
            {
                s.faulted.store(false, Ordering::SeqCst);
                s.len.store(map.len(), Ordering::SeqCst);
                s.start.store(start, Ordering::SeqCst);
                HIGH.fetch_max(i + 1, Ordering::SeqCst);
                return Ok(GuardedMap { map, slot: Some(i) });
            }
        }
        Err(io::Error::new(
            io::ErrorKind::WouldBlock,
            "too many files mapped at once",
        ))
    }

    /// Whether a page of this map vanished while it was read (the bytes
    /// read from there on were zeros, not the file's).
    pub fn changed(&self) -> bool {
        self.slot
            .is_some_and(|i| SLOTS[i].faulted.load(Ordering::SeqCst))
    }
}

impl Deref for GuardedMap {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.map
    }
}

impl Drop for GuardedMap {
    fn drop(&mut self) {
        // Unregister before `map` is unmapped (fields drop after this), so
        // the handler never replaces pages that are no longer this map's.
        if let Some(i) = self.slot {
            SLOTS[i].len.store(0, Ordering::SeqCst);
            SLOTS[i].start.store(0, Ordering::SeqCst);
        }
    }
}

/// Installs `on_sigbus` once per process, remembering the action it
/// replaces.
fn install() {
    PREVIOUS.get_or_init(|| {
        // SAFETY: sysconf and sigaction are called with valid arguments;
        // `action` is fully initialised (zeroed, then every field the kernel
        // reads is set) and `previous` is written by the kernel.
        unsafe {
            let page = libc::sysconf(libc::_SC_PAGESIZE);
            if page > 0 {
                PAGE.store(page as usize, Ordering::SeqCst);
            }
            let mut action: libc::sigaction = std::mem::zeroed();
            let handler: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                on_sigbus;
            action.sa_sigaction = handler as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            let mut previous: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(libc::SIGBUS, &action, &mut previous) == 0 {
                Some(previous)
            } else {
                None
            }
        }
    });
}

extern "C" fn on_sigbus(_sig: libc::c_int, info: *mut libc::siginfo_t, _ctx: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo_t for SA_SIGINFO handlers.
    let addr = unsafe { (*info).si_addr() } as usize;
    let page = PAGE.load(Ordering::SeqCst);
    let high = HIGH.load(Ordering::SeqCst).min(MAX_GUARDED_MAPS);
    for s in &SLOTS[..high] {
        let start = s.start.load(Ordering::SeqCst);
        let len = s.len.load(Ordering::SeqCst);
        if start == 0 || start == usize::MAX || addr < start || addr - start >= len {
            continue;
        }
        let from = addr & !(page - 1);
        let end = start + len;
        // SAFETY: [from, end) lies inside a live registered map (a map is
        // unregistered before it is unmapped, and it cannot be unmapped
        // while this thread is reading it). MAP_FIXED replaces exactly
        // those pages of it with zero-filled private ones.
        let r = unsafe {
            libc::mmap(
                from as *mut libc::c_void,
                end - from,
                libc::PROT_READ,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                -1,
                0,
            )
        };
        if r != libc::MAP_FAILED {
            s.faulted.store(true, Ordering::SeqCst);
            FAULTS.fetch_add(1, Ordering::SeqCst);
            return;
        }
        break;
    }
    // Not ours (or the pages could not be replaced): put the previous
    // action back; returning re-executes the access under it.
    // SAFETY: sigaction with a valid action saved by `install`, or the
    // default action.
    unsafe {
        match PREVIOUS.get() {
            Some(Some(prev)) => {
                libc::sigaction(libc::SIGBUS, prev, std::ptr::null_mut());
            }
            _ => {
                libc::signal(libc::SIGBUS, libc::SIG_DFL);
            }
        }
    }
}
