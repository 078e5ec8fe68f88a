#!/bin/sh
# The SDK's documentation: the NXClient module's symbol graph, extracted from the debug build (`swift build --product nx`
# builds it), and the DocC catalog Client/Sources/NXClient/NXClient.docc, converted by the toolchain's docc into a
# documentation archive. Fails on any DocC warning (a broken link in an article, an unknown topic).
# Usage: tools/docs.sh [output directory, default .build/docs] [catalog, default Client/Sources/NXClient/NXClient.docc]
set -eu
cd "$(dirname "$0")/.."
out="${1:-.build/docs}"
catalog="${2:-Client/Sources/NXClient/NXClient.docc}"
build=.build/debug
modules="$build/Modules"
[ -f "$modules/NXClient.swiftmodule" ] || { echo "docs: build first (swift build --product nx): $modules/NXClient.swiftmodule is missing" >&2; exit 1; }
graphs="$out/symbol-graphs"
rm -rf "$graphs" "$out/NXClient.doccarchive"
mkdir -p "$graphs"
# The C modules SwiftNIO and its kin import, as the build and the checkouts declare them.
maps=$(find "$(readlink -f "$build")" -maxdepth 2 -name module.modulemap; find "$PWD/.build/checkouts" -path '*Sources*' -name module.modulemap)
set --
for map in $maps; do set -- "$@" -Xcc "-fmodule-map-file=$map"; done
target=$(swift -print-target-info | sed -n 's/.*"triple": "\([^"]*\)".*/\1/p' | head -1)
swift-symbolgraph-extract -module-name NXClient -target "$target" -I "$modules" "$@" -minimum-access-level public -output-dir "$graphs"
docc convert "$catalog" --additional-symbol-graph-dir "$graphs" --output-path "$out/NXClient.doccarchive" \
  --fallback-display-name NXClient --fallback-bundle-identifier nx.NXClient --warnings-as-errors
echo "docs: $out/NXClient.doccarchive"
