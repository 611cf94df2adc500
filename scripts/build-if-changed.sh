#!/bin/sh
# Compiles (type-check and emit, incrementally: tsconfig.build.json) only when a source changed
# since the last successful build, so `npm run synth` with unchanged sources starts the app at
# once. "Changed" is any file or folder under the compiled sources, the TypeScript settings or the
# installed packages that is newer than the stamp; a folder's time changes when a file in it is
# added or removed. The stamp is taken before compiling, so an edit made during a build is newer
# than it and compiles next time.
#
# `npm test` runs it for the type-check of the tests too: `build-if-changed.sh tsconfig.json
# <stamp> __tests__` checks the project with its tests (no emit) when a source or a test changed.
# TypeScript's own incremental mode still parses every file (about 2,000 with the packages'
# declarations: 4 s of CPU with nothing changed); this test of file times takes 0.01 s.
set -e
config=${1:-tsconfig.build.json}
stamp=${2:-dist/.build-stamp}
[ $# -ge 2 ] && shift 2 || set --
if [ -f "$stamp" ] && [ -z "$(find main.ts modules tools test-doubles "$@" tsconfig.json tsconfig.build.json package.json package-lock.json node_modules/.package-lock.json -newer "$stamp" -print 2>/dev/null | head -n 1)" ]; then
  exit 0
fi
mkdir -p "$(dirname "$stamp")"
# The stamp's text is new with every build: scripts/synth-if-changed.sh reads it to tell builds apart.
echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ) by process $$" >"$stamp.next"
# TypeScript 7 checks with 4 threads by default; more than the machine has only costs CPU (a full
# build on 2 cores: 2.9 s and 5.2 s of CPU with 4, 2.3 s and 4.1 s with 2).
checkers=$(nproc 2>/dev/null || echo 4)
[ "$checkers" -le 4 ] || checkers=4
node node_modules/typescript/bin/tsc -p "$config" --checkers "$checkers" || { rm -f "$stamp.next"; exit 1; }
mv "$stamp.next" "$stamp"
