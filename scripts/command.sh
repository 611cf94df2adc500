#!/bin/sh
# Every npm command of the project runs through here (package.json: "<command>": "sh
# scripts/command.sh <command>"; npm appends the arguments after `--`). With --help or -h among
# them it prints the command's usage and exits 0 before anything is built, synthesized, read or
# written; otherwise it runs the command's steps with those arguments. The usage is the command's
# entry in the cheat sheet (`help`, section COMMANDS: its line and the indented lines under it), so
# each command is described in one place.
set -e
command=$1
shift

usage() {
  awk -v command="$command" '
    /^[A-Z]/ { section = $0 }
    # A command line: the command, two spaces or more, its description.
    section == "COMMANDS" && /^  [^ ]/ { name = substr($0, 3); sub(/  .*/, "", name); shown = (name ~ ("npm run " command "( |$)")) }
    shown && /^  / { print; found = 1 }
    END { exit !found }
  ' "$(dirname "$0")/../help" | sed '1s/^ */usage: /'
}

for arg in "$@"; do
  case $arg in
    --help | -h)
      usage || { echo "npm run $command: no usage in help" >&2; exit 1; }
      exit 0
      ;;
  esac
done

case $command in
  build) exec sh scripts/build-if-changed.sh "$@" ;;
  synth) sh scripts/build-if-changed.sh && exec sh scripts/synth-if-changed.sh "$@" ;;
  synth:hcl) SYNTH_HCL_OUTPUT=true exec sh "$0" synth "$@" ;;
  review) sh "$0" synth && exec node dist/tools/review.js "$@" ;;
  schema) sh scripts/build-if-changed.sh && exec node dist/tools/generate-schema.js "$@" ;;
  # The unit tests only: jest's filter keeps the files that need no Terraform, browser or process (docs/development.md).
  test:unit) exec jest --filter=./__tests__/support/test-kinds.cjs "$@" ;;
  bench) sh scripts/build-if-changed.sh && exec node dist/tools/bench.js "$@" ;;
  doctor) sh scripts/build-if-changed.sh && exec node dist/tools/doctor.js "$@" ;;
  coverage) sh scripts/build-if-changed.sh && exec node dist/tools/coverage.js "$@" ;;
  settings) sh scripts/build-if-changed.sh && exec node dist/tools/settings.js "$@" ;;
  evidence-map) sh scripts/build-if-changed.sh && exec node dist/tools/evidence-map.js "$@" ;;
  synth:modules) sh scripts/build-if-changed.sh && exec node dist/tools/synth-modules.js "$@" ;;
  check:cdktn) sh scripts/build-if-changed.sh && exec scripts/with-node.sh 22 node dist/tools/check-cdktn.js "$@" ;;
  *) echo "scripts/command.sh: unknown command $command" >&2; exit 1 ;;
esac
