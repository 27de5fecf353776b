import type { Manifest, PageRegion } from '../protocol';
import { budgetBar, type BudgetBar } from './budgetBar';

export const FILE_GROUP_ORDER = ['active', 'text', 'outline', 'L1', 'L2', 'L3', 'L4', 'listed', 'excluded'] as const;

export interface FileRow { path: string; relevance: number; form: string; tokens: number; reasons: string[]; why: string; slices?: string }
export interface FileGroup { form: string; files: FileRow[]; tokens: number }
export interface PageView { index: number; level: string; tokens: number; width: number; height: number; src: string; regions: PageRegion[]; files: number }

/** Everything the webview draws for one compose; plain data, posted as JSON. */
export interface PanelModel {
  active: string;
  profile: string;
  budget: number;
  query?: string;
  version?: number;
  bar: BudgetBar;
  groups: FileGroup[];
  pages: PageView[];
  sourceTokens: number;
  repositorySourceTokens: number;
  masked: number;
  excludedSecrets: number;
}

/** The panel's budget section: what a keystroke changes first and what the developer watches while typing. */
export interface BudgetView {
  version?: number;
  bar: BudgetBar;
  pages: number;
  sourceTokens: number;
  repositorySourceTokens: number;
  masked: number;
  excludedSecrets: number;
}

/** The budget section of a model, small enough to post ahead of the model's files and pages. */
export function budgetView(model: PanelModel): BudgetView {
  const { version, bar, sourceTokens, repositorySourceTokens, masked, excludedSecrets } = model;
  return { version, bar, pages: model.pages.length, sourceTokens, repositorySourceTokens, masked, excludedSecrets };
}

/**
 * The panel's view of a compose result. `imageSource` turns a segment's page (a cache file path or a
 * data URL) into something the webview may load; pages it cannot show are kept with an empty src.
 */
export function panelModel(manifest: Manifest, imageSource: (image: { path?: string; dataUrl?: string }) => string, version?: number): PanelModel {
  const byForm = new Map<string, FileRow[]>();
  for (const f of manifest.files) {
    // The active file is listed with the form its text has; the panel shows it in its own group.
    const form = f.path === manifest.active.path ? 'active' : f.form;
    const rows = byForm.get(form) ?? [];
    rows.push({
      path: f.path,
      relevance: f.relevance,
      form,
      tokens: f.tokens,
      reasons: f.reasons,
      why: f.why,
      slices: f.slices && f.slices.length > 0 ? f.slices.map((s) => `${s.startLine}-${s.endLine} ${s.form}`).join(', ') : undefined,
    });
    byForm.set(form, rows);
  }
  const groups: FileGroup[] = [];
  const known = new Set<string>(FILE_GROUP_ORDER);
  const forms = [...FILE_GROUP_ORDER, ...[...byForm.keys()].filter((k) => !known.has(k)).sort()];
  for (const form of forms) {
    const files = byForm.get(form);
    if (!files || files.length === 0) continue;
    files.sort((a, b) => b.relevance - a.relevance || a.path.localeCompare(b.path));
    groups.push({ form, files, tokens: files.reduce((s, f) => s + f.tokens, 0) });
  }
  const pages: PageView[] = [];
  for (const segment of manifest.segments) {
    if (segment.kind !== 'image' || !segment.image) continue;
    const regions = segment.regions ?? [];
    pages.push({
      index: pages.length + 1,
      level: segment.role,
      tokens: segment.tokens,
      width: segment.image.width,
      height: segment.image.height,
      src: imageSource(segment.image),
      regions,
      files: new Set(regions.map((r) => r.path)).size,
    });
  }
  return {
    active: manifest.active.path,
    profile: manifest.profile,
    budget: manifest.budget,
    query: manifest.query,
    version,
    bar: budgetBar(manifest.totals, manifest.budget),
    groups,
    pages,
    sourceTokens: manifest.totals.sourceTokens,
    repositorySourceTokens: manifest.totals.repositorySourceTokens,
    masked: Object.values(manifest.secrets.maskedValues).reduce((a, b) => a + b, 0),
    excludedSecrets: manifest.secrets.excludedFiles,
  };
}
