// An inline SVG line chart of the dashboard's `series`, with a data table for screen readers.
import { el, formatDate } from './api.js';

const NS = 'http://www.w3.org/2000/svg';
export const SERIES = {
  retrieved: 'Récupérées',
  validated: 'Validées',
  acknowledged: 'Acquittées',
  invoiced: 'Facturées',
  rejected: 'Rejetées',
};

const svg = (tag, attrs = {}, text) => {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
};

/** Draws `series` ([{date, retrieved, …}]) into `container`; `legend` gets one item per series. */
export function drawChart(container, legend, series) {
  // Drawn at the container's size, so the labels keep the page's font size.
  const W = Math.max(320, Math.round(container.clientWidth || 720));
  const H = 220;
  const pad = { left: 36, right: 12, top: 10, bottom: 26 };
  const max = Math.max(1, ...series.flatMap((d) => Object.keys(SERIES).map((k) => d[k] ?? 0)));
  const x = (i) =>
    pad.left + (series.length <= 1 ? 0 : (i * (W - pad.left - pad.right)) / (series.length - 1));
  const y = (v) => H - pad.bottom - (v * (H - pad.top - pad.bottom)) / max;
  const summary = series.length
    ? `Activité du ${formatDate(series[0].date)} au ${formatDate(series.at(-1).date)}, maximum ${max} par jour.`
    : 'Aucune activité sur la période.';
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-labelledby': 'chart-title chart-desc',
  });
  root.append(svg('desc', { id: 'chart-desc' }, summary));
  root.append(
    svg('line', { class: 'axis', x1: pad.left, y1: H - pad.bottom, x2: W - pad.right, y2: H - pad.bottom }),
  );
  root.append(svg('line', { class: 'axis', x1: pad.left, y1: pad.top, x2: pad.left, y2: H - pad.bottom }));
  root.append(svg('text', { x: pad.left - 6, y: y(max) + 4, 'text-anchor': 'end' }, String(max)));
  root.append(svg('text', { x: pad.left - 6, y: y(0) + 4, 'text-anchor': 'end' }, '0'));
  const step = Math.max(1, Math.ceil(series.length / 8));
  series.forEach((d, i) => {
    const last = i === series.length - 1;
    if (i % step === 0 || (last && i % step >= step / 2)) {
      root.append(
        svg('text', { x: x(i), y: H - 8, 'text-anchor': 'middle' }, formatDate(d.date).slice(0, 5)),
      );
    }
  });
  for (const key of Object.keys(SERIES)) {
    if (!series.length) break;
    const points = series.map((d, i) => `${x(i).toFixed(1)},${y(d[key] ?? 0).toFixed(1)}`).join(' ');
    root.append(svg('polyline', { class: `series s-${key}`, points, 'data-series': key }));
  }
  // A table box ignores width/height, so the visually hidden wrapper is a div.
  const table = el(
    'table',
    {},
    el('caption', { text: 'Activité par jour (données du graphique)' }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col', text: 'Date' }),
        Object.values(SERIES).map((l) => el('th', { scope: 'col', text: l })),
      ),
    ),
    el(
      'tbody',
      {},
      series.map((d) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row', text: formatDate(d.date) }),
          Object.keys(SERIES).map((k) => el('td', { text: String(d[k] ?? 0) })),
        ),
      ),
    ),
  );
  container.replaceChildren(root, el('div', { class: 'sr-only' }, table));
  legend.replaceChildren(
    ...Object.entries(SERIES).map(([k, label]) => el('li', { class: `s-${k}`, text: label })),
  );
}
