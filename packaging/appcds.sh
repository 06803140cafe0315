#!/usr/bin/env bash
# Writes the application class-data-sharing archive (AppCDS) bin/iptscope starts from (issue 13, start fast),
# and the class list it is made of, which the installers ship (packaging/build.sh).
#
# Two training runs list the classes they load (-XX:DumpLoadedClassList):
#   - the CLI: a detection of this machine's own netns with an empty binary source, so it reads /proc and runs
#     no iptables tool: read-only, and harmless without root (it then fails early, having loaded most classes);
#   - the window: io.iptscope.ui.StartupTraining (a test class) opens it, detects the same way and shows every
#     tab, on headless Monocle, so the build needs no display. Monocle stands in for the GTK glass classes, the
#     only ones of the real window's start that the list lacks. Without test classes (-Dmaven.test.skip) the
#     archive has the CLI's classes only.
# A static dump (-Xshare:dump) then archives the listed classes, the JDK's included, for exactly bin/iptscope's
# class path and module path. A dynamic archive (-XX:ArchiveClassesAtExit) cannot hold the window's classes:
# its training would have to run with those exact paths, hence on a display.
# java ignores (-Xshare:auto) an archive that does not match, e.g. after a rebuild of the jar alone.
#
#   packaging/appcds.sh BUILD_DIR
set -euo pipefail
build="$1"
jar=$(ls "$build"/iptscope-*.jar | head -n 1)
fx=$(ls "$build"/lib/javafx-*-linux.jar | paste -sd:)
archive="$build/iptscope.jsa"
classlist="$build/iptscope.classlist"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$archive" "$classlist"
mkdir "$work/empty"
# The training runs keep their log, hosts and snapshots out of the user's directories.
export XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"

java -XX:DumpLoadedClassList="$work/cli.classlist" --module-path "$fx" --add-modules javafx.controls,javafx.fxml \
  -jar "$jar" detect --json --path "$work/empty" >/dev/null 2>&1 || true
if [ -d "$build/test-classes/io/iptscope/ui" ] && [ -s "$build/test-classpath.txt" ]; then
  timeout 300 java -XX:DumpLoadedClassList="$work/gui.classlist" \
    -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw \
    -cp "$build/classes:$build/test-classes:$(cat "$build/test-classpath.txt")" io.iptscope.ui.StartupTraining \
    >"$work/gui.log" 2>&1 || { echo "appcds: the window's training run failed; the archive has the CLI's classes" >&2; \
    tail -n 20 "$work/gui.log" >&2; }
else
  echo "appcds: no test classes; the archive has the CLI's classes only" >&2
fi

# One list, first occurrence kept; without the training's own classes, Monocle's and generated proxies, which
# no run of the application loads from its class path.
cat "$work"/*.classlist 2>/dev/null | grep -v -e '^#' -e 'io/iptscope/ui/StartupTraining' -e 'io/iptscope/ui/Fx[ $]' \
  -e 'io/iptscope/ui/Fx$' -e 'glass/ui/monocle' -e '\$Proxy' | awk '!seen[$0]++' > "$classlist" || true
if [ ! -s "$classlist" ]; then
  echo "appcds: no class list was written; bin/iptscope starts without an archive" >&2
  rm -f "$classlist"
  exit 0
fi
java -Xshare:dump -XX:+UseG1GC -XX:SharedClassListFile="$classlist" -XX:SharedArchiveFile="$archive" \
  --module-path "$fx" --add-modules javafx.controls,javafx.fxml -cp "$jar" >"$build/appcds-dump.log" 2>&1 || true
if [ ! -s "$archive" ]; then
  echo "appcds: no archive was written (see $build/appcds-dump.log); bin/iptscope starts without one" >&2
fi
