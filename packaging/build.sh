#!/usr/bin/env bash
# Builds the Linux installers with jpackage: a .deb and an .rpm that carry their own jlinked Java
# runtime with JavaFX, so the workstation needs no JDK. Output: <build dir>/packages/.
#
#   packaging/build.sh [--skip-maven] [--build-dir DIR] [--types "deb rpm"]
#
# --skip-maven uses the jar and target/lib/ of an earlier `./mvnw package` (the packaging test does).
# Needs JDK 17 with jmods (jdeps, jlink, jpackage), dpkg-deb for the .deb and rpmbuild for the .rpm
# (apt-get install rpm).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"

build="$root/target"
types="deb rpm"
maven=true
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-maven) maven=false ;;
    --build-dir) build="$(readlink -f "$2")"; shift ;;
    --types) types="$2"; shift ;;
    *) echo "usage: packaging/build.sh [--skip-maven] [--build-dir DIR] [--types \"deb rpm\"]" >&2; exit 2 ;;
  esac
  shift
done

readonly name=iptscope
readonly vendor="iptscope maintainers"  # with the e-mail below, the Maintainer field of the .deb
readonly maintainer_email=maintainers@iptscope.invalid
readonly summary="Inspector for iptables legacy / nf_tables backend mismatches"
readonly main_class=io.iptscope.cli.Main
readonly icon_sizes="16 24 32 48 64 128 256 512"

if $maven; then
  ./mvnw -B -q package -DskipTests -Diptscope.build.dir="$build"
fi

pom_version=$(sed -n 's/^version=//p' "$build/maven-archiver/pom.properties")
# Package versions must be numeric: a snapshot becomes release 0, so the real release (1) supersedes it.
version="${pom_version%-SNAPSHOT}"
release=1
if [ "$version" != "$pom_version" ]; then
  release=0
fi
jar="$build/$name-$pom_version.jar"
work="$build/jpackage"
out="$build/packages"
rm -rf "$work" "$out"
mkdir -p "$work/input" "$out"

# The app jar and every runtime jar except JavaFX, which goes into the runtime image; the class lists of
# packaging/appcds.sh (the window's and the command line's), from which the package's postinst writes the
# class-data-sharing archives.
cp "$jar" "$work/input/"
for classlist in "$build"/iptscope.classlist "$build"/iptscope-cli.classlist; do
  if [ -s "$classlist" ]; then
    cp "$classlist" "$work/input/"
  fi
done
for lib in "$build"/lib/*.jar; do
  case "$(basename "$lib")" in
    javafx-*) ;;
    *) cp "$lib" "$work/input/" ;;
  esac
done
fx_path=$(ls "$build"/lib/javafx-*-linux.jar | paste -sd:)

# The modules the runtime needs, from jdeps over all jars (the app jar alone misses e.g. java.sql for Jackson).
modules=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 --module-path "$fx_path" \
  "$work"/input/*.jar)
echo "runtime modules: $modules"

# --generate-cds-archive: the runtime ships the JDK's default CDS archive (lib/server/classes.jsa), which a
# jlinked image otherwise lacks; appcds-install.sh falls back on it. The plugin runs the
# image's own bin/java, so the native commands are removed after it ran (the launcher needs none). The
# application's archive (JDK, JavaFX and app classes) is written at install time by appcds-install.sh: on
# JDK 17 an archive is bound to its jars' absolute paths, which are /opt/iptscope's only once installed.
# No jlink compression: xz in the package compresses the plain modules file to 12 MB instead of 27 MB
# (the zip-compressed one), and classes load without inflating. The installed runtime is larger (~85 MB).
# JavaFX's native libraries go next to the JVM's (lib/), where JavaFX looks first in a runtime image;
# left inside the modules they would be extracted to ~/.openjfx at every first start per user.
jlink --module-path "$fx_path" --add-modules "$modules" \
  --strip-debug --no-man-pages --no-header-files --generate-cds-archive \
  --exclude-resources='**.so' --output "$work/runtime"
rm -rf "$work/runtime/bin"
for fxjar in "$build"/lib/javafx-*-linux.jar; do
  if unzip -Z1 "$fxjar" '*.so' >/dev/null 2>&1; then
    unzip -q -j -o "$fxjar" '*.so' -d "$work/runtime/lib"
  fi
done
if [ ! -f "$work/runtime/lib/libglassgtk3.so" ]; then
  echo "JavaFX's GTK library is missing from the runtime" >&2
  exit 1
fi

# Two launchers, as bin/iptscope starts the window and the command line (why is said there): iptscope with
# bin/iptscope's jvm_flags for the window, iptscope-cli with its cli_flags for every other run;
# /usr/bin/iptscope (packaging/linux/iptscope-command) picks one. Each starts from the class-data-sharing archive
# appcds-install.sh writes next to the jars under the launcher's name ($APPDIR: jpackage's).
flags() { sed -n "s/^$1=(\\(.*\\))\$/\\1/p" bin/iptscope; }
cds_options() { echo "-XX:SharedArchiveFile=\$APPDIR/$1.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"; }
echo "java-options=$(flags cli_flags) $(cds_options "$name-cli")" > "$work/cli.properties"
jpackage --type app-image --dest "$work/image" --name "$name" --app-version "$version" \
  --vendor "$vendor" --description "$summary" \
  --input "$work/input" --main-jar "$(basename "$jar")" --main-class "$main_class" \
  --runtime-image "$work/runtime" --icon packaging/icons/iptscope-512.png \
  $(echo "$(flags jvm_flags) $(cds_options "$name")" | tr ' ' '\n' | sed 's/^/--java-options /' | paste -sd' ') \
  --add-launcher "$name-cli=$work/cli.properties"
app="$work/image/$name"
install -m 755 packaging/linux/appcds-install.sh "$app/lib/appcds-install.sh"
install -m 644 packaging/window-run.sh "$app/lib/window-run.sh"

# What goes outside /opt/iptscope, owned by the package: the command on PATH, the menu entry, the icons.
share="$work/share"
install -D -m 644 packaging/linux/iptscope.desktop "$share/usr/share/applications/iptscope.desktop"
for size in $icon_sizes; do
  install -D -m 644 "packaging/icons/iptscope-$size.png" "$share/usr/share/icons/hicolor/${size}x${size}/apps/iptscope.png"
done
install -D -m 644 packaging/icons/iptscope.svg "$share/usr/share/icons/hicolor/scalable/apps/iptscope.svg"
install -D -m 755 packaging/linux/iptscope-command "$share/usr/bin/$name"

common=(--app-image "$app" --dest "$work/jpackage-out" --name "$name" --app-version "$version"
  --linux-app-release "$release" --vendor "$vendor" --description "$summary" --license-file LICENSE
  --linux-package-name "$name")

for type in $types; do
  start=$SECONDS
  case "$type" in
    deb)
      mkdir -p "$work/deb-resources"
      cp packaging/linux/control packaging/linux/postinst packaging/linux/prerm "$work/deb-resources/"
      # Uncompressed here: the archive is repacked below, compressed once.
      DPKG_DEB_COMPRESSOR_TYPE=none jpackage --type deb "${common[@]}" --resource-dir "$work/deb-resources" \
        --linux-deb-maintainer "$maintainer_email" --linux-app-category net --linux-package-deps libgtk-3-0
      deb=$(ls "$work"/jpackage-out/*.deb)
      # jpackage only packages /opt/iptscope: add the files under /usr and rebuild the archive.
      tree="$work/deb-tree"
      dpkg-deb -R "$deb" "$tree"
      cp -a "$share/usr" "$tree/"
      install -D -m 644 LICENSE "$tree/usr/share/doc/$name/copyright"
      (cd "$tree" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) \
        > "$tree/DEBIAN/md5sums"
      size_kb=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
      sed -i "s/^Installed-Size: .*/Installed-Size: $size_kb/" "$tree/DEBIAN/control"
      dpkg-deb --root-owner-group -Zxz --build "$tree" "$out/$(basename "$deb")" >/dev/null
      ;;
    rpm)
      mkdir -p "$work/rpm-resources"
      sed "s|@SHARE@|$share|g" packaging/linux/iptscope.spec > "$work/rpm-resources/$name.spec"
      jpackage --type rpm "${common[@]}" --resource-dir "$work/rpm-resources" \
        --linux-rpm-license-type Apache-2.0 --linux-app-category Applications/System --linux-package-deps gtk3
      mv "$work"/jpackage-out/*.rpm "$out/"
      ;;
    *) echo "unknown package type: $type" >&2; exit 2 ;;
  esac
  echo "$type: $(ls "$out"/*."$type") ($(du -h "$out"/*."$type" | cut -f1), $((SECONDS - start)) s)"
done
