// The shapes of `codecontext serve`'s methods (docs/protocol.md) and the manifest it answers with
// (docs/bundle.md). Nothing here imports vscode: the client tests use it against the real server.

export interface Position { line: number; character: number }
export interface TextDocumentIdentifier { uri: string; version?: number }

export interface ComposeParams {
  textDocument: TextDocumentIdentifier;
  position?: Position;
  budget: number;
  profile?: string;
  query?: string;
  recent?: string[];
  images?: 'dataUrl' | 'file';
}

export interface ExplainParams {
  textDocument: TextDocumentIdentifier;
  target: { uri: string };
  position?: Position;
  query?: string;
  recent?: string[];
  budget?: number;
  profile?: string;
}

export interface ExportBundleParams extends ComposeParams { outDirectory: string }

export interface ExportBundleResult { directory: string; files: string[]; pages: number; total: number; budget: number }
export interface ContextMarkdownResult { markdown: string; total: number; budget: number }

export interface FormTotals { files: number; sourceTokens: number; tokens: number }

export interface ManifestTotals {
  textTokens: number;
  visionTokens: number;
  total: number;
  sourceTokens: number;
  headroom: number;
  repositorySourceTokens: number;
  effectiveCompression: number;
  byForm: Record<string, FormTotals>;
}

export interface PageRegion {
  path: string;
  startLine: number;
  endLine: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ManifestSegment {
  kind: 'text' | 'image';
  role: string;
  tokens: number;
  path?: string;
  startLine?: number;
  endLine?: number;
  text?: string;
  image?: { file: string; width: number; height: number; path?: string; dataUrl?: string };
  regions?: PageRegion[];
}

export interface ManifestFile {
  path: string;
  relevance: number;
  form: string;
  tokens: number;
  reasons: string[];
  why: string;
  sourceTokens?: number;
  slices?: { startLine: number; endLine: number; form: string; tokens: number }[];
}

export interface Manifest {
  version: number;
  profile: string;
  tokenizer: string;
  budget: number;
  active: { path: string; startLine: number; endLine: number; whole: boolean };
  query?: string;
  totals: ManifestTotals;
  segments: ManifestSegment[];
  files: ManifestFile[];
  secrets: { maskedValues: Record<string, number>; excludedFiles: number };
}

export interface ExplainResult {
  active: string;
  target: string;
  rank?: number;
  of?: number;
  score?: number;
  reasons: string[];
  plan?: ManifestFile;
  budget?: number;
}

export interface StatusResult {
  state: 'not-started' | 'loading' | 'ready' | 'failed';
  error?: string;
  root?: string;
  loadMode?: string;
  files?: number;
  edges?: number;
  nameMatchedFiles?: number;
  openDocuments?: string[];
  pendingChanges?: number;
  cacheDirectory?: string;
}

export interface InitializeResultCodeContext { methods: string[]; profiles: string[] }

export interface InitializationOptions { profile?: string; path?: string; noMsBuild?: boolean }

export const Methods = {
  compose: 'codeContext/compose',
  rank: 'codeContext/rank',
  explain: 'codeContext/explain',
  readRegion: 'codeContext/readRegion',
  status: 'codeContext/status',
  contextMarkdown: 'codeContext/contextMarkdown',
  exportBundle: 'codeContext/exportBundle',
} as const;

/** JSON-RPC error codes the extension reacts to. */
export const ErrorCodes = { requestCancelled: -32800, contentModified: -32801, serverNotInitialized: -32002 } as const;

/** The profile list a server announces in initialize's capabilities.experimental.codeContext. */
export function announcedProfiles(initializeResult: unknown): string[] {
  const caps = (initializeResult as { capabilities?: { experimental?: { codeContext?: Partial<InitializeResultCodeContext> } } } | undefined)
    ?.capabilities?.experimental?.codeContext;
  return Array.isArray(caps?.profiles) ? caps.profiles.filter((p): p is string => typeof p === 'string') : [];
}
