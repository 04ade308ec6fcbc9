#!/usr/bin/env bash
# Builds container images with real tools (umoci, skopeo; Debian packages)
# for the `real_images` tests, from a small root made of this host's own
# files (/bin/bash, /usr/bin/ls and their libraries, found with the real
# ldd; this script may run tools, relf never does):
#
#   layer 0  the root;
#   layer 1  libtinfo.so.6 deleted (a whiteout: bash breaks), a hard link
#            /usr/bin/ls-hard to ls, a new file in /etc.
#
# and writes, under DIR (default target/tmp/real-images):
#   oci/              OCI layout (umoci, gzip layers), tag img
#   zstd/             the same image with zstd layers (skopeo)
#   img.oci.tar       oci-archive (skopeo)
#   img.docker.tar    docker-archive (skopeo; uncompressed layers)
#   minbase/          a Debian 12 minbase root made by mmdebstrap (network to
#                     the Debian archive), as an OCI layout by umoci, with a
#                     second layer deleting libtinfo.so.6
#
# Idempotent: an existing DIR/done.2 is kept (bump the name when the images change).
#
#   bash tests/real-images.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/tmp/real-images}
[ -e "$out/done.2" ] && exit 0
for tool in umoci skopeo mmdebstrap; do
    command -v $tool >/dev/null || { echo "real-images.sh: $tool missing (tests/run.sh installs it)" >&2; exit 1; }
done
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

root=$work/root
copy() { mkdir -p "$root$(dirname "$2")"; cp -L "$1" "$root$2"; }
mkdir -p "$root/lib64" "$root/etc" "$root/tmp"
for prog in /bin/bash /usr/bin/ls; do
    copy "$prog" "$prog"
    ldd "$prog" | awk '/=> \//{print $1, $3}' | while read -r name path; do
        copy "$path" "/lib/x86_64-linux-gnu/$name"
    done
done
copy /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
ln -s /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$root/lib64/ld-linux-x86-64.so.2"

cd "$work"
umoci init --layout oci
umoci new --image oci:img
umoci unpack --rootless --image oci:img bundle >/dev/null
cp -a "$root/." bundle/rootfs/
umoci repack --image oci:img bundle
rm -rf bundle
umoci unpack --rootless --image oci:img bundle >/dev/null
rm bundle/rootfs/lib/x86_64-linux-gnu/libtinfo.so.6
ln bundle/rootfs/usr/bin/ls bundle/rootfs/usr/bin/ls-hard
echo "second layer" >bundle/rootfs/etc/layer2
umoci repack --image oci:img bundle
umoci config --image oci:img --config.entrypoint /bin/bash >/dev/null

cp -a oci "$out/oci"
skopeo copy -q --dest-compress-format zstd --dest-compress oci:oci:img "oci:$out/zstd:img"
skopeo copy -q oci:oci:img "oci-archive:$out/img.oci.tar:img"
skopeo copy -q oci:oci:img "docker-archive:$out/img.docker.tar:img:1"
mmdebstrap --variant=minbase --quiet bookworm "$work/minbase.tar"
umoci init --layout minbase
umoci new --image minbase:img
umoci unpack --rootless --image minbase:img mb >/dev/null
tar -C mb/rootfs -xf "$work/minbase.tar"
umoci repack --image minbase:img mb
rm -rf mb
umoci unpack --rootless --image minbase:img mb >/dev/null
rm mb/rootfs/usr/lib/x86_64-linux-gnu/libtinfo.so.6*
umoci repack --image minbase:img mb
cp -a minbase "$out/minbase"
touch "$out/done.2"
echo "real-images.sh: images in $out"
