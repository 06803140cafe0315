# Sourced by bin/iptscope and by the installed /usr/bin/iptscope (packaging/linux/iptscope-command), which start
# the window and command-line runs with different JVM flags, class paths and class-data-sharing archives.
# window_run ARGS... succeeds when the arguments open the window: none, "gui" as the first word that is not an
# option, or options alone other than help and version (Main runs the window then).
window_run() {
  for arg in "$@"; do
    case "$arg" in
      -h|--help|-V|--version) return 1 ;;
      gui) return 0 ;;
      -*) ;;
      *) return 1 ;;
    esac
  done
  return 0
}
