#!/usr/bin/env bash
# Renders the Dossier icon into every size the packagers and the window use.
# Needs Debian's librsvg2-bin (rsvg-convert), imagemagick (convert) and
# icnsutils (png2icns). The outputs are committed, so a build never runs this;
# run it again after editing dossier.svg or dossier-16.svg.
set -euo pipefail
cd "$(dirname "$0")"

mkdir -p png
for size in 16 32 48 64 128 256 512 1024; do
  # The full drawing blurs at 16 px; that size has its own pixel-grid source.
  src=dossier.svg
  [ "$size" = 16 ] && src=dossier-16.svg
  rsvg-convert --width "$size" --height "$size" "$src" --output "png/dossier-$size.png"
done

# Windows: one .ico holding the sizes Explorer and the taskbar pick from.
convert png/dossier-{16,32,48,64,128,256}.png dossier.ico

# macOS: png2icns picks the icon type from each PNG's size.
png2icns dossier.icns png/dossier-{16,32,48,128,256,512,1024}.png >/dev/null

