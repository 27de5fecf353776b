// What native code a .vsix carries: every file under extension/server/ whose first bytes say ELF,
// Mach-O or a PE image without a .NET header, with its operating system and architecture. Read
// straight from the zip (central directory, then each entry's data), so the check needs no unzip.
//
// Usage: node scripts/vsix-natives.mjs <file.vsix> <target>   (exit 1 when the natives are wrong)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

/** The platform each VS Code target runs on: what its natives must be built for. */
export const TARGET_PLATFORMS = {
  'linux-x64': { os: 'linux', arch: 'x64' },
  'linux-arm64': { os: 'linux', arch: 'arm64' },
  'darwin-arm64': { os: 'darwin', arch: 'arm64' },
  'darwin-x64': { os: 'darwin', arch: 'x64' },
  'win32-x64': { os: 'win32', arch: 'x64' },
};

/** Zip entries (name and data) of a .vsix. */
export function zipEntries(file) {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} is not a zip archive`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + compressed);
    entries.push({ name, data: () => (method === 0 ? raw : inflateRawSync(raw)) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The platform a binary is built for, or null when it is not native code (text, a .NET assembly). */
export function nativePlatform(bytes) {
  if (bytes.length < 64) return null;
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    const machine = bytes.readUInt16LE(18);
    return { os: 'linux', arch: machine === 0x3e ? 'x64' : machine === 0xb7 ? 'arm64' : `elf-${machine}` };
  }
  const magic = bytes.readUInt32LE(0);
  if (magic === 0xfeedfacf) {
    const cpu = bytes.readUInt32LE(4);
    return { os: 'darwin', arch: cpu === 0x01000007 ? 'x64' : cpu === 0x0100000c ? 'arm64' : `macho-${cpu}` };
  }
  if (bytes.readUInt32BE(0) === 0xcafebabe) {
    // A universal binary: every architecture it holds.
    const archs = [];
    for (let i = 0; i < bytes.readUInt32BE(4); i++) {
      const cpu = bytes.readUInt32BE(8 + i * 20);
      archs.push(cpu === 0x01000007 ? 'x64' : cpu === 0x0100000c ? 'arm64' : `macho-${cpu}`);
    }
    return { os: 'darwin', arch: archs.sort().join('+') };
  }
  if (bytes.readUInt16LE(0) === 0x5a4d) {
    const pe = bytes.readUInt32LE(0x3c);
    if (bytes.readUInt32LE(pe) !== 0x00004550) return null;
    const machine = bytes.readUInt16LE(pe + 4);
    const optional = pe + 24;
    const directories = optional + (bytes.readUInt16LE(optional) === 0x20b ? 112 : 96);
    // Data directory 14 is the CLI header: a .NET assembly runs anywhere .NET does.
    if (bytes.readUInt32LE(directories + 14 * 8) !== 0) return null;
    return { os: 'win32', arch: machine === 0x8664 ? 'x64' : machine === 0xaa64 ? 'arm64' : `pe-${machine}` };
  }
  return null;
}

/** Every native file of the server a .vsix carries, with its platform. */
export function serverNatives(vsix) {
  return zipEntries(vsix)
    .filter((e) => e.name.startsWith('extension/server/') && !e.name.endsWith('/'))
    .map((e) => ({ name: e.name.slice('extension/server/'.length), platform: nativePlatform(e.data()) }))
    .filter((e) => e.platform !== null);
}

/** The natives a server publish must carry on every platform (base names without lib prefix or extension). */
const REQUIRED = ['SkiaSharp', 'onnxruntime'];

/** Problems with a target's .vsix: natives of another platform, or a required one missing. */
export function nativeProblems(vsix, target) {
  const want = TARGET_PLATFORMS[target];
  const natives = serverNatives(vsix);
  const problems = natives
    .filter((n) => n.platform.os !== want.os || !n.platform.arch.split('+').includes(want.arch))
    .map((n) => `${n.name} is built for ${n.platform.os}-${n.platform.arch}`);
  for (const name of REQUIRED) {
    if (!natives.some((n) => new RegExp(`(^|/)(lib)?${name}\\.(so|dylib|dll)$`).test(n.name))) problems.push(`no ${name} library`);
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [vsix, target] = process.argv.slice(2);
  if (!vsix || !(target in TARGET_PLATFORMS)) {
    console.error(`usage: node scripts/vsix-natives.mjs <file.vsix> <${Object.keys(TARGET_PLATFORMS).join('|')}>`);
    process.exit(2);
  }
  const problems = nativeProblems(vsix, target);
  for (const problem of problems) console.error(`${vsix}: ${problem}`);
  console.log(`${vsix} (${target}): ${serverNatives(vsix).map((n) => `${n.name} ${n.platform.os}-${n.platform.arch}`).join(', ')}`);
  process.exit(problems.length > 0 ? 1 : 0);
}
