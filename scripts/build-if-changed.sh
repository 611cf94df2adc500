#!/bin/sh
# Compiles (type-check and emit, incrementally: tsconfig.build.json) only when a source changed
# since the last successful build, so `npm run synth` with unchanged sources starts the app at
# once. "Changed" is any file or folder under the compiled sources, the TypeScript settings or the
# installed packages that is newer than the stamp; a folder's time changes when a file in it is
# added or removed. The stamp is taken before compiling, so an edit made during a build is newer
# than it and compiles next time.
set -e
stamp=dist/.build-stamp
if [ -f "$stamp" ] && [ -z "$(find main.ts modules scripts tsconfig.json tsconfig.build.json package.json package-lock.json node_modules/.package-lock.json -newer "$stamp" -print 2>/dev/null | head -n 1)" ]; then
  exit 0
fi
mkdir -p dist
# The stamp's text is new with every build: scripts/synth-if-changed.sh reads it to tell builds apart.
echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ) by process $$" >"$stamp.next"
node node_modules/typescript/bin/tsc -p tsconfig.build.json
mv "$stamp.next" "$stamp"
