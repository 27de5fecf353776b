import * as path from 'node:path';

export interface ServerCommand { command: string; args: string[]; description: string }

export interface ServerCommandInputs {
  /** codecontext.server.path; empty: the bundled server */
  configuredPath: string;
  /** the server inside the extension (server/codecontext.dll) */
  bundledDll: string;
  extraArgs: string[];
  /** full path of an executable on PATH, or undefined */
  which: (name: string) => string | undefined;
  exists: (file: string) => boolean;
}

export type ServerCommandResult = { ok: true; value: ServerCommand } | { ok: false; problem: 'no-dotnet' | 'not-found'; message: string };

/**
 * How to start `codecontext serve`: a .dll (bundled or configured) runs with `dotnet`; anything else
 * configured is an executable, a path or a name on PATH. Says what is missing otherwise.
 */
export function resolveServerCommand(inputs: ServerCommandInputs): ServerCommandResult {
  const serveArgs = ['serve', ...inputs.extraArgs];
  const configured = inputs.configuredPath;
  const dll = configured === '' ? inputs.bundledDll : configured.toLowerCase().endsWith('.dll') ? configured : undefined;
  if (dll !== undefined) {
    if (!inputs.exists(dll)) {
      return {
        ok: false,
        problem: 'not-found',
        message: configured === ''
          ? `The CodeContext server is missing from the extension (${dll}); reinstall the .vsix or set codecontext.server.path.`
          : `codecontext.server.path points at ${dll}, which does not exist.`,
      };
    }
    const dotnet = inputs.which('dotnet');
    if (!dotnet) {
      return {
        ok: false,
        problem: 'no-dotnet',
        message: 'CodeContext needs the .NET 10 runtime (`dotnet` was not found on PATH). Install it from https://dot.net and restart the server.',
      };
    }
    return { ok: true, value: { command: dotnet, args: [dll, ...serveArgs], description: `dotnet ${dll} ${serveArgs.join(' ')}` } };
  }
  const executable = configured.includes('/') || configured.includes('\\') ? (inputs.exists(configured) ? configured : undefined) : inputs.which(configured);
  if (!executable) {
    return { ok: false, problem: 'not-found', message: `codecontext.server.path is '${configured}', which is neither a file nor a program on PATH.` };
  }
  return { ok: true, value: { command: executable, args: serveArgs, description: `${executable} ${serveArgs.join(' ')}` } };
}

/** `which` over a PATH string, for the real process environment. */
export function whichOn(pathVariable: string | undefined, isFile: (f: string) => boolean, platform: NodeJS.Platform = process.platform): (name: string) => string | undefined {
  const dirs = (pathVariable ?? '').split(path.delimiter).filter((d) => d !== '');
  const suffixes = platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  return (name) => {
    for (const dir of dirs) {
      for (const s of suffixes) {
        const candidate = path.join(dir, name + s);
        if (isFile(candidate)) return candidate;
      }
    }
    return undefined;
  };
}
