#!/bin/sh
# Installed as /opt/iptscope/lib/appcds-install.sh; the .deb's postinst and the .rpm's %post run it as root.
# Writes the application class-data-sharing archive the launcher names (-XX:SharedArchiveFile=
# $APPDIR/iptscope.jsa, issue 13 "start fast"): a static dump of the class list the build trained
# (packaging/appcds.sh) by the installed launcher itself, so the archive matches the packaged runtime and the
# installed jars' paths and times. JDK 17 binds an archive to its jars' absolute paths, so it cannot be made
# before the package is installed. _JAVA_OPTIONS come after the launcher's own options and win over them.
# When the dump fails, the runtime's own JDK archive stands in (java starts with no shared classes at all when
# the archive it is given is missing); java ignores an archive that does not match (-Xshare:auto).
#   appcds-install.sh          write the archive
#   appcds-install.sh remove   delete it (before the package's files are removed)
set -u
lib=$(dirname "$(readlink -f "$0")")
archive="$lib/app/iptscope.jsa"
rm -f "$archive"
[ "${1:-}" = remove ] && exit 0
if ! _JAVA_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$lib/app/iptscope.classlist -XX:SharedArchiveFile=$archive" \
    "$lib/../bin/iptscope" >/dev/null 2>&1 || [ ! -s "$archive" ]; then
  echo "iptscope: could not write the class-data-sharing archive $archive; the JDK's stands in" >&2
  rm -f "$archive"
  cp "$lib/runtime/lib/server/classes.jsa" "$archive" || true
fi
exit 0
