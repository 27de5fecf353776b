// Platform-specific .vsix files: for each VS Code target, a framework-dependent server publish for
// the matching .NET runtime identifier (so only that platform's SkiaSharp and ONNX Runtime
// libraries come along), then `vsce package --target`. Each is checked to carry its own natives
// and no other platform's (scripts/vsix-natives.mjs).
//
// Usage: node scripts/package-targets.mjs [target...]   (default: every target below)
//   writes dist/codecontext-<target>.vsix
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativeProblems, serverNatives } from './vsix-natives.mjs';

const extensionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// VS Code target -> .NET runtime identifier. darwin-x64 is left out: ONNX Runtime (1.31, the
// version Directory.Packages.props pins) ships no osx-x64 library, and the server loads it.
// linux-x64 comes last: server/ then holds the publish the development scripts and CI expect.
export const TARGETS = {
  'linux-arm64': 'linux-arm64',
  'darwin-arm64': 'osx-arm64',
  'win32-x64': 'win-x64',
  'linux-x64': 'linux-x64',
};

function run(command, args, env = {}) {
  execFileSync(command, args, { cwd: extensionDir, stdio: 'inherit', env: { ...process.env, ...env } });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((t) => !(t in TARGETS));
  if (unknown.length > 0) throw new Error(`unknown target(s) ${unknown.join(', ')}; known: ${Object.keys(TARGETS).join(', ')}`);
  let failed = false;
  for (const target of wanted.length > 0 ? wanted : Object.keys(TARGETS)) {
    // A publish adds to its folder: another platform's libraries must not stay behind.
    rmSync(path.join(extensionDir, 'server'), { recursive: true, force: true });
    run('npm', ['run', 'publish-server'], { SERVER_RID: TARGETS[target] });
    run('npm', ['run', 'package'], { VSCE_TARGET: target });
    const vsix = path.join(extensionDir, 'dist', `codecontext-${target}.vsix`);
    renameSync(path.join(extensionDir, 'dist', 'codecontext.vsix'), vsix);
    const problems = nativeProblems(vsix, target);
    for (const problem of problems) console.error(`${path.basename(vsix)}: ${problem}`);
    failed ||= problems.length > 0;
    console.log(`${path.basename(vsix)}: ${problems.length === 0 ? 'only its own natives' : 'WRONG natives'} (${serverNatives(vsix).map((n) => n.name).join(', ')})`);
  }
  process.exit(failed ? 1 : 0);
}
