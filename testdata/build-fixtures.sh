#!/usr/bin/env bash
# Regenerates every ELF fixture in testdata/fixtures/ from the sources in
# testdata/src/, then regenerates testdata/expected/ by running the real
# GNU readelf 2.40 (Debian 12, binutils 2.40-2) on each fixture.
#
#   bash testdata/build-fixtures.sh            # installs packages, rebuilds all
#   RELF_SKIP_APT=1 bash testdata/build-fixtures.sh   # toolchains already present
#
# Runs as root on Debian 12 (bookworm).  Everything is deterministic: fixed
# flags, relative source names, -ffile-prefix-map, no timestamps, sha1
# build ids; a second run reproduces identical bytes.  Nothing in
# testdata/expected/ is ever written by hand.
set -euo pipefail

export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=0
umask 022

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$HERE/src
FIX=$HERE/fixtures
EXP=$HERE/expected
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Cross toolchains: fixture arch tag -> gcc triplet and libc6-dev cross package.
# All of them exist in bookworm (checked with apt-cache policy).
CROSS_ARCHES=(i386 aarch64 armhf armel riscv64 ppc64le ppc64 s390x mips mipsel mips64el powerpc)
declare -A TRIPLET=(
	[i386]=i686-linux-gnu
	[aarch64]=aarch64-linux-gnu
	[armhf]=arm-linux-gnueabihf
	[armel]=arm-linux-gnueabi
	[riscv64]=riscv64-linux-gnu
	[ppc64le]=powerpc64le-linux-gnu
	[ppc64]=powerpc64-linux-gnu
	[s390x]=s390x-linux-gnu
	[mips]=mips-linux-gnu
	[mipsel]=mipsel-linux-gnu
	[mips64el]=mips64el-linux-gnuabi64
	[powerpc]=powerpc-linux-gnu
)
declare -A LIBC_CROSS=(
	[i386]=libc6-dev-i386-cross
	[aarch64]=libc6-dev-arm64-cross
	[armhf]=libc6-dev-armhf-cross
	[armel]=libc6-dev-armel-cross
	[riscv64]=libc6-dev-riscv64-cross
	[ppc64le]=libc6-dev-ppc64el-cross
	[ppc64]=libc6-dev-ppc64-cross
	[s390x]=libc6-dev-s390x-cross
	[mips]=libc6-dev-mips-cross
	[mipsel]=libc6-dev-mipsel-cross
	[mips64el]=libc6-dev-mips64el-cross
	[powerpc]=libc6-dev-powerpc-cross
)
# The PowerPC linkers default to a 64 KiB max page size, which pads every
# tiny binary to ~70 KB of zeros.  Link those with 4 KiB pages to keep the
# fixtures small.  AArch64 (also 64 KiB) is kept at its default on purpose
# so that one realistic 0x10000-aligned sample exists.
declare -A EXTRA_LDFLAGS=(
	[ppc64le]=-Wl,-z,max-page-size=0x1000
	[ppc64]=-Wl,-z,max-page-size=0x1000
	[powerpc]=-Wl,-z,max-page-size=0x1000
)

# readelf flag sets recorded for every fixture: <key>=<readelf options>.
FLAGSETS=(h:-h lW:-lW SW:-SW dW:-dW l:-l S:-S sW:-sW VW:-VW nW:-nW rW:-rW)

GO_MAX_BYTES=1572864 # 1.5 MiB: go-static is skipped if bigger

install_packages() {
	if [[ ${RELF_SKIP_APT:-0} == 1 ]]; then
		return
	fi
	local pkgs=(binutils gcc libc6-dev file python3 musl-tools golang-go)
	local a
	for a in "${CROSS_ARCHES[@]}"; do
		pkgs+=("gcc-${TRIPLET[$a]}" "${LIBC_CROSS[$a]}")
	done
	# gcc-multilib is NOT used: in bookworm it conflicts with every
	# gcc-*-linux-gnu cross compiler, so i386 uses gcc-i686-linux-gnu.
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${pkgs[@]}"
}

install_packages

case "$(readelf --version | sed -n 1p)" in
*" 2.40"*) ;;
*)
	echo "error: expected GNU readelf 2.40, got: $(readelf --version | sed -n 1p)" >&2
	exit 1
	;;
esac

rm -rf "$FIX" "$EXP"
mkdir -p "$FIX" "$EXP"

PROV=$WORK/provenance # name \t source \t tool \t flags \t arch (sha256 added at the end)
: >"$PROV"

# Make absolute paths in recorded flags checkout-independent.
relpaths() {
	local s="$*"
	s=${s//"$SRC"/testdata/src}
	s=${s//"$FIX"/testdata/fixtures}
	printf '%s' "$s"
}

tool_version() {
	# $1 = compiler driver; prints "<gcc version>; <ld version>"
	local cc=$1 ld
	ld=$("$cc" -print-prog-name=ld)
	printf '%s; %s' "$("$cc" --version | sed -n 1p)" "$("$ld" --version | sed -n 1p)"
}

record() {
	# record NAME SOURCE TOOL FLAGS ARCH
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(relpaths "$4")" "$5" >>"$PROV"
}

# cc_build NAME ARCH CC SOURCE FLAGS... [-- INPUTS-AFTER-SOURCE...]
# Compiles/links from inside src/ with a relative source name, so the only
# file names that can end up in the output (STT_FILE symbols, DWARF) are
# relative; -ffile-prefix-map maps the compilation directory to ".".
# Runs: CC FLAGS... -o fixtures/NAME SOURCE INPUTS-AFTER-SOURCE...
cc_build() {
	local name=$1 arch=$2 cc=$3 source=$4
	shift 4
	local flags=(-ffile-prefix-map="$SRC"=.) after=()
	while (($#)); do
		if [[ $1 == -- ]]; then
			shift
			after=("$@")
			break
		fi
		flags+=("$1")
		shift
	done
	(cd "$SRC" && "$cc" "${flags[@]}" -o "$FIX/$name" "$source" "${after[@]}")
	local shown="${flags[*]}"
	if ((${#after[@]})); then
		shown+=" <source> ${after[*]}"
	fi
	record "$name" "$source" "$(tool_version "$cc")" "$shown" "$arch"
}

LINK=(-Wl,--build-id=sha1)

# ---------------------------------------------------------------- x86-64
CC=gcc
cc_build x86_64-pie x86_64 $CC hello.c -Os -fPIE -pie "${LINK[@]}"
cc_build x86_64-exec x86_64 $CC hello.c -Os -fno-pie -no-pie "${LINK[@]}"
cc_build x86_64-static x86_64 $CC start_x86_64.c -Os -ffreestanding -fno-stack-protector -fno-pie -no-pie -nostdlib -static "${LINK[@]}"
cc_build x86_64-static-pie x86_64 $CC start_x86_64.c -Os -ffreestanding -fno-stack-protector -fPIE -nostdlib -static-pie "${LINK[@]}"
cc_build libx86_64-shared.so x86_64 $CC shlib.c -Os -fPIC -shared "${LINK[@]}" \
	-Wl,-soname,libx86_64-shared.so -Wl,--version-script=shlib.map '-Wl,-rpath,$ORIGIN/../lib'
cc_build x86_64-needs-shared x86_64 $CC uses_shlib.c -Os -fPIE -pie "${LINK[@]}" \
	'-Wl,-rpath,$ORIGIN' -- "$FIX/libx86_64-shared.so"
cc_build x86_64-rpath x86_64 $CC hello.c -Os -fPIE -pie "${LINK[@]}" \
	'-Wl,--disable-new-dtags,-rpath,$ORIGIN/../lib:/opt/relf/lib'
cc_build x86_64-reloc.o x86_64 $CC reloc.c -Os -fPIC -c
cc_build x86_64-nodefaultlib x86_64 $CC hello.c -Os -fPIE -pie "${LINK[@]}" -Wl,-z,nodefaultlib
cc_build x86_64-now x86_64 $CC hello.c -Os -fPIE -pie "${LINK[@]}" -Wl,-z,relro,-z,now
cc_build x86_64-execstack x86_64 $CC hello.c -Os -fPIE -pie "${LINK[@]}" -Wl,-z,execstack
cc_build x86_64-tls x86_64 $CC tls.c -Os -fPIE -pie "${LINK[@]}"
# Debian's crt*.o carry no IBT/SHSTK property, so ld would drop the note
# produced by -fcf-protection; -z ibt -z shstk force it into the output.
cc_build x86_64-cet x86_64 $CC hello.c -Os -fPIE -pie -fcf-protection=full "${LINK[@]}" -Wl,-z,ibt,-z,shstk
# ld 2.40 has -z pack-relative-relocs (new in 2.38); glibc 2.36 adds the
# GLIBC_ABI_DT_RELR version need that comes with it.
cc_build x86_64-relr x86_64 $CC relr.c -Os -fPIE -pie "${LINK[@]}" -Wl,-z,pack-relative-relocs
cc_build x86_64-debug x86_64 $CC hello.c -Os -g -fPIE -pie "${LINK[@]}"
cc_build x86_64-hash-both x86_64 $CC hello.c -Os -fPIE -pie "${LINK[@]}" -Wl,--hash-style=both

# Post-processed copies of x86_64-pie.
strip --strip-all -o "$FIX/x86_64-stripped" "$FIX/x86_64-pie"
record x86_64-stripped x86_64-pie "$(strip --version | sed -n 1p)" "--strip-all" x86_64

# x86_64-noshdr: the section header table is cut off the end of the file
# and e_shoff/e_shnum/e_shstrndx are zeroed (e_shentsize is left alone).
python3 - "$FIX/x86_64-pie" "$FIX/x86_64-noshdr" <<'PY'
import struct, sys
src, dst = sys.argv[1], sys.argv[2]
data = bytearray(open(src, "rb").read())
assert data[:4] == b"\x7fELF"
is64 = data[4] == 2
e = "<" if data[5] == 1 else ">"
if is64:
    off_shoff, fmt_off, off_shentsize = 0x28, "Q", 0x3A
else:
    off_shoff, fmt_off, off_shentsize = 0x20, "I", 0x2E
shoff = struct.unpack_from(e + fmt_off, data, off_shoff)[0]
shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", data, off_shentsize)
end = shoff + shentsize * shnum
assert end == len(data), "section header table is not at the end of the file"
del data[shoff:]
struct.pack_into(e + fmt_off, data, off_shoff, 0)
struct.pack_into(e + "HH", data, off_shentsize + 2, 0, 0)
open(dst, "wb").write(data)
PY
chmod 755 "$FIX/x86_64-noshdr"
record x86_64-noshdr x86_64-pie "python3 inline step in build-fixtures.sh" \
	"truncate at e_shoff; e_shoff=0 e_shnum=0 e_shstrndx=0" x86_64

# ------------------------------------------------- 32-bit x86 and foreign
for a in "${CROSS_ARCHES[@]}"; do
	CC=${TRIPLET[$a]}-gcc
	extra=()
	if [[ -n ${EXTRA_LDFLAGS[$a]:-} ]]; then
		extra=("${EXTRA_LDFLAGS[$a]}")
	fi
	cc_build "$a-pie" "$a" "$CC" hello.c -Os -fPIE -pie "${LINK[@]}" "${extra[@]}"
	cc_build "lib$a.so" "$a" "$CC" shlib.c -Os -fPIC -shared "${LINK[@]}" "${extra[@]}" \
		-Wl,-soname,"lib$a.so" -Wl,--version-script=shlib.map
	cc_build "$a-reloc.o" "$a" "$CC" reloc.c -Os -fPIC -c
done
cc_build i386-exec i386 i686-linux-gnu-gcc hello.c -Os -fno-pie -no-pie "${LINK[@]}"

# ------------------------------------------------------------------ musl
cc_build musl-dynamic x86_64 musl-gcc hello.c -Os "${LINK[@]}"
cc_build musl-static x86_64 musl-gcc hello.c -Os -static "${LINK[@]}"

# -------------------------------------------------------------------- Go
(
	cd "$SRC"
	export GOCACHE=$WORK/gocache GOPATH=$WORK/gopath GO111MODULE=off GOFLAGS= \
		CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOAMD64=v1
	go build -trimpath -ldflags='-s -w -buildid=' -o "$WORK/go-static" hello.go
)
go_size=$(stat -c %s "$WORK/go-static")
if ((go_size <= GO_MAX_BYTES)); then
	cp "$WORK/go-static" "$FIX/go-static"
	record go-static hello.go "$(go version)" \
		"CGO_ENABLED=0 GO111MODULE=off GOOS=linux GOARCH=amd64 GOAMD64=v1 go build -trimpath -ldflags='-s -w -buildid='" x86_64
else
	echo "warning: go-static is $go_size bytes (> $GO_MAX_BYTES), skipped" >&2
fi

# ------------------------------------------------------------ PROVENANCE
{
	printf '# Generated by testdata/build-fixtures.sh; do not edit.\n'
	printf '# name\tsource\ttool\tflags\tarch\tsha256\n'
	sort "$PROV" | while IFS=$'\t' read -r name source tool flags arch; do
		sum=$(sha256sum "$FIX/$name" | cut -d' ' -f1)
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$source" "$tool" "$flags" "$arch" "$sum"
	done
} >"$FIX/PROVENANCE"

# -------------------------------------------------------- expected output
# readelf runs from inside fixtures/ with the bare file name, so any file
# name in its messages is just the fixture name.
{
	readelf --version | sed -n 1p
	dpkg-query -W -f='${Package} ${Version}\n' binutils
} >"$EXP/VERSION"

for f in $(cut -f1 "$PROV" | sort); do
	d=$EXP/$f
	mkdir -p "$d"
	status=()
	for fs in "${FLAGSETS[@]}"; do
		key=${fs%%:*}
		opt=${fs#*:}
		rc=0
		(cd "$FIX" && readelf "$opt" "$f") >"$d/$key.txt" 2>"$d/$key.stderr" || rc=$?
		[[ -s $d/$key.stderr ]] || rm -f "$d/$key.stderr"
		if ((rc != 0)); then
			status+=("$key $rc")
		fi
	done
	if ((${#status[@]})); then
		printf '%s\n' "${status[@]}" >"$d/status.txt"
	fi
done

# musl's loader in list mode (its ldd) on the musl fixtures, load addresses
# removed: the expected `relf ldd` output for them.
{
	dpkg-query -W -f='${Package} ${Version}\n' musl
} >"$EXP/MUSL-VERSION"
for f in musl-dynamic; do
	(cd "$FIX" && /lib/ld-musl-x86_64.so.1 --list "./$f") | sed -E 's/ \(0x[0-9a-f]+\)$//' >"$EXP/$f/musl-ldd.txt"
done

echo "built $(wc -l <"$PROV") fixtures in $FIX"
du -cb "$FIX"/* | tail -n1
