#!/usr/bin/env bash
# Side-by-side benchmark of relf and GNU readelf (never a timed test: this
# prints ratios for a human). For each flag set it runs both tools over the
# same list of ELF files (one process per file, as a user would) and prints
# the wall-clock ratio relf/readelf; then it shows peak memory (max RSS) of
# both printing the header and the sections of the largest ELF file found, to
# show that relf maps the file and reads only what it needs.
#
# The audit section times `relf audit --root / DIR` (every file walked,
# ELF files classified and resolved) beside `scanelf -R -n DIR` (pax-utils:
# NEEDED only) and beside the real ldd run on every ELF file scanelf finds.
#
#   bash tests/bench.sh [DIR]     # default DIR=/usr/lib/x86_64-linux-gnu
#   bash tests/bench.sh audit [DIR]   # only the audit section (DIR=/usr)
#   bash tests/bench.sh resolver      # only relf ldd vs libtree
#   bash tests/bench.sh ldd-r [DIR]   # only relf ldd -r vs ldd -r (DIR=/usr/bin)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
cargo build --release --quiet
relf=$PWD/target/release/relf

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { print e - s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# relf audit vs scanelf vs ldd on every ELF file; warm cache (one
# untimed run of each first), best of 3 for relf and scanelf.
audit_bench() {
    local dir=$1 elves
    command -v scanelf >/dev/null || apt-get install -y -qq pax-utils >/dev/null
    elves=$(mktemp)
    scanelf -R -F '%F' "$dir" 2>/dev/null | grep '^/' >"$elves" || true
    "$relf" audit --root / "$dir" >/dev/null 2>&1 || true
    local a s l files rss
    a=$(for i in 1 2 3; do seconds "$relf" audit --root / "$dir"; done | sort -n | head -1)
    s=$(for i in 1 2 3; do seconds scanelf -R -n "$dir"; done | sort -n | head -1)
    l=$(seconds xargs -d '\n' -n 1 ldd <"$elves")
    # relf exits non-zero when it finds something: not a failure here.
    files=$({ "$relf" audit --root / --json "$dir" 2>/dev/null || true; } | awk -F'[:,]' '/"files_scanned"/ { print $2 } /"elf_files"/ { print $2 }' | paste -sd' ')
    rss=$({ /usr/bin/time -f %M "$relf" audit --root / "$dir" 2>&1 >/dev/null || true; } | tail -1)
    echo "audit of $dir: files scanned, ELF files: $files; relf max RSS ${rss} KiB"
    printf '%-32s %9.2fs\n' "relf audit --root / $dir" "$a"
    printf '%-32s %9.2fs   relf/scanelf %s\n' "scanelf -R -n $dir" "$s" "$(ratio "$a" "$s")"
    printf '%-32s %9.2fs   relf/ldd %s\n' "ldd on each of $(wc -l <"$elves") ELF files" "$l" "$(ratio "$a" "$l")"
    rm -f "$elves"
}

# The resolver beside libtree (issue 18): one program per process
# (hyperfine medians), and N dynamic programs of /usr/bin in one relf call
# beside libtree run on each; `strace -c` counts the path system calls.
resolver_bench() {
    local progs n p l
    { command -v hyperfine && command -v libtree; } >/dev/null || apt-get install -y -qq hyperfine libtree >/dev/null
    progs=$(mktemp)
    for f in /usr/bin/*; do
        [ -f "$f" ] && [ ! -L "$f" ] || continue
        head -c4 "$f" 2>/dev/null | grep -q ELF || continue
        ldd "$f" 2>/dev/null | grep -q '=>' && printf '%s\n' "$f"
    done | head -n 538 >"$progs"
    n=$(wc -l <"$progs")
    hyperfine -N -w 5 -r 40 --export-json /tmp/relf-bench-one.json \
        "$relf ldd /usr/bin/python3" "libtree /usr/bin/python3" >/dev/null 2>&1
    read -r p l < <(python3 -c 'import json; r=json.load(open("/tmp/relf-bench-one.json"))["results"]; print(r[0]["median"], r[1]["median"])')
    printf '%-36s %9.4fs\n' "relf ldd /usr/bin/python3 (median)" "$p"
    printf '%-36s %9.4fs   relf/libtree %s\n' "libtree /usr/bin/python3 (median)" "$l" "$(ratio "$p" "$l")"
    xargs -d '\n' "$relf" ldd <"$progs" >/dev/null 2>&1 || true
    p=$(for i in 1 2 3 4 5; do seconds xargs -d '\n' "$relf" ldd <"$progs"; done | sort -n | sed -n 3p)
    l=$(for i in 1 2 3; do seconds xargs -d '\n' -n 1 libtree <"$progs"; done | sort -n | sed -n 2p)
    printf '%-36s %9.4fs\n' "relf ldd, $n programs, one call" "$p"
    printf '%-36s %9.4fs   relf/libtree %s\n' "libtree on each of $n programs" "$l" "$(ratio "$p" "$l")"
    strace -f -c -o /tmp/relf-bench-strace.txt "$relf" ldd $(head -n 100 "$progs") >/dev/null 2>&1 || true
    echo "system calls of relf ldd over 100 programs:"
    grep -E 'statx|readlink|openat|total' /tmp/relf-bench-strace.txt
    rm -f "$progs"
}

if [ "${1:-}" = resolver ]; then
    resolver_bench
    exit 0
fi
# relf ldd -r over the dynamic programs of DIR in one call vs ldd -r on
# each (issue 12's target: at most 1/20 of the time); warm cache.
ldd_r_bench() {
    local dir=$1 progs r o
    progs=$(mktemp)
    find "$dir" -maxdepth 1 -type f -print0 \
        | xargs -0 -n 64 sh -c 'for f; do head -c4 "$f" | grep -q ELF && readelf -lW "$f" 2>/dev/null | grep -q "program interpreter" && printf "%s\n" "$f"; done' sh >"$progs" || true
    xargs -d '\n' "$relf" ldd -r <"$progs" >/dev/null 2>&1 || true
    r=$(seconds xargs -d '\n' -n 1 ldd -r <"$progs")
    o=$(for i in 1 2 3; do seconds xargs -d '\n' "$relf" ldd -r <"$progs"; done | sort -n | head -1)
    echo "ldd -r over the $(wc -l <"$progs") dynamic programs of $dir:"
    printf '%-26s %9.2fs\n' "ldd -r (one per file)" "$r"
    printf '%-26s %9.2fs   relf/ldd %.3f (1/%.0f)\n' "relf ldd -r (one call)" "$o" "$(ratio "$o" "$r")" "$(ratio "$r" "$o")"
    rm -f "$progs"
}

if [ "${1:-}" = audit ]; then
    audit_bench "${2:-/usr}"
    exit 0
fi
if [ "${1:-}" = ldd-r ]; then
    ldd_r_bench "${2:-/usr/bin}"
    exit 0
fi
dir=${1:-/usr/lib/x86_64-linux-gnu}

list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$dir" -maxdepth 1 -type f -size +1k -print0 \
    | xargs -0 -n 64 sh -c 'for f; do head -c4 "$f" | grep -q ELF && printf "%s\n" "$f"; done' sh \
    | head -n 500 >"$list" || true # head closing the pipe early is expected
n=$(wc -l <"$list")
echo "files: $n ELF files from $dir"

each() { local tool=$1; shift; while IFS= read -r f; do $tool "$@" "$f"; done <"$list"; }

printf '%-8s %10s %10s %8s\n' flags readelf relf ratio
for flags in -h -lW -SW -dW -sW -VW -I; do
    r=$(seconds each readelf "$flags")
    o=$(seconds each "$relf" readelf "$flags")
    printf '%-8s %9.2fs %9.2fs %8.2f\n' "$flags" "$r" "$o" "$(awk -v o="$o" -v r="$r" 'BEGIN { print o / r }')"
done

big=$(xargs -d '\n' stat -c '%s %n' <"$list" | sort -n | tail -n 1 | cut -d' ' -f2-)
echo "largest: $big ($(stat -c %s "$big") bytes)"
for flags in -h -SW; do
    r=$(/usr/bin/time -f %M readelf "$flags" "$big" 2>&1 >/dev/null | tail -1)
    o=$(/usr/bin/time -f %M "$relf" readelf "$flags" "$big" 2>&1 >/dev/null | tail -1)
    printf 'max RSS %-4s readelf %7s KiB   relf %7s KiB\n' "$flags" "$r" "$o"
done
# Symbol tables of the largest file: time (best of 3) and memory.
for flags in -sW -VW; do
    r=$(for i in 1 2 3; do seconds readelf "$flags" "$big"; done | sort -n | head -1)
    o=$(for i in 1 2 3; do seconds "$relf" readelf "$flags" "$big"; done | sort -n | head -1)
    printf '%-4s on largest: readelf %6.2fs  relf %6.2fs\n' "$flags" "$r" "$o"
done

# ldd: relf resolves every file in one process, parsing each library once;
# ldd runs the loader once per file. lddtree (pax-utils) and libtree are
# timed too when installed.
echo
echo "ldd over the same $n files:"
r=$(seconds each ldd)
o=$(seconds xargs -d '\n' "$relf" ldd <"$list")
printf '%-22s %9.2fs\n' "ldd (one per file)" "$r"
printf '%-22s %9.2fs   ratio %.3f\n' "relf ldd (one call)" "$o" "$(awk -v o="$o" -v r="$r" 'BEGIN { print o / r }')"
if command -v lddtree >/dev/null; then
    t=$(seconds xargs -d '\n' /usr/bin/python3 /usr/bin/lddtree <"$list")
    printf '%-22s %9.2fs   relf/lddtree %.3f\n' "lddtree (one call)" "$t" "$(awk -v o="$o" -v t="$t" 'BEGIN { print o / t }')"
fi
if command -v libtree >/dev/null; then
    t=$(seconds each libtree)
    printf '%-22s %9.2fs   relf/libtree %.3f\n' "libtree (one per file)" "$t" "$(awk -v o="$o" -v t="$t" 'BEGIN { print o / t }')"
fi

echo
resolver_bench
ldd_r_bench /usr/bin
echo
audit_bench /usr

# Pathological graph (issue 11): a program whose DT_RPATH has 10,000
# entries; `relf ldd --explain` must stay linear (cut at
# MAX_EXPLAIN_CANDIDATES lines per library) and under 2 s.
echo
echo "pathological: DT_RPATH of 10,000 entries"
patho=$(mktemp -d)
printf 'int main(void){return 0;}\n' >"$patho/m.c"
{
    echo "--disable-new-dtags"
    printf -- '-rpath='
    seq 0 9999 | sed 's|^|/nonexistent/d|' | paste -sd: -
} >"$patho/ldargs"
gcc -o "$patho/r10k" "$patho/m.c" -Wl,@"$patho/ldargs"
/usr/bin/time -f '  relf ldd --explain: %e s, %M KB max RSS' "$relf" ldd --explain "$patho/r10k" >/dev/null
rm -rf "$patho"
