#!/usr/bin/env bash
# Builds a Debian 12 root filesystem of a foreign architecture for the
# loader tests, without a container engine and without running anything
# from it: apt's solver picks the dependency closure of a few programs
# (against an empty dpkg status, so nothing of the host counts as
# installed), `apt-get download` fetches the .debs and `dpkg-deb -x`
# unpacks each into DEST. Maintainer scripts never run, so the root has no
# /etc/ld.so.cache (ldconfig would make it), as an image built by copying
# files would not either. The root is then converted to the merged-/usr
# layout debootstrap gives bookworm (/lib -> usr/lib, /bin -> usr/bin, ...).
#
#   bash tests/foreign-root.sh [--arch ARCH] DEST
#
# ARCH is a Debian architecture: arm64 (default) or s390x (big-endian).
# Nothing is pinned by hand: versions are whatever this machine's apt lists
# hold; DEST/PACKAGES records them ("name:arch version", sorted).
# Idempotent: a DEST already built for the same package request is left as
# it is (no network), anything else in DEST is refused unless it is an
# earlier root of this script, which is rebuilt. Downloaded .debs are kept
# in $RELF_FOREIGN_CACHE (default /tmp/relf-foreign-cache) and reused.
#
# Needs root (dpkg --add-architecture and apt-get update touch the host's
# apt configuration) the first time an architecture is used, and Debian's
# package archive; it fails loudly when either is missing.
set -euo pipefail

arch=arm64
while [ $# -gt 0 ]; do
    case "$1" in
        --arch) arch="${2:?--arch needs a value}"; shift 2 ;;
        --arch=*) arch="${1#--arch=}"; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "foreign-root.sh: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
[ $# -eq 1 ] || { echo "usage: foreign-root.sh [--arch ARCH] DEST" >&2; exit 2; }
dest="$1"

# What the root is built from: libc and its configuration (libc-bin ships
# /etc/ld.so.conf; libc6 its multiarch ld.so.conf.d file and the gconv
# modules, whose RUNPATH is $ORIGIN), zlib and OpenSSL, and programs with
# dependencies: coreutils, curl (~35 libraries), openssl, and man-db
# (RUNPATH /usr/lib/man-db for its private libraries).
case "$arch" in
    arm64) packages=(libc6 libc-bin zlib1g libssl3 coreutils curl openssl man-db) ;;
    s390x) packages=(libc6 libc-bin zlib1g libssl3 coreutils openssl) ;;
    *) echo "foreign-root.sh: unsupported architecture $arch (arm64, s390x)" >&2; exit 2 ;;
esac
request="arch=$arch packages=${packages[*]}"

die() { echo "foreign-root.sh: $*" >&2; exit 1; }

if [ -f "$dest/.relf-foreign-root" ] && [ "$(cat "$dest/.relf-foreign-root")" = "$request" ]; then
    exit 0
fi
if [ -e "$dest" ] && [ ! -f "$dest/.relf-foreign-root" ] && [ -n "$(ls -A "$dest")" ]; then
    die "$dest exists and is not a root made by this script; refusing to touch it"
fi

for tool in apt-get dpkg dpkg-deb flock; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (Debian's apt, dpkg, util-linux)"
done

cache="${RELF_FOREIGN_CACHE:-/tmp/relf-foreign-cache}"
mkdir -p "$cache"
# One run at a time per cache: parallel tests share it and apt's lists.
exec 9>"$cache/.lock"
flock 9
# Another run may have built DEST while this one waited for the lock.
if [ -f "$dest/.relf-foreign-root" ] && [ "$(cat "$dest/.relf-foreign-root")" = "$request" ]; then
    exit 0
fi

apt_opts=(-q -o APT::Sandbox::User=root)

# 1. Make apt know the architecture.
known_arches=" $(dpkg --print-architecture) $(dpkg --print-foreign-architectures | tr '\n' ' ') "
if [[ "$known_arches" != *" $arch "* ]]; then
    [ "$(id -u)" -eq 0 ] || die "architecture $arch is not configured; run as root once (dpkg --add-architecture $arch)"
    dpkg --add-architecture "$arch"
fi
update_lists() {
    [ "$(id -u)" -eq 0 ] || die "apt lists for $arch are missing or stale; run as root once (apt-get update)"
    local _
    for _ in 1 2 3 4 5 6; do
        if apt-get "${apt_opts[@]}" update >"$cache/update.log" 2>&1 &&
            ! grep -q '^[WE]: Failed to fetch' "$cache/update.log"; then
            return 0
        fi
        # Another apt on the machine may hold the lists lock for a while;
        # anything else (no network) will not get better by waiting.
        grep -q 'Could not get lock' "$cache/update.log" || break
        sleep 10
    done
    cat "$cache/update.log" >&2
    die "apt-get update failed: is Debian's package archive reachable?"
}
has_candidate() {
    local policy
    policy="$(apt-cache policy "libc6:$arch" 2>/dev/null)"
    [[ "$policy" == *"Candidate: "[0-9]* ]]
}
has_candidate || update_lists
has_candidate || die "no libc6:$arch in the apt lists after apt-get update; is the $arch archive in the sources?"

# 2. The dependency closure, solved by apt as for an empty system of that
#    architecture (Recommends left out, as debootstrap --variant=minbase).
solve() {
    apt-get "${apt_opts[@]}" -s --no-install-recommends \
        -o Debug::NoLocking=1 \
        -o Dir::State::status=/dev/null \
        -o APT::Architecture="$arch" \
        -o APT::Architectures::="$arch" \
        install "${packages[@]/%/:$arch}" 2>&1
}
plan="$(solve)" || { echo "$plan" >&2; die "apt could not solve the dependencies of ${packages[*]} for $arch"; }
# "Inst NAME (VERSION ORIGINS [ARCH])"
mapfile -t closure < <(echo "$plan" | sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) [^[]*\[\([^]]*\)\]).*/\1:\3 \2/p' | sort)
[ ${#closure[@]} -gt 0 ] || { echo "$plan" >&2; die "apt's plan lists no package"; }

# 3. Download what the cache lacks (apt names files NAME_VERSION_ARCH.deb
#    with the epoch's ':' written %3a).
deb_file() { # "name:arch version" -> path in the cache
    local name="${1%% *}" version="${1#* }"
    echo "$cache/${name%%:*}_${version//:/%3a}_${name##*:}.deb"
}
download() {
    local missing=() entry
    for entry in "${closure[@]}"; do
        [ -s "$(deb_file "$entry")" ] || missing+=("${entry%% *}=${entry#* }")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    (cd "$cache" && apt-get "${apt_opts[@]}" download "${missing[@]}") >"$cache/download.log" 2>&1
}
if ! download; then
    # Stale lists name versions the archive no longer has: refresh once.
    update_lists
    plan="$(solve)" || { echo "$plan" >&2; die "apt could not solve the dependencies after apt-get update"; }
    mapfile -t closure < <(echo "$plan" | sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) [^[]*\[\([^]]*\)\]).*/\1:\3 \2/p' | sort)
    download || { cat "$cache/download.log" >&2; die "apt-get download failed: is Debian's package archive reachable?"; }
fi

# 4. Unpack into a fresh directory next to DEST, then put it in place.
work="$dest.partial"
rm -rf "$work"
mkdir -p "$work"
for entry in "${closure[@]}"; do
    dpkg-deb -x "$(deb_file "$entry")" "$work"
done
# Merged /usr, as debootstrap and the usrmerge package do it: the contents
# of each top-level directory move under /usr and a relative symlink takes
# its place.
for d in bin sbin lib lib32 lib64 libx32; do
    if [ ! -d "$work/$d" ] || [ -L "$work/$d" ]; then continue; fi
    mkdir -p "$work/usr/$d"
    cp -a "$work/$d/." "$work/usr/$d/"
    rm -rf "${work:?}/$d"
    ln -s "usr/$d" "$work/$d"
done
[ ! -e "$work/etc/ld.so.cache" ] || die "a package shipped /etc/ld.so.cache; the tests assume none"
printf '%s\n' "${closure[@]}" >"$work/PACKAGES"
echo "$request" >"$work/.relf-foreign-root"

rm -rf "$dest"
mv "$work" "$dest"
echo "foreign-root.sh: $dest: ${#closure[@]} $arch packages ($(find "$dest" -type f | wc -l) files)" >&2
