import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type FeatureState,
  type LanguageClientOptions,
  type ServerOptions,
  type StaticFeature,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type ProgressToken,
} from 'vscode-languageclient/node';
import { announcedProfiles, ErrorCodes, Methods, type StatusResult } from '../protocol';
import { resolveServerCommand, whichOn } from '../model/serverCommand';
import type { Settings } from '../model/settings';
import type { ServerPhase } from '../model/statusText';

/** Restarts allowed within RESTART_WINDOW_MS before the server is declared failed. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;
const BINDING_POLL_MS = 2000;

export interface ServerHost {
  readonly extensionPath: string;
  readonly output: vscode.OutputChannel;
  /** Shows an error notification with "Show Log" (and other actions). */
  notifyFailure(folder: vscode.WorkspaceFolder, message: string, problem: 'no-dotnet' | 'not-found' | 'crashed' | 'start-failed'): void;
  log(message: string): void;
}

/**
 * One `codecontext serve` for one workspace folder that holds C#: started through
 * vscode-languageclient, which forwards the folder's C# documents and watched files. Its phase
 * (starting, loading with progress, ready and binding, failed, restarting) drives the status bar
 * and the panel.
 */
export class FolderServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly restarted = new vscode.EventEmitter<void>();
  /** Fires when a (re)started server is ready: composes must be asked again. */
  readonly onDidBecomeReady = this.restarted.event;
  private restarts: number[] = [];
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private stopping = false;
  private disposed = false;
  private startedAt = Date.now();

  phase: ServerPhase = { kind: 'starting' };
  profiles: string[] = [];
  status: StatusResult | undefined;

  constructor(readonly folder: vscode.WorkspaceFolder, private readonly host: ServerHost, private settings: Settings) {}

  get isReady(): boolean { return this.phase.kind === 'ready' && this.client?.state === State.Running; }

  private setPhase(phase: ServerPhase): void {
    const wasReady = this.phase.kind === 'ready';
    this.phase = phase;
    this.changed.fire();
    if (phase.kind === 'ready' && !wasReady) {
      this.host.log(`[${this.folder.name}] ready ${Date.now() - this.startedAt} ms after the server was started`);
      this.restarted.fire();
    }
  }

  async start(settings: Settings = this.settings): Promise<void> {
    this.settings = settings;
    this.stopping = false;
    this.startedAt = Date.now();
    this.setPhase({ kind: 'starting' });
    const bundledDll = path.join(this.host.extensionPath, 'server', 'codecontext.dll');
    const isFile = (f: string): boolean => { try { return fs.statSync(f).isFile(); } catch { return false; } };
    const resolved = resolveServerCommand({
      configuredPath: settings.serverPath,
      bundledDll,
      extraArgs: settings.extraArgs,
      which: whichOn(process.env.PATH, isFile),
      exists: isFile,
    });
    if (!resolved.ok) {
      this.host.log(`[${this.folder.name}] cannot start the server: ${resolved.message}`);
      this.setPhase({ kind: 'failed', message: resolved.message });
      this.host.notifyFailure(this.folder, resolved.message, resolved.problem);
      return;
    }
    const command = resolved.value;
    this.host.log(`[${this.folder.name}] starting ${command.description}`);
    const serverOptions: ServerOptions = { command: command.command, args: command.args, options: { cwd: this.folder.uri.fsPath } };
    const folderGlob = this.folder.uri.fsPath.replace(/\\/g, '/');
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'csharp', pattern: `${folderGlob}/**/*` }],
      workspaceFolder: this.folder,
      outputChannel: this.host.output,
      traceOutputChannel: this.host.output,
      initializationOptions: { profile: settings.profile },
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.folder, '**/*.{cs,csproj,props,sln,slnx,slnf}')),
      },
      errorHandler: this.errorHandler(),
      initializationFailedHandler: (error) => {
        const message = `the server did not initialise: ${error instanceof Error ? error.message : String(error)}`;
        this.setPhase({ kind: 'failed', message });
        this.host.notifyFailure(this.folder, message, 'start-failed');
        return false;
      },
    };
    const client = new LanguageClient('codecontext', `CodeContext (${this.folder.name})`, serverOptions, clientOptions);
    client.registerFeature(new LoadProgressFeature(client, (value) => this.onProgress(value)));
    client.onDidChangeState((e) => {
      if (this.client !== client) return;
      if (e.newState === State.Running) {
        this.profiles = announcedProfiles(client.initializeResult);
        this.setPhase({ kind: 'loading' });
        this.pollStatus(0);
      } else if (e.newState === State.Stopped && !this.stopping && this.phase.kind !== 'failed') {
        this.setPhase({ kind: 'restarting' });
      }
    });
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      if (this.client !== client || this.stopping) return;
      const message = `the server failed to start: ${error instanceof Error ? error.message : String(error)}`;
      this.host.log(`[${this.folder.name}] ${message}`);
      if (this.phase.kind !== 'failed') {
        this.setPhase({ kind: 'failed', message });
        this.host.notifyFailure(this.folder, message, 'start-failed');
      }
    }
  }

  private errorHandler(): ErrorHandler {
    return {
      error: (_error, _message, count): ErrorHandlerResult => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true }),
      closed: (): CloseHandlerResult => {
        if (this.stopping) return { action: CloseAction.DoNotRestart, handled: true };
        const now = Date.now();
        this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
        this.restarts.push(now);
        if (this.restarts.length > MAX_RESTARTS) {
          const message = `the server stopped ${this.restarts.length} times in 3 minutes and is not restarted again`;
          this.setPhase({ kind: 'failed', message });
          this.host.notifyFailure(this.folder, message, 'crashed');
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        this.host.log(`[${this.folder.name}] the server stopped; restarting it`);
        this.startedAt = now;
        this.setPhase({ kind: 'restarting' });
        return { action: CloseAction.Restart, handled: true };
      },
    };
  }

  private onProgress(value: { kind: string; message?: string; percentage?: number }): void {
    if (value.kind === 'end') {
      this.pollStatus(0);
    } else if (this.phase.kind !== 'ready') {
      this.setPhase({ kind: 'loading', percentage: value.percentage, message: value.message });
    }
  }

  /** Asks codeContext/status (never waits on the server side) until loaded and every file is bound. */
  private pollStatus(delayMs: number): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.readStatus(), delayMs);
  }

  private async readStatus(): Promise<void> {
    const client = this.client;
    if (!client || client.state !== State.Running || this.disposed) return;
    try {
      const status = await client.sendRequest<StatusResult>(Methods.status, {});
      if (client !== this.client) return;
      this.status = status;
      if (status.state === 'ready') {
        this.setPhase({ kind: 'ready', files: status.files, binding: status.nameMatchedFiles });
        if ((status.nameMatchedFiles ?? 0) > 0) this.pollStatus(BINDING_POLL_MS);
      } else if (status.state === 'failed') {
        const message = `loading failed: ${status.error ?? 'see the log'}`;
        this.setPhase({ kind: 'failed', message });
        this.host.notifyFailure(this.folder, message, 'start-failed');
      } else {
        if (this.phase.kind !== 'loading') this.setPhase({ kind: 'loading' });
        this.pollStatus(500);
      }
    } catch (error) {
      this.host.log(`[${this.folder.name}] status: ${error instanceof Error ? error.message : String(error)}`);
      this.pollStatus(1000);
    }
  }

  /** A codeContext/* request; throws ServerUnavailable when the server is not running. */
  async request<T>(method: string, params: object, token?: vscode.CancellationToken): Promise<T> {
    const client = this.client;
    if (!client || client.state !== State.Running) throw new ServerUnavailable(this.phase.kind === 'failed' ? this.phase.message : 'the server is not running');
    return token ? client.sendRequest<T>(method, params, token) : client.sendRequest<T>(method, params);
  }

  async restart(settings: Settings = this.settings): Promise<void> {
    await this.stop();
    this.restarts = [];
    await this.start(settings);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    const client = this.client;
    this.client = undefined;
    if (client && client.state !== State.Stopped) {
      try { await client.stop(5000); } catch (error) { this.host.log(`[${this.folder.name}] stop: ${String(error)}`); }
    }
    if (client) { try { await client.dispose(); } catch { /* already stopped */ } }
  }

  dispose(): void {
    this.disposed = true;
    void this.stop();
    this.changed.dispose();
    this.restarted.dispose();
  }
}

export class ServerUnavailable extends Error {}

/** True for the JSON-RPC errors that only mean "ask again" (cancelled, content modified). */
export function isTransient(error: unknown): { cancelled: boolean; modified: boolean } {
  const code = (error as { code?: number } | undefined)?.code;
  return { cancelled: code === ErrorCodes.requestCancelled || error instanceof vscode.CancellationError, modified: code === ErrorCodes.contentModified };
}

/**
 * Takes over window/workDoneProgress/create so that the load's $/progress reaches the status bar
 * (and a window progress item), percentage included when the server sends one.
 */
class LoadProgressFeature implements StaticFeature {
  constructor(private readonly client: LanguageClient, private readonly report: (value: { kind: string; message?: string; percentage?: number }) => void) {}

  fillClientCapabilities(capabilities: ClientCapabilities): void {
    capabilities.window = capabilities.window ?? {};
    capabilities.window.workDoneProgress = true;
  }

  getState(): FeatureState { return { kind: 'static' }; }

  initialize(): void {
    this.client.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      this.follow(token);
      return null;
    });
  }

  private follow(token: ProgressToken): void {
    let finish: (() => void) | undefined;
    let progress: vscode.Progress<{ message?: string; increment?: number }> | undefined;
    let last = 0;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'CodeContext' }, (p) => {
      progress = p;
      return new Promise<void>((resolve) => { finish = resolve; });
    });
    const subscription = this.client.onProgress(WorkDoneProgress.type, token, (value) => {
      // The server's messages start with its own name; the progress item already says CodeContext.
      const message = 'message' in value ? value.message?.replace(/^codecontext:\s*/i, '') : undefined;
      const percentage = 'percentage' in value ? value.percentage : undefined;
      this.report({ kind: value.kind, message, percentage });
      if (value.kind === 'end') {
        finish?.();
        subscription.dispose();
        return;
      }
      const increment = percentage !== undefined ? Math.max(0, percentage - last) : undefined;
      if (percentage !== undefined) last = percentage;
      progress?.report({ message: message ?? (value.kind === 'begin' ? value.title : undefined), increment });
    });
  }

  clear(): void { /* nothing held */ }

  dispose(): void { /* nothing held */ }
}
