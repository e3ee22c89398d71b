#!/bin/sh
# mkdeb.sh STAGE VERSION: turns a staged install with PREFIX=/usr into
# beat_VERSION-REV_ARCH.deb in the current folder (run by `make deb`).
# STAGE is DIR/debian/beat, the layout dpkg-shlibdeps expects: it reads
# DIR/debian/control and works out Depends from the libraries that the
# commands link.  packaging/ holds the control template, the copyright
# and the Debian changelog, whose first entry names the package version.
set -eu
stage=$(cd -- "$1" && pwd) version=$2
top=$(pwd)
pkg=$top/packaging
rev=$(sed -n '1s/^beat (\(.*\)) .*/\1/p' "$pkg/changelog")
case $rev in
"$version"-*) ;;
*)
	echo "mkdeb: packaging/changelog begins with $rev, not $version-N: add an entry" >&2
	exit 1
	;;
esac
arch=$(dpkg --print-architecture)
deb=beat_${rev}_$arch.deb
doc=$stage/usr/share/doc/beat

# What dh_strip, dh_compress and dh_installdocs would do.
for f in "$stage"/usr/bin/*; do
	strip --remove-section=.comment --remove-section=.note --strip-unneeded "$f"
done
find "$stage/usr/share/man" -type f ! -name '*.gz' -exec gzip -9n {} +
install -d "$doc"
install -m 644 "$pkg/copyright" "$doc/copyright"
install -d "$stage/usr/share/lintian/overrides"
install -m 644 "$pkg/lintian-overrides" "$stage/usr/share/lintian/overrides/beat"
gzip -9n <"$pkg/changelog" >"$doc/changelog.Debian.gz"
chmod 644 "$doc/changelog.Debian.gz"

# Depends, from the libraries linked (shlibs:Depends=libc6 (>= 2.34), ...);
# dpkg-shlibdeps finds the package's root by its DEBIAN folder.
install -d -m 755 "$stage/DEBIAN"
base=$(dirname -- "$(dirname -- "$stage")")
printf 'Source: beat\n\nPackage: beat\nArchitecture: any\n' >"$base/debian/control"
deps=$(cd "$base" && dpkg-shlibdeps -O debian/"${stage##*/}"/usr/bin/* | sed -n 's/^shlibs:Depends=//p')
[ -n "$deps" ] || { echo "mkdeb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
size=$(du -sk --apparent-size "$stage/usr" | cut -f1)

sed -e "s|@VERSION@|$rev|" -e "s|@ARCH@|$arch|" -e "s|@SIZE@|$size|" \
    -e "s|@DEPENDS@|$deps|" "$pkg/control.in" >"$stage/DEBIAN/control"
(cd "$stage" && find usr -type f | LC_ALL=C sort | xargs md5sum) >"$stage/DEBIAN/md5sums"
chmod 644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"
find "$stage" -type d -exec chmod 755 {} +
dpkg-deb --root-owner-group -Zxz --build "$stage" "$top/$deb" >/dev/null
echo "mkdeb: $deb"
