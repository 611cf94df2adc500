#!/bin/sh
# `npm run synth` after the build: runs the app (dist/main.js) unless its output is already what it
# would write. The app's output is a function of the compiled code, the configuration file, the
# environment the app and cdktf read (CDKTF_*, SYNTH_*, AUDIT_MANAGER_*), the arguments and the
# folder it runs in; all of those are recorded beside the output (<outdir>/.synth-record) with a
# checksum of every file the synthesis wrote. When all of them are unchanged, and no stack folder
# was added, removed or edited, the app is not run (it costs about 0.7 s, nearly all of it loading
# cdktf and the provider bindings) and the stacks are reported up to date.
#
# The configuration file is the one the app resolves ($AUDIT_MANAGER_CONFIG, the cdktf context's
# configFile, the example), told by the app's own resolver (dist/tools/config-file.js), so a
# change of cdktf.json's configFile is a change of input. Anything unknown means the app runs: a
# file the resolver cannot tell (it then says why, and so does the app), no checksum tool, or no
# record. A failed synthesis removes the record, so the next run synthesizes again.
set -e
# The app; SYNTH_APP stands in for it (the tests check this script's decisions with a stub app).
app="${SYNTH_APP:-node --disable-warning=DEP0044 dist/main.js}"
outdir="${CDKTF_OUTDIR:-cdktf.out}"
record="$outdir/.synth-record"
cacheable=true
config=$(node "$(dirname "$0")/../dist/tools/config-file.js" 2>/dev/null) || cacheable=false
# Silent like the app with --quiet, or when the cdktf or CDK Terrain CLI runs it (CDKTF_CONTEXT_JSON set).
quiet=false
[ -n "${CDKTF_CONTEXT_JSON+set}" ] && quiet=true
for arg in "$@"; do [ "$arg" = "--quiet" ] && quiet=true; done

checksum() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}

# Every input of the app, as text.
inputs() {
  echo "synth record 1"
  pwd
  echo "$outdir"
  # --quiet changes what is printed, not what is written.
  for arg in "$@"; do [ "$arg" = "--quiet" ] || printf '%s\n' "$arg"; done
  env | grep -E '^(CDKTF_|SYNTH_|AUDIT_MANAGER_)' | sort
  cat dist/.build-stamp
  checksum "$config"
  # The evidence map the configuration names (auditManager.evidenceMap, default
  # config/evidence-map.json), which synthesis reads when an assessment deploys its rules.
  for map in config/evidence-map.json $(sed -n 's/.*"evidenceMap"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$config"); do
    if [ -f "$map" ]; then checksum "$map"; else echo "no $map"; fi
  done
}

# What the last synthesis wrote: the stack folders and a checksum of each file it writes.
outputs() {
  ls "$outdir/stacks"
  find "$outdir" -maxdepth 3 \( -name manifest.json -o -name cdk.tf.json -o -name cdk.tf \) -type f | sort | while read -r file; do checksum "$file"; done
}

command -v sha256sum >/dev/null 2>&1 || command -v shasum >/dev/null 2>&1 || cacheable=false
[ -f dist/.build-stamp ] && [ -f "$config" ] || cacheable=false

if $cacheable && [ -f "$record/inputs" ] && [ -f "$outdir/manifest.json" ] && [ -d "$outdir/stacks" ] &&
  inputs "$@" | cmp -s - "$record/inputs" && outputs | cmp -s - "$record/outputs"; then
  if ! $quiet; then
    stacks=$(ls "$outdir/stacks" | tr '\n' ' ')
    echo "$outdir/stacks/ is up to date: $config, the code and the environment are as at its last synth (stacks: ${stacks% })" >&2
  fi
  exit 0
fi

rm -rf "$record" "$record.next"
$app "$@"
# Recorded only where the app wrote its manifest (a CLI that names the output folder some other
# way gets no record), and a record that cannot be written never fails the synthesis.
if $cacheable && [ -f "$outdir/manifest.json" ]; then
  { mkdir -p "$record.next" && inputs "$@" >"$record.next/inputs" && outputs >"$record.next/outputs" && mv "$record.next" "$record"; } 2>/dev/null || rm -rf "$record.next"
fi
