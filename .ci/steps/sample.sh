#!/usr/bin/env bash
# Restores the bundled sample solution so that tests which load it through MSBuildWorkspace see a
# complete semantic model (package references resolved, project.assets.json present).
set -euo pipefail
cd "$(dirname "$0")/../.."

dotnet restore samples/Shop/Shop.sln
