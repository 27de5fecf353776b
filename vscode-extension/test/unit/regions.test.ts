import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hitTest, regionLabel, toImagePoint } from '../../src/model/regions';
import type { PageRegion } from '../../src/protocol';

const region = (path: string, x: number, y: number, width: number, height: number, startLine = 1, endLine = 10): PageRegion => ({ path, startLine, endLine, x, y, width, height });

const page = [
  region('a.cs', 0, 0, 500, 100, 1, 9),
  region('b.cs', 0, 100, 500, 300, 10, 40),
  region('c.cs', 512, 0, 500, 1024, 1, 120),
];

test('a point inside a region names that region; edges belong to the region they start', () => {
  assert.equal(hitTest(page, 10, 10)?.path, 'a.cs');
  assert.equal(hitTest(page, 10, 100)?.path, 'b.cs');
  assert.equal(hitTest(page, 499.9, 399.9)?.path, 'b.cs');
  assert.equal(hitTest(page, 600, 1000)?.path, 'c.cs');
});

test('gutters and the area below the last region hit nothing', () => {
  assert.equal(hitTest(page, 505, 50), undefined);
  assert.equal(hitTest(page, 100, 700), undefined);
  assert.equal(hitTest([], 1, 1), undefined);
});

test('where regions overlap the smaller one wins', () => {
  const nested = [region('outer.cs', 0, 0, 400, 400), region('inner.cs', 100, 100, 50, 50)];
  assert.equal(hitTest(nested, 120, 120)?.path, 'inner.cs');
  assert.equal(hitTest(nested, 10, 10)?.path, 'outer.cs');
});

test('a point on the scaled-down image maps back to page pixels', () => {
  const p = toImagePoint(128, 64, { width: 256, height: 256 }, { width: 1024, height: 1024 });
  assert.deepEqual(p, { x: 512, y: 256 });
  assert.equal(hitTest(page, p.x, p.y)?.path, 'c.cs');
  assert.deepEqual(toImagePoint(5, 5, { width: 0, height: 0 }, { width: 10, height: 10 }), { x: 5, y: 5 });
});

test('labels are file:lines', () => {
  assert.equal(regionLabel(region('src/A.cs', 0, 0, 1, 1, 12, 40)), 'src/A.cs:12-40');
  assert.equal(regionLabel(region('src/A.cs', 0, 0, 1, 1, 7, 7)), 'src/A.cs:7');
});
