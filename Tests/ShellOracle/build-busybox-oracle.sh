#!/bin/sh
# Builds the applets Debian's busybox-static leaves out (adduser, addgroup, deluser, delgroup,
# install, split) from Debian's own busybox 1.35 source, with busybox's default account-id
# ranges (as Alpine ships them), into one static binary. The differential tests link those
# applets to it inside their chroot; every other applet and the shell stay Debian's.
#
#   Tests/ShellOracle/build-busybox-oracle.sh [OUTPUT]   (default /usr/local/lib/strata/busybox-oracle)
#
# Needs root for apt-get, gcc and make. Debian's source lists are used through a private
# apt configuration, so the system's sources are left as they are.
set -eu
out=${1:-/usr/local/lib/strata/busybox-oracle}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/parts" "$work/lists/partial"
cat > "$work/parts/src.sources" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt_opts="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$work/parts -o Dir::State::Lists=$work/lists"
# shellcheck disable=SC2086
apt-get $apt_opts update >/dev/null
cd "$work"
# shellcheck disable=SC2086
apt-get $apt_opts source --download-only busybox >/dev/null
tar xjf busybox_1.35.0.orig.tar.bz2
tar xJf busybox_1.35.0-*.debian.tar.xz
cd busybox-1.35.0
while read -r patch; do
    case "$patch" in ''|'#'*) continue ;; esac
    patch -p1 -s < "../debian/patches/$patch"
done < ../debian/patches/series
make allnoconfig >/dev/null
for option in STATIC LONG_OPTS FEATURE_SHADOWPASSWDS USE_BB_PWD_GRP USE_BB_SHADOW USE_BB_CRYPT \
    ADDUSER ADDGROUP DELUSER DELGROUP FEATURE_ADDUSER_TO_GROUP FEATURE_DEL_USER_FROM_GROUP \
    FEATURE_CHECK_NAMES INSTALL FEATURE_INSTALL_LONG_OPTIONS SPLIT FEATURE_SPLIT_FANCY; do
    sed -i "s/^# CONFIG_$option is not set\$/CONFIG_$option=y/" .config
done
# allnoconfig zeroes the id ranges; busybox's defaults are what Alpine ships.
sed -i -e 's/^CONFIG_LAST_ID=.*/CONFIG_LAST_ID=60000/' -e 's/^CONFIG_FIRST_SYSTEM_ID=.*/CONFIG_FIRST_SYSTEM_ID=100/' \
    -e 's/^CONFIG_LAST_SYSTEM_ID=.*/CONFIG_LAST_SYSTEM_ID=999/' .config
yes '' | make oldconfig >/dev/null 2>&1
make -j"$(nproc)" busybox >/dev/null 2>&1
mkdir -p "$(dirname "$out")"
cp busybox "$out"
ls -l "$out"
