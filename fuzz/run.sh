#!/usr/bin/env bash
# Runs every fuzz target for a given time and reports executions and crashes.
#   bash fuzz/run.sh [SECONDS_FOR_ELF_MODEL] [SECONDS_FOR_EACH_OTHER]
# Needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz).
# Corpora are seeded from testdata/fixtures (ELF targets) and small samples;
# crashes land in fuzz/artifacts/TARGET/ (commit them under testdata/ as
# regression tests once fixed).
set -euo pipefail
cd "$(dirname "$0")"
elf_secs=${1:-1800}
other_secs=${2:-600}
cargo +nightly fuzz build -O >/dev/null
mkdir -p corpus/elf_model corpus/go_buildinfo corpus/ld_cache corpus/ld_conf corpus/musl_path corpus/image
cp -n ../testdata/fixtures/* corpus/elf_model/ 2>/dev/null || true
rm -f corpus/elf_model/PROVENANCE
cp -n ../testdata/fixtures/go-static corpus/go_buildinfo/ 2>/dev/null || true
[ -r /etc/ld.so.cache ] && cp -n /etc/ld.so.cache corpus/ld_cache/host 2>/dev/null || true
printf 'include /etc/ld.so.conf.d/*.conf\n\0/usr/local/lib\n# c\n\0hwcap x\n/lib/x=libc6\n' >corpus/ld_conf/seed
printf '/lib/x86_64-linux-musl\n/usr/lib/x86_64-linux-musl\n' >corpus/musl_path/seed
# A small layer (a file, a symlink, a whiteout) and the same gzip-compressed.
if [ ! -e corpus/image/layer.tar ]; then
    seed=$(mktemp -d)
    mkdir -p "$seed/lib" && printf '\177ELF' >"$seed/lib/libc.so.6" && ln -s lib "$seed/lib64" && : >"$seed/lib/.wh.old"
    tar -C "$seed" -cf corpus/image/layer.tar . && gzip -c corpus/image/layer.tar >corpus/image/layer.tar.gz
    rm -rf "$seed"
fi
run() {
    local target=$1 secs=$2 log=run-$1.log
    cargo +nightly fuzz run -O "$target" "corpus/$target" -- -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 >"$log" 2>&1 || true
    local execs crashes
    execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1 || true)
    crashes=$(find "artifacts/$target" -type f 2>/dev/null | wc -l || true)
    printf '%-14s %6ss  executions %-10s crash artifacts %s\n' "$target" "$secs" "${execs:-?}" "$crashes"
}
# Two cores: the ELF model on one, the other targets one after another on the other.
run elf_model "$elf_secs" &
for t in ld_cache ld_conf musl_path go_buildinfo image; do run "$t" "$other_secs"; done
wait
