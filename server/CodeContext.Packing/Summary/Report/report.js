// The report's only behaviour: filter the files table, open a page full size with its region
// outlines, and show file:lines for the region under the pointer. Every text goes in through
// textContent: names come from the repository and are never parsed as HTML.
(() => {
  'use strict';
  const pages = JSON.parse(document.getElementById('pages-data').textContent);
  const viewer = document.getElementById('viewer');
  const stage = viewer.querySelector('.stage');
  const caption = viewer.querySelector('.viewer-caption');
  const tip = document.getElementById('tip');

  function open(index) {
    const page = pages[index];
    stage.replaceChildren();
    const img = document.createElement('img');
    img.src = page.file;
    img.alt = 'page ' + (index + 1);
    stage.append(img);
    for (const r of page.regions) {
      const box = document.createElement('div');
      box.className = 'region';
      box.dataset.label = r.path + ':' + r.startLine + '-' + r.endLine;
      box.style.left = (100 * r.x / page.width) + '%';
      box.style.top = (100 * r.y / page.height) + '%';
      box.style.width = (100 * r.width / page.width) + '%';
      box.style.height = (100 * r.height / page.height) + '%';
      stage.append(box);
    }
    caption.textContent = 'page ' + (index + 1) + ' of ' + pages.length + ' · ' + page.level + ' · ' + page.tokens + ' tokens · ' + page.regions.length + ' regions';
    viewer.showModal();
  }

  document.querySelectorAll('.thumb').forEach((thumb) => thumb.addEventListener('click', () => open(Number(thumb.dataset.page))));
  viewer.querySelector('.close').addEventListener('click', () => viewer.close());
  viewer.addEventListener('click', (e) => { if (e.target === viewer) viewer.close(); });
  stage.addEventListener('mousemove', (e) => {
    const region = e.target.closest('.region');
    if (!region) { tip.style.display = 'none'; return; }
    tip.textContent = region.dataset.label;
    tip.style.left = (e.clientX + 14) + 'px';
    tip.style.top = (e.clientY + 14) + 'px';
    tip.style.display = 'block';
  });
  stage.addEventListener('mouseleave', () => { tip.style.display = 'none'; });
  viewer.addEventListener('close', () => { tip.style.display = 'none'; });

  const filter = document.getElementById('filter');
  const rows = Array.from(document.querySelectorAll('#files tbody tr'));
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    for (const row of rows) row.hidden = q.length > 0 && !row.dataset.search.includes(q);
  });
})();
