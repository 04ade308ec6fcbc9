#!/usr/bin/env bash
# Builds the `relf info` fixtures into OUTDIR (default: testdata/info/out),
# one per libc variant, linkage and hardening profile; the facts relf must
# find in each are in testdata/info/EXPECTED. The integration tests
# (tests/integration/info.rs) run this script at test time into a
# temporary directory; nothing it builds is committed.
#
#   bash testdata/info/build.sh [OUTDIR]
#
# Needs gcc, musl-gcc (musl-tools) and go (golang-go, go1.19), all Debian
# 12 packages tests/run.sh installs. No network: Go modules are local.
set -euo pipefail
export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=0
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$HERE/../src
OUT=${1:-$HERE/out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cc() { # cc NAME COMPILER SOURCE FLAGS...
	local name=$1 compiler=$2 source=$3
	shift 3
	(cd "$SRC" && "$compiler" "$@" -o "$OUT/$name" "$source")
}

# glibc (gcc 12, glibc 2.36)
cc glibc-dynamic gcc hello.c -O2
cc glibc-static gcc hello.c -O2 -static
cc glibc-static-pie gcc hello.c -O2 -static-pie
strip -o "$OUT/glibc-static-stripped" "$OUT/glibc-static"
strip -o "$OUT/glibc-dynamic-stripped" "$OUT/glibc-dynamic"
cc glibc-hardened gcc harden.c -O2 -D_FORTIFY_SOURCE=2 -fstack-protector-strong \
	-fcf-protection=full -fPIE -pie -Wl,-z,relro,-z,now -Wl,-z,ibt,-z,shstk
cc glibc-unhardened gcc harden.c -O0 -U_FORTIFY_SOURCE -fno-stack-protector \
	-fcf-protection=none -fno-pie -no-pie -Wl,-z,norelro -Wl,-z,execstack
cc glibc-rpath gcc hello.c -O2 '-Wl,--disable-new-dtags,-rpath,$ORIGIN/../lib::lib'

# musl (musl-gcc, musl 1.2.3)
cc musl-dynamic musl-gcc hello.c -O2
cc musl-static musl-gcc hello.c -O2 -static
strip -o "$OUT/musl-static-stripped" "$OUT/musl-static"

# Go (go1.19): pure Go (static), cgo (dynamic, glibc), and arm64.
mkdir -p "$WORK/pure" "$WORK/cgo"
cp "$SRC/hello.go" "$WORK/pure/main.go"
cp "$SRC/cgo.go" "$WORK/cgo/main.go"
printf 'module example.com/relf/pure\n\ngo 1.19\n' >"$WORK/pure/go.mod"
printf 'module example.com/relf/cgo\n\ngo 1.19\n' >"$WORK/cgo/go.mod"
export GOCACHE=${GOCACHE:-$WORK/gocache} GOPATH=$WORK/gopath GOFLAGS=-mod=mod \
	GOPROXY=off GOENV=off GOOS=linux HOME=$WORK
(cd "$WORK/pure" && CGO_ENABLED=0 GOARCH=amd64 go build -trimpath -buildvcs=false -o "$OUT/go-pure" .)
(cd "$WORK/pure" && CGO_ENABLED=0 GOARCH=arm64 go build -trimpath -buildvcs=false -o "$OUT/go-arm64" .)
(cd "$WORK/cgo" && CGO_ENABLED=1 GOARCH=amd64 go build -trimpath -buildvcs=false -o "$OUT/go-cgo" .)
strip -o "$OUT/go-pure-stripped" "$OUT/go-pure"
