import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetBar } from '../../src/model/budgetBar';
import { budgetSummary, formatCompression, formatTokens } from '../../src/model/format';
import type { ManifestTotals } from '../../src/protocol';

function totals(byForm: ManifestTotals['byForm'], total: number, budget: number): ManifestTotals {
  return { textTokens: 0, visionTokens: 0, total, sourceTokens: 0, headroom: budget - total, repositorySourceTokens: 0, effectiveCompression: 3.2, byForm };
}

test('segments follow the form order, skip empty forms and end with the prompt overhead and the headroom', () => {
  const bar = budgetBar(totals({
    L2: { files: 10, sourceTokens: 9000, tokens: 900 },
    active: { files: 1, sourceTokens: 2000, tokens: 2000 },
    text: { files: 3, sourceTokens: 3000, tokens: 3100 },
    L4: { files: 0, sourceTokens: 0, tokens: 0 },
    excluded: { files: 1, sourceTokens: 0, tokens: 0 },
  }, 6100, 8000), 8000);
  assert.deepEqual(bar.segments.map((s) => s.key), ['active', 'text', 'L2', 'overhead', 'free']);
  assert.equal(bar.segments.find((s) => s.key === 'overhead')!.tokens, 100);
  assert.equal(bar.segments.find((s) => s.key === 'free')!.tokens, 1900);
  assert.equal(bar.segments.find((s) => s.key === 'L2')!.compression, 10);
  assert.equal(bar.segments.find((s) => s.key === 'active')!.label, 'active text');
  const sum = bar.segments.reduce((s, x) => s + x.percent, 0);
  assert.ok(Math.abs(sum - 100) < 1e-9, `widths add up to ${sum}`);
});

test('a full budget has no free segment and widths never pass 100', () => {
  const bar = budgetBar(totals({ text: { files: 2, sourceTokens: 10, tokens: 8000 }, L1: { files: 1, sourceTokens: 500, tokens: 100 } }, 8100, 8000), 8000);
  assert.ok(!bar.segments.some((s) => s.key === 'free'));
  assert.ok(bar.segments.reduce((s, x) => s + x.percent, 0) <= 100 + 1e-9);
  assert.ok(bar.segments.every((s) => s.percent >= 0));
});

test('listed files carry no compression ratio', () => {
  const bar = budgetBar(totals({ listed: { files: 40, sourceTokens: 0, tokens: 300 } }, 300, 1000), 1000);
  assert.equal(bar.segments[0]!.key, 'listed');
  assert.equal(bar.segments[0]!.compression, undefined);
});

test('token counts and compression read the way the status bar shows them', () => {
  assert.equal(formatTokens(950), '950');
  assert.equal(formatTokens(31_800), '31.8k');
  assert.equal(formatTokens(32_000), '32k');
  assert.equal(formatTokens(128_000), '128k');
  assert.equal(formatCompression(12.44), '12.4x');
  assert.equal(formatCompression(0), '-');
  assert.equal(budgetSummary(31_800, 32_000, 12.4), '31.8k/32k · 12.4x');
});
