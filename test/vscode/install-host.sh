#!/usr/bin/env bash
# Installs a real VS Code for the extension tests, from package registries only:
# code-server 4.100.3 (= VS Code 1.100.3, the last release for Node 20) into
# .vscode-test/host, plus headless Debian Chromium that Playwright drives.
# Idempotent: does nothing when everything is already there.
# usage: test/vscode/install-host.sh [DEST]   (default: <repo>/.vscode-test/host)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEST=${1:-${VSCODE_HOST_DIR:-$ROOT/.vscode-test/host}}
VERSION=4.100.3
export DEBIAN_FRONTEND=noninteractive

# chromium: the browser we drive; ripgrep: stands in for @vscode/ripgrep's GitHub
# download; libkrb5-dev: headers for code-server's kerberos native module.
need=()
for p in chromium ripgrep libkrb5-dev g++ make python3; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
  echo "install-host: apt-get install ${need[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ -x "$DEST/node_modules/.bin/code-server" ] && \
   [ "$("$DEST/node_modules/.bin/code-server" --version 2>/dev/null | head -1 | cut -d' ' -f1)" = "$VERSION" ]; then
  echo "install-host: code-server $VERSION already in $DEST"
  exit 0
fi

# @vscode/ripgrep@1.15.11's postinstall downloads rg from GitHub unless this cache file exists.
RGC="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RGC"
RGT="$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
[ -s "$RGT" ] || tar czf "$RGT" -C "$(dirname "$(command -v rg)")" rg

mkdir -p "$DEST"
cd "$DEST"
[ -f package.json ] || echo '{"name":"vscode-host","private":true}' > package.json
echo "install-host: npm install code-server@$VERSION into $DEST (about 100 s)"
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root otherwise
# npm_config_nodedir=/usr: node-gyp builds against the local Node headers (no download)
npm_config_yes=true npm_config_unsafe_perm=true npm_config_nodedir=/usr \
  npm install --no-audit --no-fund --no-save "code-server@$VERSION"
"$DEST/node_modules/.bin/code-server" --version
