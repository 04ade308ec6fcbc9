#!/usr/bin/env python3
"""Regenerates src/elf/reloc_names/tables.rs from GNU binutils 2.40 sources.

    python3 scripts/gen-reloc-names.py /path/to/binutils-2.40 > src/elf/reloc_names/tables.rs

readelf names relocation types with functions generated from the
RELOC_NUMBER tables in include/elf/*.h (include/elf/reloc-macros.h with
RELOC_MACROS_GEN_FUNC). To get exactly those tables, this script compiles the
same headers, with the same RELOC_MACROS_GEN_FUNC conditionals, into a small C
program whose macros print every (number, name) pair instead of emitting a
switch; the C compiler evaluates the numbers. The e_machine -> table dispatch
is parsed from the switch in readelf.c `dump_relocations`; its two
conditional cases (EM_MSP430, EM_NFP) are written by hand in
src/elf/reloc_names/mod.rs and the script checks they are still the only ones.

Needs gcc and rustfmt. Output is deterministic.
"""

import os
import re
import subprocess
import sys
import tempfile

# Cases of the dump_relocations switch whose choice depends on more than
# e_machine; mod.rs handles them.
SPECIAL = {"EM_MSP430", "EM_MSP430_OLD", "EM_NFP"}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    include = os.path.join(root, "include")
    readelf_c = open(os.path.join(root, "binutils", "readelf.c"), encoding="utf-8").read()

    # Headers readelf includes after defining RELOC_MACROS_GEN_FUNC.
    tail = readelf_c.split("#define RELOC_MACROS_GEN_FUNC", 1)[1]
    headers = re.findall(r'#include "(elf/[\w-]+\.h)"', tail.split('#include "getopt.h"', 1)[0])

    # The dispatch: `case EM_X:` labels followed by `rtype = FN (type);`.
    body = readelf_c.split("\ndump_relocations (", 1)[1]
    switch = body.split("switch (filedata->file_header.e_machine)", 1)[1]
    switch = switch.split("if (rtype == NULL)", 1)[0]
    dispatch = []  # (em name, function)
    pending = []
    for line in switch.splitlines():
        line = line.strip()
        m = re.match(r"case (EM_\w+):", line)
        if m:
            pending.append(m.group(1))
            continue
        m = re.match(r"rtype = (\w+) \(type\);", line)
        if m and pending:
            if not SPECIAL.intersection(pending):
                dispatch += [(em, m.group(1)) for em in pending]
            pending = []
        elif line == "break;" or line.startswith("default:"):
            pending = []
    special_seen = {em for em in re.findall(r"case (EM_\w+):", switch) if em in SPECIAL}
    if special_seen != SPECIAL:
        sys.exit(f"special cases changed: {sorted(special_seen)}")
    # guess_is_rela: the machines listed before `return true;`.
    guess = readelf_c.split("\nguess_is_rela (", 1)[1].split("\n}\n", 1)[0]
    rela_part = guess.split("return false;", 1)[1].split("return true;", 1)[0]
    rela_machines = re.findall(r"case (EM_\w+):", rela_part)
    ems = sorted({em for em, _ in dispatch} | SPECIAL | set(rela_machines))

    prog = [
        "#include <stdio.h>",
        "#include <stdint.h>",
        "#include <stdbool.h>",
        "#define ATTRIBUTE_PACKED __attribute__((packed))",
        "typedef struct bfd bfd; typedef uint64_t bfd_vma; typedef int64_t bfd_signed_vma;",
        "typedef uint64_t bfd_size_type; typedef int64_t file_ptr; typedef struct asection asection;",
        "typedef unsigned int flagword;",
        '#include "elf/common.h"',
        '#include "elf/external.h"',
        '#include "elf/internal.h"',
        "#define _RELOC_MACROS_H",
        "#define RELOC_MACROS_GEN_FUNC",
        '#define START_RELOC_NUMBERS(name) static void dump_##name(void) { printf("@%s\\n", #name);',
        '#define RELOC_NUMBER(name, number) printf("%lu %s\\n", (unsigned long)(number), #name);',
        "#define FAKE_RELOC(name, number)",
        "#define EMPTY_RELOC(name)",
        "#define END_RELOC_NUMBERS(name) }",
    ]
    prog += [f'#include "{h}"' for h in headers]

    with tempfile.TemporaryDirectory() as tmp:
        # nfp.h includes bfd.h; nothing from it is needed.
        open(os.path.join(tmp, "bfd.h"), "w").close()
        src = os.path.join(tmp, "gen.c")
        exe = os.path.join(tmp, "gen")
        # The preprocessor decides which tables exist (#if 0 blocks,
        # RELOC_MACROS_GEN_FUNC conditionals, include guards).
        open(src, "w").write("\n".join(prog) + "\n")
        expanded = subprocess.run(
            ["gcc", "-E", "-P", "-I", tmp, "-I", include, src],
            check=True, capture_output=True, text=True,
        ).stdout
        functions = re.findall(r"static void dump_(\w+)\(void\)", expanded)
        prog.append("int main(void) {")
        prog += [f"  dump_{f}();" for f in functions]
        prog += [f'  printf("!{em} %u\\n", (unsigned)({em}));' for em in ems]
        prog.append("  return 0;\n}")
        open(src, "w").write("\n".join(prog) + "\n")
        subprocess.run(["gcc", "-w", "-I", tmp, "-I", include, "-o", exe, src], check=True)
        out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout

    tables = {}
    em_values = {}
    current = None
    for line in out.splitlines():
        if line.startswith("@"):
            current = line[1:]
            tables[current] = {}
        elif line.startswith("!"):
            em, value = line[1:].split()
            em_values[em] = int(value)
        else:
            number, name = line.split()
            number = int(number)
            if number in tables[current]:
                sys.exit(f"{current}: duplicate case {number}")
            tables[current][number] = name

    check_against_real_switches(include, headers, functions, tables)

    def rust_name(fn):
        return re.sub(r"^elf_|_reloc_type$", "", fn).upper()

    chunks = []
    w = chunks.append
    w("// @generated by scripts/gen-reloc-names.py from GNU binutils 2.40\n")
    w("// (include/elf/*.h RELOC_NUMBER tables, readelf.c dump_relocations). Do not edit.\n\n")
    w("//! Relocation type names, one sorted table per readelf naming function.\n\n")
    w("/// A sorted `(number, name)` table.\n")
    w("pub type Table = &'static [(u32, &'static str)];\n")
    for fn in functions:
        entries = sorted(tables[fn].items())
        w(f"\n/// readelf's `{fn}`.\n")
        w(f"pub static {rust_name(fn)}: Table = &[\n")
        for number, name in entries:
            w(f"    ({number}, \"{name}\"),\n")
        w("];\n")
    w("\n/// The `dump_relocations` switch for machines whose table depends on\n")
    w("/// `e_machine` alone.\n")
    w("pub fn table_for_machine(e_machine: u16) -> Option<Table> {\n")
    w("    Some(match e_machine {\n")
    for em, fn in sorted(dispatch, key=lambda x: (em_values[x[0]], x[0])):
        w(f"        {em_values[em]} => {rust_name(fn)}, // {em}\n")
    w("        _ => return None,\n")
    w("    })\n}\n")
    w("\n/// readelf's `guess_is_rela`: the machines whose relocations are RELA\n")
    w("/// when nothing says otherwise.\n")
    w("pub fn guess_is_rela(e_machine: u16) -> bool {\n")
    w("    matches!(\n        e_machine,\n")
    arms = sorted({(em_values[em], em) for em in rela_machines})
    w("\n".join(f"        {'| ' if i else ''}{v} // {em}" for i, (v, em) in enumerate(arms)))
    w("\n    )\n}\n")
    w("\n/// `e_machine` values of the cases handled in mod.rs.\n")
    for em in sorted(SPECIAL):
        w(f"pub const {em}: u16 = {em_values[em]};\n")
    # Formatted as `cargo fmt` would, so regenerating leaves no diff.
    formatted = subprocess.run(
        ["rustfmt", "--edition", "2021"],
        input="".join(chunks), check=True, capture_output=True, text=True,
    ).stdout
    sys.stdout.write(formatted)


def check_against_real_switches(include, headers, functions, tables):
    """Compiles the headers as readelf does (the real reloc-macros.h with
    RELOC_MACROS_GEN_FUNC) and checks that each generated switch function
    agrees with the extracted table for every number in 0..4096 and every
    number the tables name."""
    numbers = set(range(4096))
    for t in tables.values():
        numbers |= set(t)
    prog = [
        "#include <stdio.h>",
        "#include <stdint.h>",
        "#include <stdbool.h>",
        "#define ATTRIBUTE_PACKED __attribute__((packed))",
        "typedef struct bfd bfd; typedef uint64_t bfd_vma; typedef int64_t bfd_signed_vma;",
        "typedef uint64_t bfd_size_type; typedef int64_t file_ptr; typedef struct asection asection;",
        "typedef unsigned int flagword;",
        '#include "elf/common.h"',
        '#include "elf/external.h"',
        '#include "elf/internal.h"',
        "#define RELOC_MACROS_GEN_FUNC",
    ]
    prog += [f'#include "{h}"' for h in headers]
    prog.append("static const unsigned long numbers[] = {")
    prog += [f"  {n}UL," for n in sorted(numbers)]
    prog.append("};")
    prog.append("int main(void) { const char *r; size_t i;")
    for f in functions:
        prog.append(f'  printf("@{f}\\n");')
        prog.append("  for (i = 0; i < sizeof numbers / sizeof numbers[0]; i++)")
        prog.append(f'    if ((r = {f} (numbers[i])) != NULL) printf("%lu %s\\n", numbers[i], r);')
    prog.append("  return 0; }")
    with tempfile.TemporaryDirectory() as tmp:
        open(os.path.join(tmp, "bfd.h"), "w").close()
        src = os.path.join(tmp, "check.c")
        exe = os.path.join(tmp, "check")
        open(src, "w").write("\n".join(prog) + "\n")
        subprocess.run(["gcc", "-w", "-I", tmp, "-I", include, "-o", exe, src], check=True)
        out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
    real = {}
    current = None
    for line in out.splitlines():
        if line.startswith("@"):
            current = line[1:]
            real[current] = {}
        else:
            number, name = line.split()
            real[current][int(number)] = name
    for f in functions:
        if real[f] != tables[f]:
            sys.exit(f"{f}: extracted table differs from readelf's switch")


if __name__ == "__main__":
    main()
