import * as path from 'node:path';
import * as vscode from 'vscode';
import { ContextPanel } from './panel/contextPanel';
import { FolderServer, isTransient, ServerUnavailable, type ServerHost } from './server/folderServer';
import { Debouncer, Sequencer } from './model/debounce';
import { budgetView, panelModel, type PanelModel } from './model/panelModel';
import { parseBudget, readSettings, settingsChange, type Settings } from './model/settings';
import { statusView, type Composed } from './model/statusText';
import { formatTokens } from './model/format';
import {
  Methods,
  type ComposeParams,
  type ContextMarkdownResult,
  type ExplainResult,
  type ExportBundleResult,
  type Manifest,
} from './protocol';
import type { FromWebview, PanelNotice } from './webview/messages';

const CSHARP_FILES = '**/*.{sln,slnx,csproj,cs}';
const NOT_SOURCE = '**/{bin,obj,node_modules,.git}/**';
/**
 * Debounce of a compose after typing / moving the cursor, panel visible. One period for both:
 * every keystroke also moves the cursor, so whichever event came last set the delay anyway
 * (a longer edit period was cut to the cursor's; measured keystroke latencies are with 250 ms).
 */
const EDIT_DELAY_MS = 250;
const CURSOR_DELAY_MS = EDIT_DELAY_MS;
const SWITCH_DELAY_MS = 30;
/** Without the panel only the status bar needs the compose: ask less often. */
const HIDDEN_DELAY_MS = 1500;

let controller: Controller | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ controller: Controller }> {
  controller = new Controller(context);
  context.subscriptions.push(controller);
  await controller.start();
  return { controller };
}

export async function deactivate(): Promise<void> {
  await controller?.stopAll();
}

interface Target { editor: vscode.TextEditor; server: FolderServer }

class Controller implements vscode.Disposable, ServerHost {
  readonly output = vscode.window.createOutputChannel('CodeContext');
  readonly extensionPath: string;
  private readonly servers = new Map<string, FolderServer>();
  private readonly statusItem = vscode.window.createStatusBarItem('codecontext.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private settings: Settings;
  private panel: ContextPanel | undefined;
  private lastEditor: vscode.TextEditor | undefined;
  private readonly debounce = new Debouncer(EDIT_DELAY_MS);
  private readonly sequence = new Sequencer();
  private inFlight: vscode.CancellationTokenSource | undefined;
  private composing = false;
  /** the panel shows a notice (loading, failed...) rather than a context */
  private panelShowsNotice = false;
  private query = '';
  private lastManifest: { uri: string; manifest: Manifest; version: number } | undefined;
  /** budget use per document uri, for the status bar */
  private readonly composed = new Map<string, Composed>();
  private readonly notified = new Set<string>();
  private readonly activatedAt = Date.now();
  /** When the active document last changed, and when each compose's answer came (by ticket): the log says where a keystroke's time went. */
  private lastEditAt: number | undefined;
  private readonly answeredAt = new Map<number, number>();

  constructor(private readonly context: vscode.ExtensionContext) {
    this.extensionPath = context.extensionPath;
    this.settings = readSettings((key) => vscode.workspace.getConfiguration('codecontext').get(key));
    this.statusItem.name = 'CodeContext';
    this.statusItem.command = 'codecontext.showContext';
  }

  log(message: string): void {
    this.output.appendLine(`[${new Date().toISOString()}] ${message}`);
  }

  async start(): Promise<void> {
    const register = (id: string, fn: (...args: never[]) => unknown): void => {
      this.disposables.push(vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown));
    };
    register('codecontext.showContext', () => this.showContext());
    register('codecontext.copyMarkdown', () => this.copyMarkdown());
    register('codecontext.exportBundle', () => this.exportBundle());
    register('codecontext.explain', (uri?: vscode.Uri) => this.explain(uri));
    register('codecontext.setBudget', () => this.setBudget());
    register('codecontext.selectProfile', () => this.selectProfile());
    register('codecontext.restartServer', () => this.restartServers());
    register('codecontext.showLog', () => this.output.show(true));
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => this.onActiveEditor(editor)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor !== vscode.window.activeTextEditor || !this.isCSharp(e.textEditor.document)) return;
        // A command's cursor move during a pending edit compose is part of that edit.
        if (e.kind === vscode.TextEditorSelectionChangeKind.Command && this.debounce.isPending) return;
        this.scheduleCompose(CURSOR_DELAY_MS);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || !this.isCSharp(e.document)) return;
        if (e.document !== this.target()?.editor.document) return;
        this.lastEditAt = Date.now();
        this.scheduleCompose(EDIT_DELAY_MS);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('codecontext')) void this.onSettings();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const removed of e.removed) void this.removeFolder(removed);
        for (const added of e.added) void this.considerFolder(added);
      }),
    );
    // A folder that gets its first C# file later gets a server then.
    const watcher = vscode.workspace.createFileSystemWatcher(CSHARP_FILES, false, true, true);
    watcher.onDidCreate((uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder && !this.servers.has(folder.uri.toString())) void this.considerFolder(folder);
    });
    this.disposables.push(watcher);

    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => this.considerFolder(folder)));
    this.onActiveEditor(vscode.window.activeTextEditor);
  }

  // ---------------------------------------------------------------- servers

  private async considerFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    if (this.servers.has(key) || folder.uri.scheme !== 'file') return;
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, CSHARP_FILES), NOT_SOURCE, 1);
    if (found.length === 0 || this.servers.has(key)) return; // no C#: stay quiet
    const server = new FolderServer(folder, this, this.settings);
    this.servers.set(key, server);
    void vscode.commands.executeCommand('setContext', 'codecontext.active', true);
    server.onDidChange(() => this.refreshStatus());
    let first = true;
    server.onDidBecomeReady(() => {
      if (first) this.log(`[${folder.name}] ready ${Date.now() - this.activatedAt} ms after activation`);
      first = false;
      if (this.target()?.server === server) {
        this.showNotice();
        this.scheduleCompose(0);
      }
    });
    await server.start();
  }

  private async removeFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const server = this.servers.get(folder.uri.toString());
    if (!server) return;
    this.servers.delete(folder.uri.toString());
    await server.stop();
    server.dispose();
    void vscode.commands.executeCommand('setContext', 'codecontext.active', this.servers.size > 0);
    this.refreshStatus();
  }

  notifyFailure(folder: vscode.WorkspaceFolder, message: string, problem: 'no-dotnet' | 'not-found' | 'crashed' | 'start-failed'): void {
    const key = `${folder.uri.toString()}|${problem}|${message}`;
    if (this.notified.has(key)) return; // once per distinct failure
    this.notified.add(key);
    const actions = problem === 'no-dotnet' ? ['Install .NET', 'Show Log'] : problem === 'not-found' ? ['Open Settings', 'Show Log'] : ['Restart Server', 'Show Log'];
    void vscode.window.showErrorMessage(`CodeContext (${folder.name}): ${message}`, ...actions).then((choice) => {
      if (choice === 'Show Log') this.output.show(true);
      else if (choice === 'Install .NET') void vscode.env.openExternal(vscode.Uri.parse('https://dotnet.microsoft.com/download/dotnet/10.0'));
      else if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'codecontext.server');
      else if (choice === 'Restart Server') void this.restartServers();
    });
    this.refreshStatus();
    this.showNotice();
  }

  private async restartServers(): Promise<void> {
    this.notified.clear();
    const target = this.target();
    const servers = target ? [target.server] : [...this.servers.values()];
    await Promise.all(servers.map((s) => s.restart(this.settings)));
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.servers.values()].map((s) => s.stop()));
  }

  private async onSettings(): Promise<void> {
    const next = readSettings((key) => vscode.workspace.getConfiguration('codecontext').get(key));
    const change = settingsChange(this.settings, next);
    this.settings = next;
    if (change.restart) {
      this.log('server settings changed: restarting');
      this.notified.clear();
      await Promise.all([...this.servers.values()].map((s) => s.restart(next)));
    } else if (change.recompose) {
      this.scheduleCompose(0);
    }
  }

  // ---------------------------------------------------------------- editors

  private isCSharp(document: vscode.TextDocument): boolean {
    return document.uri.scheme === 'file' && (document.languageId === 'csharp' || document.uri.fsPath.endsWith('.cs'));
  }

  private serverFor(uri: vscode.Uri): FolderServer | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.servers.get(folder.uri.toString()) : undefined;
  }

  /** The C# editor the context is for: the active one, or the last one when the panel has focus. */
  private target(): Target | undefined {
    const editor = vscode.window.activeTextEditor ?? this.lastEditor;
    if (!editor || !this.isCSharp(editor.document) || editor.document.isClosed) return undefined;
    const server = this.serverFor(editor.document.uri);
    return server ? { editor, server } : undefined;
  }

  private onActiveEditor(editor: vscode.TextEditor | undefined): void {
    if (editor && this.isCSharp(editor.document) && this.serverFor(editor.document.uri)) {
      this.lastEditor = editor;
      this.scheduleCompose(SWITCH_DELAY_MS);
    } else if (editor) {
      // Another kind of editor: the C# context stays as it was, the status bar hides.
      this.lastEditor = undefined;
    }
    this.refreshStatus();
  }

  private refreshStatus(): void {
    const target = this.target();
    if (!target) {
      this.statusItem.hide();
      if (!this.lastManifest) this.showNotice();
      return;
    }
    const view = statusView(target.server.phase, this.composed.get(target.editor.document.uri.toString()), this.composing);
    this.statusItem.text = view.text;
    this.statusItem.tooltip = view.tooltip;
    this.statusItem.accessibilityInformation = { label: view.text.replace(/\$\([^)]*\)\s*/g, ''), role: 'button' };
    this.statusItem.backgroundColor = view.error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.statusItem.show();
    if (target.server.phase.kind !== 'ready') this.showNotice();
  }

  // ---------------------------------------------------------------- composing

  private scheduleCompose(delayMs: number): void {
    const visible = this.panel?.visible ?? false;
    this.debounce.schedule(() => void this.compose(), visible ? delayMs : Math.max(delayMs, HIDDEN_DELAY_MS));
  }

  private composeParams(target: Target, withVersion: boolean): ComposeParams {
    const document = target.editor.document;
    const cursor = target.editor.selection.active;
    return {
      textDocument: withVersion ? { uri: document.uri.toString(), version: document.version } : { uri: document.uri.toString() },
      position: { line: cursor.line, character: cursor.character },
      budget: this.settings.budget,
      profile: this.settings.profile,
      query: this.query.trim() === '' ? undefined : this.query.trim(),
      recent: this.recentUris(target),
    };
  }

  private recentUris(target: Target): string[] {
    const active = target.editor.document.uri.toString();
    const folder = target.server.folder;
    return vscode.window.visibleTextEditors
      .map((e) => e.document.uri)
      .filter((u) => u.scheme === 'file' && u.toString() !== active && u.fsPath.endsWith('.cs') && vscode.workspace.getWorkspaceFolder(u)?.uri.toString() === folder.uri.toString())
      .map((u) => u.toString())
      .slice(0, 8);
  }

  private async compose(attempt = 0): Promise<void> {
    const target = this.target();
    if (!target) { this.showNotice(); return; }
    if (!target.server.isReady) { this.refreshStatus(); this.showNotice(); return; }
    this.inFlight?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.inFlight = cts;
    const ticket = this.sequence.next();
    const document = target.editor.document;
    const cacheDir = target.server.status?.cacheDirectory;
    if (cacheDir) this.panel?.allow(vscode.Uri.file(path.join(cacheDir, 'serve-pages')));
    // Pages as cache files the webview loads by URI (the same page keeps its path while typing);
    // data URLs only when the panel cannot reach the cache folder.
    const useFiles = cacheDir !== undefined && (this.panel === undefined || this.panel.canServe(vscode.Uri.file(path.join(cacheDir, 'serve-pages', 'x.png'))));
    const params: ComposeParams = { ...this.composeParams(target, true), images: useFiles ? 'file' : 'dataUrl' };
    const started = Date.now();
    if (this.lastEditAt !== undefined) {
      this.log(`compose #${ticket} sent ${started - this.lastEditAt} ms after the last edit`);
      this.lastEditAt = undefined;
    }
    this.composing = true;
    this.panel?.post({ type: 'busy', busy: true });
    this.refreshStatus();
    try {
      const manifest = await target.server.request<Manifest>(Methods.compose, params, cts.token);
      if (!this.sequence.isCurrent(ticket)) return;
      this.lastManifest = { uri: document.uri.toString(), manifest, version: document.version };
      const model = this.modelFor(manifest, document.version);
      this.composed.set(document.uri.toString(), { total: manifest.totals.total, budget: manifest.budget, compression: manifest.totals.effectiveCompression });
      this.log(`composed ${manifest.active.path} v${document.version}: ${manifest.totals.total}/${manifest.budget} tokens in ${Date.now() - started} ms`);
      if (model) {
        this.answeredAt.set(ticket, Date.now());
        // The budget first: a model is mostly its files and pages (hundreds of KB on a large
        // codebase), and carrying it into the webview took longer than the compose itself.
        this.panel?.post({ type: 'budget', budget: budgetView(model), active: model.active, seq: ticket });
        this.panel?.post({ type: 'model', model, seq: ticket, profiles: target.server.profiles });
        this.panelShowsNotice = false;
      }
    } catch (error) {
      if (!this.sequence.isCurrent(ticket)) return;
      const transient = isTransient(error);
      if (transient.cancelled) return;
      if (transient.modified && attempt < 5) {
        // The editor is ahead of what the server has seen: ask again once it caught up.
        setTimeout(() => { if (this.sequence.isCurrent(ticket)) void this.compose(attempt + 1); }, 100);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      this.log(`compose failed: ${message}`);
      if (!(error instanceof ServerUnavailable)) {
        this.panelShowsNotice = true;
        this.panel?.post({ type: 'notice', notice: { kind: 'error', title: 'The context could not be composed', detail: message, actions: [{ id: 'showLog', label: 'Show Log' }, { id: 'retry', label: 'Try Again' }] }, ...this.pickerState(target) });
      } else {
        this.showNotice();
      }
    } finally {
      if (this.sequence.isCurrent(ticket)) {
        this.composing = false;
        this.panel?.post({ type: 'busy', busy: false });
        this.refreshStatus();
      }
      cts.dispose();
    }
  }

  /** The panel's view of a compose, pages as URIs of the current webview (or data URLs). */
  private modelFor(manifest: Manifest, version: number): PanelModel | undefined {
    const webview = this.panel?.webview;
    if (!webview) return undefined;
    return panelModel(manifest, (image) => (image.path ? webview.asWebviewUri(vscode.Uri.file(image.path)).toString() : image.dataUrl ?? ''), version);
  }

  private pickerState(target: Target | undefined): { profiles: string[]; budget: number; profile: string } {
    const profiles = target?.server.profiles ?? [...this.servers.values()].find((s) => s.profiles.length > 0)?.profiles ?? [];
    return { profiles, budget: this.settings.budget, profile: this.settings.profile };
  }

  /** What the panel says instead of a context: no C# editor, loading, restarting, failed. */
  private showNotice(): void {
    if (!this.panel) return;
    const target = this.target();
    let notice: PanelNotice;
    if (!target) {
      const failed = [...this.servers.values()].find((s) => s.phase.kind === 'failed');
      notice = this.servers.size === 0
        ? { kind: 'info', title: 'No C# in this workspace', detail: 'CodeContext works on folders that hold a .sln, .slnx, .csproj or .cs files.' }
        : failed && failed.phase.kind === 'failed'
          ? { kind: 'error', title: `The CodeContext server for ${failed.folder.name} is not running`, detail: failed.phase.message, actions: [{ id: 'showLog', label: 'Show Log' }, { id: 'restart', label: 'Restart Server' }] }
          : { kind: 'info', title: 'Open a C# file', detail: 'The panel shows the context of the active C# editor and its cursor.' };
      if (this.lastManifest && this.servers.size > 0 && !failed) return; // keep showing the last context
    } else {
      const phase = target.server.phase;
      switch (phase.kind) {
        case 'ready':
          // A context on screen stays until the next one replaces it; a notice gives way to this one.
          if (this.lastManifest && !this.panelShowsNotice) return;
          notice = { kind: 'progress', title: 'Composing the context…' };
          break;
        case 'starting':
          notice = { kind: 'progress', title: 'Starting the CodeContext server…' };
          break;
        case 'restarting':
          notice = { kind: 'progress', title: 'The server stopped; restarting it…', detail: 'The panel comes back by itself once it is ready.' };
          break;
        case 'loading':
          notice = { kind: 'progress', title: `Loading ${target.server.folder.name}${phase.percentage !== undefined ? ` (${Math.round(phase.percentage)}%)` : ''}…`, detail: phase.message ?? 'A large solution takes a while the first time; later starts use the cache.' };
          break;
        case 'failed':
          notice = { kind: 'error', title: 'The CodeContext server is not running', detail: phase.message, actions: [{ id: 'showLog', label: 'Show Log' }, { id: 'restart', label: 'Restart Server' }, { id: 'settings', label: 'Settings' }] };
          break;
      }
    }
    this.panel.post({ type: 'notice', notice, ...this.pickerState(target) });
    this.panelShowsNotice = true;
  }

  // ---------------------------------------------------------------- panel

  private ensurePanel(): ContextPanel {
    if (this.panel) return this.panel;
    const roots = new Map<string, vscode.Uri>();
    for (const server of this.servers.values()) {
      const dir = server.status?.cacheDirectory;
      if (dir) roots.set(dir, vscode.Uri.file(path.join(dir, 'serve-pages')));
    }
    const panel = new ContextPanel(this.context.extensionUri, [...roots.values()], (message) => void this.onPanelMessage(message));
    panel.onDidClose(() => {
      if (this.panel === panel) this.panel = undefined;
      this.lastManifest = undefined;
      this.panelShowsNotice = false;
    });
    this.panel = panel;
    return panel;
  }

  private async showContext(): Promise<void> {
    const panel = this.ensurePanel();
    panel.reveal();
    const target = this.target();
    const last = this.lastManifest;
    const model = last && target && last.uri === target.editor.document.uri.toString() ? this.modelFor(last.manifest, last.version) : undefined;
    if (model && target) {
      panel.post({ type: 'model', model, seq: 0, profiles: target.server.profiles });
      this.panelShowsNotice = false;
    }
    this.showNotice();
    this.debounce.schedule(() => void this.compose(), 0);
  }

  private async onPanelMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.showNotice();
        if (this.lastManifest) this.scheduleCompose(0);
        else this.debounce.schedule(() => void this.compose(), 0);
        return;
      case 'openFile':
        await this.openFile(message.path, message.startLine, message.endLine);
        return;
      case 'setQuery':
        this.query = message.query;
        this.scheduleCompose(0);
        return;
      case 'setBudget':
        await this.updateSetting('budget', message.budget);
        return;
      case 'setProfile':
        await this.updateSetting('profile', message.profile);
        return;
      case 'explain':
        await this.explain(this.uriOfRelative(message.path));
        return;
      case 'drawn': {
        const answered = this.answeredAt.get(message.seq);
        if (message.part === 'model') this.answeredAt.clear();
        const what = message.part === 'model' ? 'compose' : 'the budget of compose';
        if (answered !== undefined) this.log(`panel drew ${what} #${message.seq} ${Date.now() - answered} ms after its answer (DOM ${message.buildMs} ms, to the next frame ${message.frameMs} ms)`);
        return;
      }
      case 'action':
        if (message.id === 'showLog') this.output.show(true);
        else if (message.id === 'restart') await this.restartServers();
        else if (message.id === 'settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'codecontext');
        else if (message.id === 'retry') this.scheduleCompose(0);
        return;
    }
  }

  private uriOfRelative(relative: string): vscode.Uri | undefined {
    const server = this.target()?.server;
    return server ? vscode.Uri.joinPath(server.folder.uri, ...relative.split('/')) : undefined;
  }

  private async openFile(relative: string, startLine?: number, endLine?: number): Promise<void> {
    const uri = this.uriOfRelative(relative);
    if (!uri) return;
    const column = this.lastEditor?.viewColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, preview: true });
    if (startLine !== undefined) {
      const start = new vscode.Position(Math.max(0, startLine - 1), 0);
      const last = Math.max(0, (endLine ?? startLine) - 1);
      const end = editor.document.lineAt(Math.min(last, editor.document.lineCount - 1)).range.end;
      editor.selection = new vscode.Selection(start, start);
      editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.AtTop);
    }
  }

  private async updateSetting(key: 'budget' | 'profile', value: number | string): Promise<void> {
    const config = vscode.workspace.getConfiguration('codecontext');
    const inspected = config.inspect(key);
    const where = inspected?.workspaceFolderValue !== undefined || inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update(key, value, where);
  }

  // ---------------------------------------------------------------- commands

  private requireTarget(): Target | undefined {
    const target = this.target();
    if (!target) {
      void vscode.window.showInformationMessage('CodeContext: open a C# file of a workspace folder first.');
      return undefined;
    }
    if (!target.server.isReady) {
      void vscode.window.showInformationMessage(`CodeContext: the server for ${target.server.folder.name} is ${target.server.phase.kind}; try again when the status bar says ready.`);
      return undefined;
    }
    return target;
  }

  private async copyMarkdown(): Promise<void> {
    const target = this.requireTarget();
    if (!target) return;
    try {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'CodeContext: composing' }, (_p, token) =>
        target.server.request<ContextMarkdownResult>(Methods.contextMarkdown, this.composeParams(target, false), token));
      await vscode.env.clipboard.writeText(result.markdown);
      void vscode.window.showInformationMessage(`CodeContext: copied the context as Markdown (${formatTokens(result.total)}/${formatTokens(result.budget)} tokens; pages referenced as pages/page-NNN.png).`);
    } catch (error) {
      this.reportCommandError('Copy Context as Markdown', error);
    }
  }

  private async exportBundle(): Promise<void> {
    const target = this.requireTarget();
    if (!target) return;
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Export Bundle Here', title: 'CodeContext: folder for the bundle' });
    const folder = picked?.[0];
    if (!folder) return;
    try {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'CodeContext: exporting the bundle' }, (_p, token) =>
        target.server.request<ExportBundleResult>(Methods.exportBundle, { ...this.composeParams(target, false), outDirectory: folder.fsPath }, token));
      const choice = await vscode.window.showInformationMessage(`CodeContext: wrote ${result.files.length} files (${result.pages} pages, ${formatTokens(result.total)}/${formatTokens(result.budget)} tokens) to ${result.directory}.`, 'Open context.md');
      if (choice) await vscode.window.showTextDocument(vscode.Uri.file(path.join(result.directory, 'context.md')));
    } catch (error) {
      this.reportCommandError('Export Bundle', error);
    }
  }

  private async explain(uri?: vscode.Uri): Promise<void> {
    const target = this.requireTarget();
    if (!target) return;
    let targetUri = uri instanceof vscode.Uri ? uri : undefined;
    if (!targetUri) {
      const manifest = this.lastManifest?.manifest;
      const files = (manifest?.files.filter((f) => f.path !== manifest.active.path) ?? []).sort((a, b) => b.relevance - a.relevance);
      const pick = await vscode.window.showQuickPick(
        files.map((f) => ({ label: f.path, description: `${f.form} · relevance ${f.relevance.toFixed(2)}`, path: f.path })),
        { title: 'CodeContext: explain why this file…', placeHolder: files.length ? 'a file of the context' : 'Show the context first to list its files' },
      );
      if (!pick) return;
      targetUri = this.uriOfRelative(pick.path);
      if (!targetUri) return;
    }
    try {
      const result = await target.server.request<ExplainResult>(Methods.explain, {
        ...this.composeParams(target, false),
        target: { uri: targetUri.toString() },
      });
      const lines = [
        result.rank !== undefined && result.rank !== null ? `Rank ${result.rank} of ${result.of} (score ${result.score?.toFixed(3)}) for ${result.active}.` : `Not ranked for ${result.active}.`,
        ...(result.plan ? [`Form: ${result.plan.form} (${result.plan.tokens} tokens, relevance ${result.plan.relevance.toFixed(2)}). ${result.plan.why}`] : []),
        '',
        ...result.reasons.map((r) => `• ${r}`),
      ];
      this.output.appendLine(`explain ${result.target}:\n${lines.join('\n')}`);
      void vscode.window.showInformationMessage(`CodeContext: why ${result.target}`, { modal: true, detail: lines.join('\n') });
    } catch (error) {
      this.reportCommandError('Explain', error);
    }
  }

  private async setBudget(): Promise<void> {
    const value = await vscode.window.showInputBox({
      title: 'CodeContext: token budget',
      value: String(this.settings.budget),
      prompt: 'Tokens for the whole context (text and vision), e.g. 32000 or 16k',
      validateInput: (input) => { const r = parseBudget(input); return typeof r === 'string' ? r : undefined; },
    });
    if (value === undefined) return;
    const budget = parseBudget(value);
    if (typeof budget === 'number') await this.updateSetting('budget', budget);
  }

  private async selectProfile(): Promise<void> {
    const profiles = this.pickerState(this.target()).profiles;
    if (profiles.length === 0) {
      void vscode.window.showInformationMessage('CodeContext: the server has not announced its profiles yet (it is still starting).');
      return;
    }
    const pick = await vscode.window.showQuickPick(profiles.map((p) => ({ label: p, description: p === this.settings.profile ? 'current' : undefined })), { title: 'CodeContext: model profile' });
    if (pick) await this.updateSetting('profile', pick.label);
  }

  private reportCommandError(what: string, error: unknown): void {
    if (isTransient(error).cancelled) return;
    const message = error instanceof Error ? error.message : String(error);
    this.log(`${what} failed: ${message}`);
    void vscode.window.showErrorMessage(`CodeContext: ${what} failed: ${message}`, 'Show Log').then((c) => { if (c) this.output.show(true); });
  }

  dispose(): void {
    this.debounce.cancel();
    this.inFlight?.cancel();
    this.panel?.dispose();
    for (const server of this.servers.values()) server.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.statusItem.dispose();
    this.output.dispose();
  }
}

export type { Controller };
