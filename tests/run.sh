#!/usr/bin/env bash
# Runs every relf test. On a fresh Debian 12 machine it first installs what
# the tests compare against or use: GNU binutils 2.40 (readelf), glibc's ldd
# (libc-bin), musl's loader (musl) and musl-gcc (musl-tools), gcc (synthetic
# objects are built at test time), util-linux (setpriv, unshare), coreutils
# (mkfifo, chroot), go1.19 (golang-go: `go version -m` is compared, Go
# binaries are built at test time) with git (VCS stamping), file and
# checksec (relf info is compared with both), strace (to
# prove relf starts no process, and to watch the foreign loaders' file
# accesses), pax-utils (lddtree, the second opinion
# on the foreign roots) and qemu-user (to run the foreign roots' own
# loaders), umoci, skopeo and mmdebstrap (to build container images with
# real tools, among them a Debian minbase root: tests/real-images.sh). The foreign root tests download Debian arm64 and s390x packages
# (tests/foreign-root.sh; the roots stay in target/tmp/foreign-roots, or in
# RELF_FOREIGN_ROOT=DIR).
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
command -v strace >/dev/null 2>&1 || missing+=(strace)
command -v file >/dev/null 2>&1 || missing+=(file)
command -v checksec >/dev/null 2>&1 || missing+=(checksec)
# Debian's lddtree is a python3 script run with Debian's python3.
{ [ -x /usr/bin/lddtree ] && /usr/bin/python3 -c 'import elftools' 2>/dev/null; } || missing+=(pax-utils)
command -v umoci >/dev/null 2>&1 || missing+=(umoci)
command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
# The registry tests run a real registry with htpasswd auth and a TLS
# certificate made at test time (tests/integration/registry.rs).
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
{ command -v qemu-aarch64 >/dev/null 2>&1 && command -v qemu-s390x >/dev/null 2>&1; } || missing+=(qemu-user)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "tests/run.sh: please install: ${missing[*]}" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The CycloneDX 1.6 JSON schemas (with spdx and jsf) the SBOM test validates
# against, as cyclonedx-python-lib ships them (tests/integration/sbom.rs).
if ! python3 -c 'import cyclonedx' 2>/dev/null; then
    python3 -m pip install --quiet cyclonedx-python-lib 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages cyclonedx-python-lib
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
