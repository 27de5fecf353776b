import type { PageRegion } from '../protocol';

export interface Size { width: number; height: number }

/** Maps a point on the image as displayed (CSS pixels from its top-left) to the page's own pixels. */
export function toImagePoint(x: number, y: number, displayed: Size, natural: Size): { x: number; y: number } {
  const sx = displayed.width > 0 ? natural.width / displayed.width : 1;
  const sy = displayed.height > 0 ? natural.height / displayed.height : 1;
  return { x: x * sx, y: y * sy };
}

function contains(r: PageRegion, x: number, y: number): boolean {
  return x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
}

/**
 * The region under a point of the page (page pixels), or undefined. Regions of one page do not
 * overlap in practice; where they would, the smallest one (the most specific) wins.
 */
export function hitTest(regions: readonly PageRegion[], x: number, y: number): PageRegion | undefined {
  let best: PageRegion | undefined;
  for (const r of regions) {
    if (!contains(r, x, y)) continue;
    if (!best || r.width * r.height < best.width * best.height) best = r;
  }
  return best;
}

/** "src/Orders/Order.cs:12-40" (one line: "…:12"). */
export function regionLabel(r: Pick<PageRegion, 'path' | 'startLine' | 'endLine'>): string {
  return r.startLine === r.endLine ? `${r.path}:${r.startLine}` : `${r.path}:${r.startLine}-${r.endLine}`;
}
