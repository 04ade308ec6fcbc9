#!/usr/bin/env bash
# Runs every relf test. On a fresh Debian 12 machine it first installs what
# the tests compare against or use: GNU binutils 2.40 (readelf), glibc's ldd
# (libc-bin), musl's loader (musl) and musl-gcc (musl-tools), gcc (synthetic
# objects are built at test time), util-linux (setpriv, unshare),
# coreutils (mkfifo, chroot), and go1.19 (golang-go: `go version -m` is
# compared, Go binaries are built at test time) with git (VCS stamping).
#
#   bash tests/run.sh                      # all tests
#   bash tests/run.sh --bless-completions  # regenerate completions/ first
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v readelf >/dev/null 2>&1 || missing+=(binutils)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
command -v mkfifo >/dev/null 2>&1 || missing+=(coreutils)
command -v ldd >/dev/null 2>&1 || missing+=(libc-bin)
command -v gcc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
[ -e /lib/ld-musl-x86_64.so.1 ] || missing+=(musl)
command -v go >/dev/null 2>&1 || missing+=(golang-go)
command -v git >/dev/null 2>&1 || missing+=(git)
command -v musl-gcc >/dev/null 2>&1 || missing+=(musl-tools)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "tests/run.sh: please install: ${missing[*]}" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! readelf --version | head -1 | grep -q ' 2\.40$'; then
    echo "tests/run.sh: parity tests target GNU readelf 2.40; found: $(readelf --version | head -1)" >&2
    exit 1
fi

if [ "${1:-}" = "--bless-completions" ]; then
    cargo build --quiet
    for pair in bash:relf.bash zsh:_relf fish:relf.fish elvish:relf.elv powershell:_relf.ps1; do
        ./target/debug/relf completions "${pair%%:*}" > "completions/${pair#*:}"
    done
fi

# --nocapture shows the parity counts printed by the differential tests.
cargo test --all-targets -- --nocapture
