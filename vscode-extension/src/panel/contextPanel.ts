import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { FromWebview, ToWebview } from '../webview/messages';

/**
 * The context panel: a webview beside the editor. It only draws what it is sent (a PanelModel or a
 * notice) and posts the developer's clicks back; the controller does the rest.
 */
export class ContextPanel implements vscode.Disposable {
  static readonly viewType = 'codecontext.context';
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private queued: ToWebview | undefined;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  private readonly resourceRoots: vscode.Uri[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    resourceRoots: readonly vscode.Uri[],
    onMessage: (message: FromWebview) => void,
  ) {
    this.resourceRoots = [...resourceRoots];
    this.panel = vscode.window.createWebviewPanel(
      ContextPanel.viewType,
      'CodeContext',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        retainContextWhenHidden: true,
        // Replaces the defaults: the bundled script and style, and the cache folders holding served pages.
        localResourceRoots: this.localResourceRoots(),
      },
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    this.panel.webview.html = this.html();
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((message: FromWebview) => {
        if (message.type === 'ready') {
          this.ready = true;
          if (this.queued) void this.panel.webview.postMessage(this.queued);
          this.queued = undefined;
        }
        onMessage(message);
      }),
      this.panel.onDidDispose(() => {
        this.closed.fire();
        this.dispose();
      }),
    );
  }

  private localResourceRoots(): vscode.Uri[] {
    return [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media'), ...this.resourceRoots];
  }

  /** Lets the webview load files under `root` (a server's served-pages folder, known once it runs). */
  allow(root: vscode.Uri): void {
    if (this.resourceRoots.some((r) => r.fsPath === root.fsPath)) return;
    this.resourceRoots.push(root);
    this.panel.webview.options = { enableScripts: true, localResourceRoots: this.localResourceRoots() };
  }

  get visible(): boolean { return this.panel.visible; }
  get webview(): vscode.Webview { return this.panel.webview; }

  /** May the webview load this file (a served page)? */
  canServe(file: vscode.Uri): boolean {
    return this.resourceRoots.some((root) => file.fsPath === root.fsPath || file.fsPath.startsWith(root.fsPath.endsWith('/') ? root.fsPath : root.fsPath + '/'));
  }

  reveal(): void { this.panel.reveal(undefined, true); }

  post(message: ToWebview): void {
    // A budget ahead of its model has nothing to update before the panel is ready: the queued model carries it.
    if (!this.ready && message.type === 'budget') return;
    if (!this.ready && message.type !== 'busy') { this.queued = message; return; }
    void this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = crypto.randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css'));
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} data:`,
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>CodeContext</title>
</head>
<body data-state="empty">
<div id="app"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.closed.dispose();
  }
}
