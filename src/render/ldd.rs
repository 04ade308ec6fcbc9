//! `ldd` text: what glibc's and musl's ldd print for a resolved graph,
//! without the ` (0x...)` load addresses (which depend on the run).
//!
//! glibc (elf/rtld.c `dl_main` trace printing; spec §5.1–5.2): the vDSO, then
//! the objects in creation order, with the interpreter moved right after the
//! object that precedes it in the search list; `name => path`, `name => not
//! found`, or just `path` when the name is the path. musl (ldso/dynlink.c;
//! spec §5.4): the interpreter first, then `name => path` as objects load;
//! names of musl itself once per family; nothing for names not found.

use crate::loader::graph::{DepGraph, Flavor, FoundVia, Linkage};

/// What ldd prints on stdout for one graph (without the `FILE:` header).
pub fn write_ldd(out: &mut Vec<u8>, g: &DepGraph) {
    match g.linkage {
        Linkage::NotDynamic => {}
        Linkage::NoDependencies => out.extend_from_slice(b"\tstatically linked\n"),
        Linkage::Dynamic => match g.flavor {
            Flavor::Glibc => write_glibc(out, g),
            Flavor::Musl => write_musl(out, g),
        },
    }
}

fn line(out: &mut Vec<u8>, name: &[u8], path: Option<&[u8]>) {
    out.push(b'\t');
    out.extend_from_slice(name);
    if let Some(p) = path {
        out.extend_from_slice(b" => ");
        out.extend_from_slice(p);
    }
    out.push(b'\n');
}

/// The order glibc's trace prints objects in (indices into `g.objects`),
/// with `None` standing for the vDSO line.
pub fn glibc_print_order(g: &DepGraph) -> Vec<Option<usize>> {
    let mut order: Vec<Option<usize>> = vec![None];
    order.extend(
        (1..g.objects.len())
            .filter(|&i| Some(i) != g.interpreter)
            .map(Some),
    );
    if let Some(interp) = g.interpreter {
        // Re-inserted after its predecessor in the search list; glibc <= 2.40
        // prints it only when some object's NEEDED resolved to it.
        if let Some(k) = g.search_list.iter().position(|&i| i == interp) {
            let pred = g.search_list[k.saturating_sub(1)];
            let at = if pred == 0 {
                0
            } else {
                order
                    .iter()
                    .position(|&o| o == Some(pred))
                    .map_or(order.len(), |p| p + 1)
            };
            order.insert(at, Some(interp));
        }
    }
    order
}

fn write_glibc(out: &mut Vec<u8>, g: &DepGraph) {
    // ld.so's own messages (failed preloads) come first: ldd runs the
    // loader with its stderr joined to stdout (`try_trace`, 2>&1).
    for m in &g.loader_messages {
        out.extend_from_slice(m);
        out.push(b'\n');
    }
    if let Some((path, message)) = &g.fatal {
        let main = ldd_display_name(&g.objects[0].path);
        out.extend_from_slice(&main);
        out.extend_from_slice(b": error while loading shared libraries: ");
        out.extend_from_slice(path);
        out.extend_from_slice(b": ");
        out.extend_from_slice(message.as_bytes());
        out.push(b'\n');
        return;
    }
    for entry in glibc_print_order(g) {
        let Some(i) = entry else {
            line(out, g.arch.vdso.as_bytes(), None);
            continue;
        };
        let o = &g.objects[i];
        let name = o.names.first().map(Vec::as_slice).unwrap_or(&o.path);
        if o.via == FoundVia::Interpreter {
            // Printed under the executable's PT_INTERP, or the loader's own
            // path when there is none (a library given to ldd).
            let path = o.path.as_slice();
            let name = g.objects[0]
                .info()
                .and_then(|i| i.interpreter.as_deref())
                .unwrap_or(path);
            if name == path {
                line(out, name, None);
            } else {
                line(out, name, Some(path));
            }
        } else if !o.is_found() {
            line(out, name, Some(b"not found"));
        } else if name == o.path.as_slice() {
            line(out, name, None);
        } else {
            line(out, name, Some(&o.path));
        }
    }
}

fn write_musl(out: &mut Vec<u8>, g: &DepGraph) {
    let ldso: &[u8] = match g.interpreter {
        Some(i) => &g.objects[i].path,
        None => g.objects[0]
            .info()
            .and_then(|i| i.interpreter.as_deref())
            .unwrap_or(b""),
    };
    line(out, ldso, None);
    // Objects print as they load: follow the edges in order.
    let mut printed = vec![false; g.objects.len()];
    for e in &g.edges {
        let o = &g.objects[e.to];
        if !o.is_found() || e.reused {
            continue;
        }
        if o.via == FoundVia::MuslSelf {
            line(out, &e.name, Some(&o.path));
            continue;
        }
        if printed[e.to] {
            continue;
        }
        printed[e.to] = true;
        line(out, &e.name, Some(&o.path));
    }
}

/// How glibc's ldd names a file in messages: `./NAME` when it has no `/`.
pub fn ldd_display_name(path: &[u8]) -> Vec<u8> {
    if path.contains(&b'/') {
        path.to_vec()
    } else {
        let mut v = b"./".to_vec();
        v.extend_from_slice(path);
        v
    }
}
