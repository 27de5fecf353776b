#!/usr/bin/env bash
# The VS Code extension (vscode-extension/): publishes the server it carries, type-checks and
# bundles it, runs its unit tests, its client tests against the real `codecontext serve`, packages
# the .vsix and checks its natives, installs code-server and Chromium, and runs the end-to-end
# test in that workbench.
# Needs Node.js 20+ (code-server 4.100.3 and vsce 3.9 run on it). Idempotent; the code-server
# install is reused from CODECONTEXT_CODE_SERVER_DIR (default ~/.cache/codecontext-ci/code-server).
set -euo pipefail
cd "$(dirname "$0")/../.."

# Node and npm come from server.sh, which runs before this step.
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "vscode-extension: Node.js $(node -v) is too old; code-server 4.100.3 and @vscode/vsce need 20 or later" >&2
  exit 1
fi

code_server_dir=${CODECONTEXT_CODE_SERVER_DIR:-$HOME/.cache/codecontext-ci/code-server}
cd vscode-extension
npm ci --no-audit --no-fund
npm run publish-server
npm run typecheck
npm run test:unit
npm run test:client
npm run package
# The packaged .vsix carries the natives of its target platform and no other (cheap: reads the zip).
npm run test:vsix
bash scripts/install-code-server.sh "$code_server_dir"
CODE_SERVER="$code_server_dir/node_modules/.bin/code-server" npm run test:e2e
