// The panel's script (runs in the webview, no Node, no vscode API but postMessage). It draws what
// the extension sends and posts clicks back.
import { budgetView, type BudgetView, type PanelModel, type PageView } from '../model/panelModel';
import { formatCompression, formatTokens } from '../model/format';
import { hitTest, regionLabel, toImagePoint } from '../model/regions';
import type { FromWebview, PanelNotice, ToWebview } from './messages';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };
const vscode = acquireVsCodeApi();
const post = (m: FromWebview): void => vscode.postMessage(m);

const BUDGET_PRESETS = [8000, 16000, 32000, 64000, 128000];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== undefined) node.append(c);
  return node;
}

const app = document.getElementById('app')!;
let current: PanelModel | undefined;
let profiles: string[] = [];
let query = '';
let overlayPage: number | undefined;

function controls(budget: number, profile: string): HTMLElement {
  const profileSelect = el('select', { id: 'profile', title: 'Model profile' });
  for (const p of profiles.length ? profiles : [profile]) {
    const option = el('option', { value: p }, p);
    if (p === profile) option.selected = true;
    profileSelect.append(option);
  }
  profileSelect.addEventListener('change', () => post({ type: 'setProfile', profile: profileSelect.value }));

  const budgetSelect = el('select', { id: 'budget', title: 'Token budget' });
  const presets = BUDGET_PRESETS.includes(budget) ? BUDGET_PRESETS : [...BUDGET_PRESETS, budget].sort((a, b) => a - b);
  for (const b of presets) {
    const option = el('option', { value: String(b) }, `${formatTokens(b)} tokens`);
    if (b === budget) option.selected = true;
    budgetSelect.append(option);
  }
  budgetSelect.addEventListener('change', () => post({ type: 'setBudget', budget: Number(budgetSelect.value) }));

  const queryBox = el('input', { id: 'query', type: 'search', placeholder: 'Ask a question (Enter) to steer the context…', value: query });
  queryBox.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { query = queryBox.value; post({ type: 'setQuery', query }); }
  });
  return el('div', { class: 'controls' }, queryBox, budgetSelect, profileSelect);
}

function renderNotice(notice: PanelNotice, budget: number, profile: string): void {
  current = undefined;
  closeOverlay();
  document.body.dataset.state = notice.kind === 'error' ? 'error' : notice.kind === 'progress' ? 'progress' : 'info';
  const actions = el('div', { class: 'actions' });
  for (const a of notice.actions ?? []) {
    const button = el('button', { 'data-action': a.id }, a.label);
    button.addEventListener('click', () => post({ type: 'action', id: a.id }));
    actions.append(button);
  }
  app.replaceChildren(
    controls(budget, profile),
    el('div', { class: `notice notice-${notice.kind}`, id: 'notice' },
      notice.kind === 'progress' ? el('div', { class: 'spinner' }) : undefined,
      el('h2', {}, notice.title),
      notice.detail ? el('p', {}, notice.detail) : undefined,
      actions),
  );
}

function budgetSection(model: BudgetView): HTMLElement {
  const bar = el('div', { class: 'bar', id: 'budget-bar', 'data-total': String(model.bar.total), 'data-budget': String(model.bar.budget), 'data-version': String(model.version ?? '') });
  const legend = el('ul', { class: 'legend' });
  for (const s of model.bar.segments) {
    const title = `${s.label}: ${s.tokens} tokens${s.files ? `, ${s.files} files` : ''}${s.compression ? `, ${formatCompression(s.compression)}` : ''}`;
    const part = el('div', { class: `seg form-${s.key}`, title, 'data-form': s.key });
    part.style.width = `${s.percent}%`;
    bar.append(part);
    legend.append(el('li', {}, el('span', { class: `swatch form-${s.key}` }), `${s.label} ${formatTokens(s.tokens)}`, s.compression ? el('span', { class: 'dim' }, ` ${formatCompression(s.compression)}`) : undefined));
  }
  const summary = el('div', { class: 'summary', id: 'summary' },
    el('strong', {}, `${formatTokens(model.bar.total)} / ${formatTokens(model.bar.budget)} tokens`),
    ` · ${formatCompression(model.bar.compression)} effective compression · ${model.pages} pages · ${formatTokens(model.sourceTokens)} of ${formatTokens(model.repositorySourceTokens)} source tokens carried`,
    model.masked || model.excludedSecrets ? el('span', { class: 'dim' }, ` · secrets: ${model.masked} masked, ${model.excludedSecrets} files excluded`) : undefined);
  return el('section', { class: 'budget' }, summary, bar, legend);
}

function fileGroups(model: PanelModel): HTMLElement {
  const section = el('section', { class: 'files' }, el('h3', {}, 'Files by form'));
  for (const group of model.groups) {
    const details = el('details', { 'data-form': group.form });
    if (['active', 'text', 'outline', 'L1'].includes(group.form)) details.open = true;
    details.append(el('summary', {}, el('span', { class: `swatch form-${group.form}` }), `${group.form} · ${group.files.length} file${group.files.length === 1 ? '' : 's'} · ${formatTokens(group.tokens)} tokens`));
    const list = el('ul', {});
    for (const f of group.files) {
      const open = el('a', { href: '#', class: 'file', 'data-path': f.path, title: 'Open the file' }, f.path);
      open.addEventListener('click', (e) => { e.preventDefault(); post({ type: 'openFile', path: f.path }); });
      const why = el('a', { href: '#', class: 'why-link', title: 'Explain why this file' }, 'why?');
      why.addEventListener('click', (e) => { e.preventDefault(); post({ type: 'explain', path: f.path }); });
      const reasons = f.reasons.length ? el('ul', { class: 'reasons' }, ...f.reasons.slice(0, 3).map((r) => el('li', {}, r))) : undefined;
      list.append(el('li', {},
        open,
        el('span', { class: 'dim' }, ` ${f.relevance.toFixed(2)} · ${f.tokens} tok `), why,
        f.why ? el('div', { class: 'plan-why' }, f.why) : undefined,
        f.slices ? el('div', { class: 'dim' }, `slices: ${f.slices}`) : undefined,
        reasons));
    }
    details.append(list);
    section.append(details);
  }
  return section;
}

function thumbnails(model: PanelModel): HTMLElement {
  const grid = el('div', { class: 'pages', id: 'pages' });
  for (const page of model.pages) {
    const img = el('img', { src: page.src, alt: `page ${page.index} (${page.level})` });
    const thumb = el('button', { class: 'thumb', 'data-page': String(page.index), title: `page ${page.index}: ${page.level}, ${page.tokens} tokens, ${page.files} files` },
      img, el('span', { class: 'caption' }, `${page.index} · ${page.level} · ${page.tokens} tok`));
    thumb.addEventListener('click', () => openOverlay(page));
    grid.append(thumb);
  }
  return el('section', {}, el('h3', {}, `Pages in prompt order (${model.pages.length})`), grid);
}

function openOverlay(page: PageView): void {
  closeOverlay();
  overlayPage = page.index;
  const img = el('img', { src: page.src, alt: `page ${page.index}`, width: String(page.width), height: String(page.height) });
  const frame = el('div', { class: 'page-frame' }, img);
  for (const r of page.regions) {
    const box = el('div', { class: 'region', 'data-label': regionLabel(r) });
    box.style.left = `${(r.x / page.width) * 100}%`;
    box.style.top = `${(r.y / page.height) * 100}%`;
    box.style.width = `${(r.width / page.width) * 100}%`;
    box.style.height = `${(r.height / page.height) * 100}%`;
    frame.append(box);
  }
  const label = el('div', { class: 'region-label', id: 'region-label' }, 'hover a region; click to open it');
  const locate = (e: MouseEvent): ReturnType<typeof hitTest> => {
    const rect = frame.getBoundingClientRect();
    const p = toImagePoint(e.clientX - rect.left, e.clientY - rect.top, { width: rect.width, height: rect.height }, { width: page.width, height: page.height });
    return hitTest(page.regions, p.x, p.y);
  };
  frame.addEventListener('mousemove', (e) => {
    const hit = locate(e);
    label.textContent = hit ? regionLabel(hit) : ' ';
    for (const box of Array.from(frame.querySelectorAll<HTMLElement>('.region'))) box.classList.toggle('hover', hit !== undefined && box.dataset.label === regionLabel(hit));
  });
  frame.addEventListener('click', (e) => {
    const hit = locate(e);
    if (hit) post({ type: 'openFile', path: hit.path, startLine: hit.startLine, endLine: hit.endLine });
  });
  const close = el('button', { class: 'close', title: 'Close (Esc)' }, '×');
  close.addEventListener('click', closeOverlay);
  const overlay = el('div', { class: 'overlay', id: 'overlay', 'data-page': String(page.index) },
    el('div', { class: 'overlay-head' }, el('strong', {}, `Page ${page.index} · ${page.level} · ${page.tokens} tokens · ${page.width}×${page.height}`), label, close),
    el('div', { class: 'overlay-body' }, frame));
  document.body.append(overlay);
}

function closeOverlay(): void {
  document.getElementById('overlay')?.remove();
  overlayPage = undefined;
}

document.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeOverlay(); });

/** Draws, then tells the extension how long drawing took: style and layout run before the next frame, when it is on screen. */
function drawn(part: 'budget' | 'model', seq: number, draw: () => void): void {
  const started = performance.now();
  draw();
  const built = performance.now();
  requestAnimationFrame(() => setTimeout(() => post({ type: 'drawn', part, seq, buildMs: Math.round(built - started), frameMs: Math.round(performance.now() - built) }), 0));
}

function renderModel(model: PanelModel): void {
  // A page stays open while the same file's context updates; another file's context closes it.
  const reopen = current?.active === model.active ? overlayPage : undefined;
  current = model;
  query = model.query ?? query;
  document.body.dataset.state = 'ready';
  app.replaceChildren(
    controls(model.budget, model.profile),
    el('header', {}, el('span', { class: 'dim' }, 'Context for '), el('strong', { id: 'active-path' }, model.active), el('span', { id: 'busy', class: 'busy', hidden: '' }, ' updating…')),
    budgetSection(budgetView(model)),
    thumbnails(model),
    fileGroups(model),
  );
  const page = reopen === undefined ? undefined : model.pages.find((p) => p.index === reopen);
  if (page) openOverlay(page); else closeOverlay();
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'model': {
      profiles = message.profiles;
      drawn('model', message.seq, () => renderModel(message.model));
      break;
    }
    case 'budget': {
      // Another file's context waits for its whole model.
      const section = document.querySelector('section.budget');
      if (current?.active !== message.active || !section) break;
      drawn('budget', message.seq, () => section.replaceWith(budgetSection(message.budget)));
      break;
    }
    case 'notice':
      profiles = message.profiles;
      renderNotice(message.notice, message.budget, message.profile);
      break;
    case 'busy': {
      document.body.dataset.busy = String(message.busy);
      const busy = document.getElementById('busy');
      if (busy) busy.hidden = !message.busy;
      break;
    }
  }
});

void current;
post({ type: 'ready' });
