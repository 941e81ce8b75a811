/**
 * Small SVG charts (no library): lines, dashed reference lines and points on linear axes, themed
 * through CSS classes (`c0`..`c5` map to VS Code's chart colours in calculator.css). Non-finite
 * points are skipped (a line breaks there).
 */

import { fmt } from './format';
import { h } from './dom';

const SVG = 'http://www.w3.org/2000/svg';

export type SeriesStyle = 'line' | 'points' | 'dashed' | 'line-points';

export interface Series {
  readonly label: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly style: SeriesStyle;
  /** colour index 0..5 */
  readonly color: number;
}

export interface PlotOptions {
  /** what the chart shows, for screen readers */
  readonly label: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly width?: number;
  readonly height?: number;
  /** fixed ticks with labels (categories) instead of automatic ones */
  readonly xTicks?: ReadonlyArray<{ readonly value: number; readonly label: string }>;
  readonly xDomain?: readonly [number, number];
  readonly legend?: boolean;
  /** a per-point colour (overrides the series colour) */
  readonly pointColor?: (seriesIndex: number, pointIndex: number) => number;
}

function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** Round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): { ticks: number[]; min: number; max: number } {
  let lo = min;
  let hi = max;
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const rough = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const normalized = rough / magnitude;
  const step = (normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10) * magnitude;
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let i = 0; start + i * step <= end + step * 1e-9 && i < 50; i++) ticks.push(Number((start + i * step).toPrecision(12)));
  return { ticks, min: start, max: end };
}

const MIN_WIDTH = 240;

/** The page's width less its padding: the most a chart can take in a one-column (narrow) layout. */
function availableWidth(): number {
  const body = getComputedStyle(document.body);
  return document.documentElement.clientWidth - parseFloat(body.paddingLeft || '0') - parseFloat(body.paddingRight || '0') - 4;
}

/** A chart with its legend, as a <div class="plot-box">. */
export function plot(options: PlotOptions): HTMLElement {
  // Drawn at the width the panel has (not scaled down), so its 11 px text stays 11 px in a narrow panel.
  const width = Math.min(options.width ?? 520, Math.max(MIN_WIDTH, availableWidth()));
  const height = options.height ?? 240;
  const margin = { left: 58, right: 14, top: 10, bottom: 42 };
  const finite = options.series.flatMap((series) => series.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  const xs = finite.map(([x]) => x);
  const ys = finite.map(([, y]) => y);
  const xDomain = options.xDomain ?? [Math.min(...xs, 0), Math.max(...xs, 1)];
  const yAxis = niceTicks(ys.length ? Math.min(...ys) : 0, ys.length ? Math.max(...ys) : 1);
  const xAxis = options.xTicks
    ? { ticks: options.xTicks.map((t) => t.value), min: xDomain[0], max: xDomain[1] }
    : { ticks: niceTicks(xDomain[0], xDomain[1], 6).ticks, min: xDomain[0], max: xDomain[1] > xDomain[0] ? xDomain[1] : xDomain[0] + 1 };
  if (![yAxis.min, yAxis.max, yAxis.max - yAxis.min, xAxis.max - xAxis.min].every(Number.isFinite)) {
    // The span overflows a double (values near ±1e308): no meaningful axis; say so instead.
    return h(
      'div',
      { class: 'plot-box plot-unavailable', role: 'note' },
      h('p', { class: 'warning' }, `${options.label}: not drawn, the values span more than a 64-bit float can hold.`),
    );
  }
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const px = (x: number): number => margin.left + ((x - xAxis.min) / (xAxis.max - xAxis.min || 1)) * plotW;
  const py = (y: number): number => margin.top + plotH - ((y - yAxis.min) / (yAxis.max - yAxis.min || 1)) * plotH;

  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': options.label, class: 'chart' });
  const title = s('title');
  title.textContent = options.label;
  svg.appendChild(title);

  const grid = s('g', { class: 'grid' });
  for (const t of yAxis.ticks) {
    grid.appendChild(s('line', { x1: margin.left, x2: width - margin.right, y1: py(t), y2: py(t) }));
    const label = s('text', { x: margin.left - 6, y: py(t) + 4, 'text-anchor': 'end', class: 'tick' });
    label.textContent = fmt(t, 4);
    grid.appendChild(label);
  }
  xAxis.ticks.forEach((t, i) => {
    if (t < xAxis.min - 1e-9 || t > xAxis.max + 1e-9) return;
    grid.appendChild(s('line', { x1: px(t), x2: px(t), y1: margin.top, y2: margin.top + plotH, class: 'vgrid' }));
    const label = s('text', { x: px(t), y: margin.top + plotH + 16, 'text-anchor': 'middle', class: 'tick' });
    label.textContent = options.xTicks ? options.xTicks[i].label : fmt(t, 4);
    grid.appendChild(label);
  });
  svg.appendChild(grid);
  svg.appendChild(s('rect', { x: margin.left, y: margin.top, width: plotW, height: plotH, class: 'frame' }));
  if (yAxis.min < 0 && yAxis.max > 0) svg.appendChild(s('line', { x1: margin.left, x2: width - margin.right, y1: py(0), y2: py(0), class: 'zero' }));

  const xTitle = s('text', { x: margin.left + plotW / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis-title' });
  xTitle.textContent = options.xLabel;
  const yTitle = s('text', { x: 0, y: 0, 'text-anchor': 'middle', class: 'axis-title', transform: `translate(14 ${margin.top + plotH / 2}) rotate(-90)` });
  yTitle.textContent = options.yLabel;
  svg.append(xTitle, yTitle);

  options.series.forEach((series, index) => {
    const group = s('g', { class: `series c${series.color % 6} ${series.style}`, 'data-series': series.label });
    if (series.style !== 'points') {
      let d = '';
      let pen = false;
      for (const [x, y] of series.points) {
        if (!Number.isFinite(x) || !Number.isFinite(y)) {
          pen = false;
          continue;
        }
        d += `${pen ? 'L' : 'M'}${px(x).toFixed(2)},${py(y).toFixed(2)}`;
        pen = true;
      }
      if (d) group.appendChild(s('path', { d, class: 'line' }));
    }
    if (series.style === 'points' || series.style === 'line-points') {
      series.points.forEach(([x, y], i) => {
        if (!Number.isFinite(x) || !Number.isFinite(y)) return;
        const color = options.pointColor ? ` c${options.pointColor(index, i) % 6}` : '';
        group.appendChild(
          s('circle', { cx: px(x).toFixed(2), cy: py(y).toFixed(2), r: 3.2, class: `point${color}`, 'data-x': String(x), 'data-y': String(y) }),
        );
      });
    }
    svg.appendChild(group);
  });

  const box = h('div', { class: 'plot-box' });
  box.appendChild(svg);
  if (options.legend !== false && options.series.length > 1) {
    const legend = h('ul', { class: 'legend' });
    for (const series of options.series) {
      legend.appendChild(h('li', { class: `c${series.color % 6} ${series.style}` }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), series.label));
    }
    box.appendChild(legend);
  }
  return box;
}
