#!/usr/bin/env bash
# Renders iptscope.svg into the PNG sizes of the hicolor icon theme; commit the PNGs afterwards.
# Needs rsvg-convert (apt-get install librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" --output "iptscope-$size.png" iptscope.svg
done
