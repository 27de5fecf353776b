#!/usr/bin/env bash
# Installs the real VS Code workbench for the end-to-end test: code-server (from npm) plus Debian's
# chromium, which playwright-core drives headless. Idempotent: a finished install is reused.
# Usage: install-code-server.sh DEST      (code-server ends up at DEST/node_modules/.bin/code-server)
# Needs root for apt-get, the npm registry and Debian's archive; nothing else is downloaded.
# code-server 4.100.3 is the newest release whose server runs on Node.js 20.
set -euo pipefail
dest=${1:?usage: install-code-server.sh DEST}
version=${CODE_SERVER_VERSION:-4.100.3}

if [ -x "$dest/node_modules/.bin/code-server" ] && [ -f "$dest/.installed-$version" ] && [ -x /usr/bin/chromium ]; then
  echo "code-server $version already installed in $dest"
  exit 0
fi

# VS Code's native modules (kerberos, native-keymap, node-pty...) compile here; ripgrep and the
# browser come from Debian.
packages="chromium libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config ripgrep build-essential python3"
missing=""
for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# @vscode/ripgrep's postinstall fetches rg from GitHub unless the asset is already in its cache
# folder (os.tmpdir()/vscode-ripgrep-cache-<its version>): offer Debian's rg under that name for
# the versions VS Code releases have depended on.
tmp=$(node -p 'require("os").tmpdir()')
asset=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
stage=$(mktemp -d)
cp "$(command -v rg)" "$stage/rg"
for v in 1.15.9 1.15.10 1.15.11 1.15.12 1.15.13 1.15.14 1.16.0 1.16.1 1.17.0 1.17.1; do
  mkdir -p "$tmp/vscode-ripgrep-cache-$v"
  tar -C "$stage" -czf "$tmp/vscode-ripgrep-cache-$v/$asset" rg
done
rm -rf "$stage"

mkdir -p "$dest"
cd "$dest"
[ -f package.json ] || echo '{"private": true}' > package.json
# npm_config_yes: node-pty's install runs `npx node-gyp`, which would otherwise wait for a yes.
npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund --loglevel=error "code-server@$version"
test -x node_modules/.bin/code-server
touch ".installed-$version"
echo "code-server $version installed in $dest"
