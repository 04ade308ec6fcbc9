#!/usr/bin/env bash
# Runs fuzz targets for a given time and reports executions and crashes.
#   bash fuzz/run.sh [SECONDS_FOR_ELF_MODEL] [SECONDS_FOR_EACH_OTHER] [TARGET...]
# Needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz).
# Without TARGET it runs every target: elf_model on one core, the others one
# after another on the second core, at nice 19 so the machine stays usable.
#
# Builds are optimized with debug assertions and overflow checks on (-O -a),
# so an arithmetic overflow on hostile input is a crash, not a silent wrap;
# and without AddressSanitizer (-s none): relf's code denies `unsafe` (the one
# exception, the mmap in src/source, is not on the fuzzed paths), so ASan
# would find nothing the Rust checks miss, at three times the cost.
#
# Corpora are seeded from testdata/fixtures (ELF targets) and small samples;
# crashes land in fuzz/artifacts/TARGET/ (commit them under testdata/ as
# regression tests once fixed). ELF inputs are capped at 16 KiB: every table
# the model reads fits, and small inputs keep executions fast.
set -euo pipefail
cd "$(dirname "$0")"
elf_secs=${1:-1800}
other_secs=${2:-600}
shift $(( $# > 2 ? 2 : $# ))
flags=(-O -a -s none)
cargo +nightly fuzz build "${flags[@]}" >/dev/null
all_targets=$(sed -n 's/^name = "\(.*\)"/\1/p' Cargo.toml | grep -v '^relf-fuzz$')
for t in $all_targets; do mkdir -p "corpus/$t"; done
for t in elf_model elf_render; do
    cp -n ../testdata/fixtures/* "corpus/$t/" 2>/dev/null || true
    rm -f "corpus/$t/PROVENANCE"
done
cp -n ../testdata/fixtures/go-static corpus/go_buildinfo/ 2>/dev/null || true
[ -r /etc/ld.so.cache ] && cp -n /etc/ld.so.cache corpus/ld_cache/host 2>/dev/null || true
printf 'include /etc/ld.so.conf.d/*.conf\n\0/usr/local/lib\n# c\n\0hwcap x\n/lib/x=libc6\n' >corpus/ld_conf/seed
printf '/lib/x86_64-linux-musl\n/usr/lib/x86_64-linux-musl\n' >corpus/musl_path/seed
for n in _ZNSt6vectorIiSaIiEED2Ev _ZZN1fIJiEEEvDpT_ENKUlvE_clEv _Z1fIJicEEvDpRKT_ _ZN1AcvT_IiEEv _Z1gIiEDTcl1fIT_EEEv _ZN3std2io5_printE _RNvCs1234_7mycrate3foo; do printf '%s' "$n" >"corpus/demangle/$n"; done
# A small layer (a file, a symlink, a whiteout) and the same gzip-compressed.
if [ ! -e corpus/image/layer.tar ]; then
    seed=$(mktemp -d)
    mkdir -p "$seed/lib" && printf '\177ELF' >"$seed/lib/libc.so.6" && ln -s lib "$seed/lib64" && : >"$seed/lib/.wh.old"
    tar -C "$seed" -cf corpus/image/layer.tar . && gzip -c corpus/image/layer.tar >corpus/image/layer.tar.gz
    rm -rf "$seed"
fi
run() {
    local target=$1 secs=$2 log=run-$1.log max_len=()
    case $target in elf_*) max_len=(-max_len=16384) ;; esac
    nice -n 19 cargo +nightly fuzz run "${flags[@]}" "$target" "corpus/$target" -- \
        -max_total_time="$secs" "${max_len[@]}" -rss_limit_mb=2048 -timeout=10 >"$log" 2>&1 || true
    local execs crashes
    execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1 || true)
    crashes=$(find "artifacts/$target" -type f 2>/dev/null | wc -l || true)
    printf '%-14s %6ss  executions %-10s crash artifacts %s\n' "$target" "$secs" "${execs:-?}" "$crashes"
}
if [ $# -gt 0 ]; then
    for t in "$@"; do
        case $t in elf_model) run "$t" "$elf_secs" ;; *) run "$t" "$other_secs" ;; esac
    done
    exit 0
fi
run elf_model "$elf_secs" &
for t in $all_targets; do [ "$t" = elf_model ] || run "$t" "$other_secs"; done
wait
