#!/usr/bin/env bash
# Writes an application class-data-sharing archive (AppCDS) for bin/iptscope: one training run of the
# CLI with -XX:ArchiveClassesAtExit (JDK 17 has no auto-created archive). The run is a detection of
# this machine's own netns with an empty binary source, so it reads /proc and runs no iptables tool:
# read-only, and harmless without root (it then fails early, having loaded most classes anyway).
# The archive is valid only for the exact class path and module path it was made with, which are
# bin/iptscope's; java ignores (-Xshare:auto) an archive that does not match.
#
#   packaging/appcds.sh BUILD_DIR
set -euo pipefail
build="$1"
jar=$(ls "$build"/iptscope-*.jar | head -n 1)
fx=$(ls "$build"/lib/javafx-*-linux.jar | paste -sd:)
archive="$build/iptscope.jsa"
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
rm -f "$archive"
java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
  --module-path "$fx" --add-modules javafx.controls,javafx.fxml -jar "$jar" \
  detect --json --path "$empty" >/dev/null 2>&1 || true
if [ ! -s "$archive" ]; then
  echo "appcds: no archive was written; bin/iptscope starts without one" >&2
fi
