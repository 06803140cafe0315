#!/bin/sh
# Installed as /opt/iptscope/lib/appcds-install.sh; the .deb's postinst and the .rpm's %post run it as root.
# Writes the application class-data-sharing archives the launchers name (issue 13 "start fast"): the window's
# (bin/iptscope: -XX:SharedArchiveFile=$APPDIR/iptscope.jsa) and the command line's (bin/iptscope-cli:
# $APPDIR/iptscope-cli.jsa), each a static dump of the class list the build trained (packaging/appcds.sh) by
# its launcher itself, so the archive matches the packaged runtime, the installed jars' paths and times and
# the launcher's collector. JDK 17 binds an archive to its jars' absolute paths, so it cannot be made before the
# package is installed. _JAVA_OPTIONS come after the launcher's own options and win over them.
# When a dump fails, the runtime's own JDK archive stands in (java starts with no shared classes at all when
# the archive it is given is missing); java ignores an archive that does not match (-Xshare:auto).
#   appcds-install.sh          write the archives
#   appcds-install.sh remove   delete them (before the package's files are removed)
set -u
lib=$(dirname "$(readlink -f "$0")")
# Each launcher's archive and class list are named after it.
for name in iptscope iptscope-cli; do
  archive="$lib/app/$name.jsa"
  rm -f "$archive"
  [ "${1:-}" = remove ] && continue
  if ! _JAVA_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$lib/app/$name.classlist -XX:SharedArchiveFile=$archive" \
      "$lib/../bin/$name" >/dev/null 2>&1 || [ ! -s "$archive" ]; then
    echo "iptscope: could not write the class-data-sharing archive $archive; the JDK's stands in" >&2
    rm -f "$archive"
    cp "$lib/runtime/lib/server/classes.jsa" "$archive" || true
  fi
done
exit 0
