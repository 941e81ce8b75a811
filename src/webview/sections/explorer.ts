/** Explorer: one value through batch norm, with sliders, the formula with the numbers, x̂ and y. */

import { explainBatchNormValue } from '../../calculator';
import { byId, fieldMessage, fillBody, h, num, replaceChildren, setNumber } from '../dom';
import { EXPLORER_FIELDS, type ExplorerField } from '../fields';
import { fmt, parseScalar, inPageNotation } from '../format';
import type { Section, SectionContext } from './context';

function sliderValue(field: ExplorerField, value: number): string {
  if (field.log) return value > 0 ? String(Math.log10(value)) : String(field.min);
  return String(value);
}

/** The eps slider moves through round values: 1e-5, 2e-5, ... */
function fromLogSlider(position: number): string {
  return String(Number((10 ** position).toPrecision(2)));
}

export function explorerSection(ctx: SectionContext): Section {
  const inputs = new Map(EXPLORER_FIELDS.map((f) => [f.key, byId<HTMLInputElement>(`ex-${f.key}`)]));
  const sliders = new Map(EXPLORER_FIELDS.map((f) => [f.key, byId<HTMLInputElement>(`ex-${f.key}-range`)]));
  const fused = byId<HTMLInputElement>('ex-fused');
  const formula = byId('ex-formula');
  const xhat = byId('ex-xhat');
  const y = byId('ex-y');
  const steps = byId<HTMLTableElement>('ex-steps');
  const warnings = byId('ex-warnings');

  const syncSlider = (field: ExplorerField, text: string): void => {
    const parsed = parseScalar(text, field.plain);
    const slider = sliders.get(field.key)!;
    if (parsed.ok && Number.isFinite(parsed.value)) slider.value = sliderValue(field, parsed.value);
    slider.setAttribute('aria-valuetext', `${field.plain} = ${text.trim() || 'empty'}`);
  };

  for (const field of EXPLORER_FIELDS) {
    const input = inputs.get(field.key)!;
    const slider = sliders.get(field.key)!;
    input.addEventListener('input', () => {
      ctx.state().explorer[field.key] = input.value;
      syncSlider(field, input.value);
      ctx.changed();
      render();
    });
    slider.addEventListener('input', () => {
      const text = field.log ? fromLogSlider(Number(slider.value)) : String(Number(slider.value));
      input.value = text;
      ctx.state().explorer[field.key] = text;
      slider.setAttribute('aria-valuetext', `${field.plain} = ${text}`);
      ctx.changed();
      render();
    });
  }
  fused.addEventListener('change', () => {
    ctx.state().explorer.fused = fused.checked;
    ctx.changed();
    render();
  });

  function load(): void {
    const state = ctx.state().explorer;
    for (const field of EXPLORER_FIELDS) {
      inputs.get(field.key)!.value = state[field.key];
      syncSlider(field, state[field.key]);
    }
    fused.checked = state.fused;
  }

  function render(): void {
    const state = ctx.state().explorer;
    const values: Partial<Record<ExplorerField['key'], number>> = {};
    let valid = true;
    for (const field of EXPLORER_FIELDS) {
      const parsed = parseScalar(state[field.key], field.plain);
      fieldMessage(inputs.get(field.key)!, parsed.ok ? null : parsed.message);
      if (parsed.ok) values[field.key] = parsed.value;
      else valid = false;
    }
    if (!valid) {
      setNumber(xhat, null);
      setNumber(y, null);
      replaceChildren(formula, h('span', { class: 'muted' }, 'Enter a number in every field.'));
      fillBody(steps, []);
      replaceChildren(warnings);
      return;
    }
    const v = values as Record<ExplorerField['key'], number>;
    const result = explainBatchNormValue(
      { x: v.x, muB: v.mu, sigma2B: v.variance, eps: v.eps, gamma: v.gamma, beta: v.beta },
      { form: state.fused ? 'fused' : 'textbook' },
    );
    setNumber(xhat, result.xHat);
    setNumber(y, result.y);
    const n = (value: number): string => (value < 0 ? `(${fmt(value)})` : fmt(value));
    const line = (lhs: string, rhs: string, id?: string): HTMLElement =>
      h('div', { class: 'formula-line', ...(id ? { id } : {}) }, h('span', { class: 'lhs' }, lhs), h('span', { class: 'rhs' }, rhs));
    replaceChildren(
      formula,
      line('y =', 'γ · (x − μ_B) / √(σ²_B + ε) + β'),
      line('=', `${n(v.gamma)} · (${fmt(v.x)} − ${n(v.mu)}) / √(${fmt(v.variance)} + ${fmt(v.eps)}) + ${n(v.beta)}`, 'ex-substituted'),
      line('=', `${n(v.gamma)} · ${n(result.xMinusMu)} / √${fmt(result.varPlusEps)} + ${n(v.beta)}`),
      line('=', `${n(v.gamma)} · ${n(result.xMinusMu)} / ${fmt(result.sigma)} + ${n(v.beta)}`),
      line('=', `${n(v.gamma)} · ${n(result.xHat)} + ${n(v.beta)}`),
      line('=', fmt(result.y)),
    );
    fillBody(steps, [
      [h('th', { scope: 'row' }, 'x − μ_B'), num(result.xMinusMu, 'td', { 'data-key': 'xMinusMu' })],
      [h('th', { scope: 'row' }, 'σ²_B + ε'), num(result.varPlusEps, 'td', { 'data-key': 'varPlusEps' })],
      [h('th', { scope: 'row' }, 'σ = √(σ²_B + ε)'), num(result.sigma, 'td', { 'data-key': 'sigma' })],
      [h('th', { scope: 'row' }, '1 / σ'), num(result.invStd, 'td', { 'data-key': 'invStd' })],
      [h('th', { scope: 'row' }, 'x̂ = (x − μ_B) / σ'), num(result.xHat, 'td', { 'data-key': 'xHat' })],
      [h('th', { scope: 'row' }, 'y = γ · x̂ + β'), num(result.y, 'td', { 'data-key': 'y' })],
    ]);
    replaceChildren(warnings, ...result.warnings.map((w) => h('li', {}, inPageNotation(w))));
  }

  return { load, render };
}
