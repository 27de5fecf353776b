#!/usr/bin/env bash
# Node, vscode-jsonrpc for the server's second-client test (tests/node-client) and the MCP
# TypeScript SDK for the MCP client test (tests/mcp-client); both run from CodeContext.Server.Tests.
# Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends nodejs npm
fi

(cd tests/node-client && npm ci --no-audit --no-fund)
(cd tests/mcp-client && npm ci --no-audit --no-fund)
