#!/usr/bin/env bash
# Runs the GitHub Action's script (scripts/action-run.sh) as GitHub would run its step: INPUT_*,
# GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and RUNNER_TEMP set, on a scripted git copy
# of samples/Shop, once on the whole repository and once in change mode (changed-since). Checks
# that each run appended the digest to the step summary, named its bundle folder as the step's
# output, and wrote nothing into the workspace. Usage: action-test.sh REPO WORKDIR, with
# CODECONTEXT_TOOL_PATH naming the folder of an installed codecontext (tool.sh installs one).
set -euo pipefail
repo=$1
work=$2
fail() { echo "action-test: $*" >&2; exit 1; }

mkdir -p "$work/runner-temp"
workspace=$work/workspace
cp -r "$repo/samples/Shop" "$workspace"
rm -rf "$workspace"/*/*/bin "$workspace"/*/*/obj
git -C "$workspace" init -q
git -C "$workspace" -c user.name=ci -c user.email=ci@example.invalid add -A
git -C "$workspace" -c user.name=ci -c user.email=ci@example.invalid commit -qm base
echo '// touched by the action test' >> "$workspace/src/Shop.Services/Orders/OrderService.cs"
git -C "$workspace" -c user.name=ci -c user.email=ci@example.invalid commit -qam change
before=$(git -C "$workspace" status --porcelain --ignored | wc -l)

run_action() {
  local name=$1; shift
  : > "$work/$name.summary.md"
  : > "$work/$name.output"
  env GITHUB_WORKSPACE="$workspace" GITHUB_STEP_SUMMARY="$work/$name.summary.md" GITHUB_OUTPUT="$work/$name.output" \
    RUNNER_TEMP="$work/runner-temp" INPUT_PATH=Shop.sln INPUT_BUDGET=8k INPUT_PROFILE=deepseek-ocr-base \
    INPUT_OUT="$work/runner-temp/$name" "$@" bash "$repo/scripts/action-run.sh"
  [ -s "$work/$name.summary.md" ] || fail "$name: nothing appended to GITHUB_STEP_SUMMARY"
  cmp -s "$work/$name.summary.md" "$work/runner-temp/$name/summary.md" || fail "$name: the step summary is not the bundle's summary.md"
  grep -qx "out=$work/runner-temp/$name" "$work/$name.output" || fail "$name: no out= in GITHUB_OUTPUT"
}

run_action whole INPUT_CHANGED_SINCE=
run_action change INPUT_CHANGED_SINCE=HEAD~1
grep -q 'OrderService.cs' "$work/change.summary.md" || fail "change: the changed file is not in summary.md"
[ "$(git -C "$workspace" status --porcelain --ignored | wc -l)" -eq "$before" ] || fail "the action wrote into the workspace"
echo "action-test: the action's script appended summary.md to the step summary (whole repository and change mode)"
