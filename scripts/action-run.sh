#!/usr/bin/env bash
# The GitHub Action's work (action.yml): installs the codecontext tool, runs `codecontext summarize`
# with the action's inputs and appends the digest's summary.md to the step summary. Reads what
# GitHub sets for a composite action's step: INPUT_* (passed through env by action.yml),
# GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and RUNNER_TEMP. .ci/action-test.sh runs it
# the same way outside GitHub.
set -euo pipefail

path=${INPUT_PATH:-.}
budget=${INPUT_BUDGET:-32k}
profile=${INPUT_PROFILE:-deepseek-ocr-base}
changed_since=${INPUT_CHANGED_SINCE:-}
version=${INPUT_VERSION:-}
source=${INPUT_SOURCE:-}
workspace=${GITHUB_WORKSPACE:?GITHUB_WORKSPACE is not set (run inside a GitHub Actions job)}
temp=${RUNNER_TEMP:?RUNNER_TEMP is not set (run inside a GitHub Actions job)}
out=${INPUT_OUT:-$temp/codecontext-summary}

# The tool goes under the runner's temp folder, never into the repository being summarized.
tool_path=${CODECONTEXT_TOOL_PATH:-$temp/codecontext-tool}
if [ ! -x "$tool_path/codecontext" ]; then
  install=(dotnet tool install --tool-path "$tool_path" CodeContext.Tool)
  [ -n "$version" ] && install+=(--version "$version")
  [ -n "$source" ] && install+=(--add-source "$source")
  "${install[@]}"
fi

cd "$workspace"
args=(summarize "$path" --budget "$budget" --profile "$profile" --out "$out")
[ -n "$changed_since" ] && args+=(--changed-since "$changed_since")
echo "codecontext ${args[*]}"
# The bundle folder, for the upload step and later steps: set first, so that a failed run (a budget
# guard, say) still uploads what it wrote.
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "out=$out" >> "$GITHUB_OUTPUT"; fi
# A stderr that is not a terminal gets plain progress lines: readable in the job's log.
status=0
"$tool_path/codecontext" "${args[@]}" || status=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$out/summary.md" ]; then
  cat "$out/summary.md" >> "$GITHUB_STEP_SUMMARY"
fi
exit "$status"
