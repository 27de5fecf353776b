/** Token counts the way the status bar and the budget bar show them: 950, 12.3k, 32k. */
export function formatTokens(tokens: number): string {
  if (!Number.isFinite(tokens)) return '?';
  const sign = tokens < 0 ? '-' : '';
  const n = Math.abs(Math.round(tokens));
  if (n < 1000) return `${sign}${n}`;
  const k = n / 1000;
  const text = k >= 100 ? k.toFixed(0) : k.toFixed(1);
  return `${sign}${text.endsWith('.0') ? text.slice(0, -2) : text}k`;
}

/** An effective compression (source tokens / tokens spent): 12.4x. */
export function formatCompression(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio <= 0) return '-';
  return `${ratio >= 100 ? ratio.toFixed(0) : ratio.toFixed(1)}x`;
}

/** "31.8k/32k · 12.4x": budget use and effective compression of a composed context. */
export function budgetSummary(total: number, budget: number, compression: number): string {
  return `${formatTokens(total)}/${formatTokens(budget)} · ${formatCompression(compression)}`;
}
