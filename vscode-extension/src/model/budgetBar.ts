import type { ManifestTotals } from '../protocol';

/** The forms in the order the bar shows them, most faithful first. */
export const FORM_ORDER = ['active', 'text', 'outline', 'L1', 'L2', 'L3', 'L4', 'listed'] as const;

export interface BarSegment {
  /** a form, 'overhead' (wrapper, captions, separators, the question) or 'free' (headroom) */
  key: string;
  label: string;
  tokens: number;
  files: number;
  sourceTokens: number;
  /** share of the budget, 0..100 */
  percent: number;
  /** sourceTokens / tokens for a form that carries source, else undefined */
  compression?: number;
}

export interface BudgetBar {
  budget: number;
  total: number;
  headroom: number;
  compression: number;
  segments: BarSegment[];
}

const LABELS: Record<string, string> = {
  active: 'active text',
  text: 'text',
  outline: 'outline',
  L1: 'L1',
  L2: 'L2',
  L3: 'L3',
  L4: 'L4',
  listed: 'listed',
  overhead: 'prompt',
  free: 'free',
};

function percentOf(tokens: number, budget: number): number {
  if (budget <= 0 || tokens <= 0) return 0;
  return Math.min(100, (tokens / budget) * 100);
}

/**
 * The budget bar: one segment per form that spent tokens (in FORM_ORDER), the prompt's own tokens
 * (wrapper, captions, the question: total minus what the forms account for) and the headroom.
 * Widths are shares of the budget and add up to at most 100.
 */
export function budgetBar(totals: ManifestTotals, budget: number): BudgetBar {
  const segments: BarSegment[] = [];
  let accounted = 0;
  for (const form of FORM_ORDER) {
    const t = totals.byForm[form];
    if (!t || t.tokens <= 0) continue;
    accounted += t.tokens;
    segments.push({
      key: form,
      label: LABELS[form] ?? form,
      tokens: t.tokens,
      files: t.files,
      sourceTokens: t.sourceTokens,
      percent: percentOf(t.tokens, budget),
      compression: form === 'listed' || t.sourceTokens <= 0 ? undefined : t.sourceTokens / t.tokens,
    });
  }
  const overhead = totals.total - accounted;
  if (overhead > 0) {
    segments.push({ key: 'overhead', label: LABELS.overhead!, tokens: overhead, files: 0, sourceTokens: 0, percent: percentOf(overhead, budget) });
  }
  const headroom = Math.max(0, budget - totals.total);
  if (headroom > 0) {
    segments.push({ key: 'free', label: LABELS.free!, tokens: headroom, files: 0, sourceTokens: 0, percent: percentOf(headroom, budget) });
  }
  // Rounding and clamping may push the sum past 100: shrink the largest segment to fit.
  const sum = segments.reduce((s, x) => s + x.percent, 0);
  if (sum > 100 && segments.length > 0) {
    const largest = segments.reduce((a, b) => (b.percent > a.percent ? b : a));
    largest.percent = Math.max(0, largest.percent - (sum - 100));
  }
  return { budget, total: totals.total, headroom: totals.headroom, compression: totals.effectiveCompression, segments };
}
