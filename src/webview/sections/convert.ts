/** Converter: the same momentum and epsilon in PyTorch, Keras, Flax and TF.js. */

import { convertMomentum, describeMomentum } from '../../calculator';
import { byId, fieldMessage, fillBody, h, num, replaceChildren, setStatus } from '../dom';
import { fmt, parseFinite, parseMomentum, pyFloat } from '../format';
import { FRAMEWORK_CONVENTION, FRAMEWORK_DEFAULTS, FRAMEWORK_NAMES, FRAMEWORKS, isFramework, numberText, type Framework } from '../state';
import type { Section, SectionContext } from './context';

/** The layer's code in a framework; momentum null = PyTorch's None. */
export function layerCode(framework: Framework, momentum: number | null, eps: number): string {
  const m = momentum === null ? 'None' : pyFloat(momentum);
  switch (framework) {
    case 'pytorch':
      return `torch.nn.BatchNorm2d(num_features, eps=${pyFloat(eps)}, momentum=${m})`;
    case 'keras':
      return `keras.layers.BatchNormalization(momentum=${m}, epsilon=${pyFloat(eps)})`;
    case 'flax':
      return `flax.linen.BatchNorm(use_running_average=not train, momentum=${m}, epsilon=${pyFloat(eps)})`;
    case 'tfjs':
      return `tf.layers.batchNormalization({momentum: ${momentum === null ? 'null' : numberText(momentum)}, epsilon: ${numberText(eps)}})`;
  }
}

/** The momentum in `to`'s convention; null when there is no equivalent (None outside PyTorch). */
export function equivalentMomentum(momentum: number | null, from: Framework, to: Framework): number | null | undefined {
  if (momentum === null) return to === 'pytorch' ? null : undefined;
  return convertMomentum(momentum, FRAMEWORK_CONVENTION[from], FRAMEWORK_CONVENTION[to]);
}

export function convertSection(ctx: SectionContext): Section {
  const momentum = byId<HTMLInputElement>('conv-momentum');
  const eps = byId<HTMLInputElement>('conv-eps');
  const defaults = byId<HTMLButtonElement>('conv-defaults');
  const fromSelect = byId<HTMLSelectElement>('conv-from');
  const status = byId('conv-status');
  const table = byId<HTMLTableElement>('conv-table');
  const facts = byId('conv-facts');

  fromSelect.addEventListener('change', () => {
    if (!isFramework(fromSelect.value)) return;
    ctx.setFramework(fromSelect.value);
  });
  momentum.addEventListener('input', () => {
    ctx.state().convert.momentum = momentum.value;
    ctx.changed();
    render();
  });
  eps.addEventListener('input', () => {
    ctx.state().convert.eps = eps.value;
    ctx.changed();
    render();
  });
  defaults.addEventListener('click', () => {
    const d = FRAMEWORK_DEFAULTS[ctx.state().framework];
    Object.assign(ctx.state().convert, { momentum: numberText(d.momentum), eps: numberText(d.eps) });
    load();
    ctx.changed();
    render();
  });

  function load(): void {
    momentum.value = ctx.state().convert.momentum;
    eps.value = ctx.state().convert.eps;
  }

  function render(): void {
    const from = ctx.state().framework;
    fromSelect.value = from;
    defaults.textContent = `Use ${FRAMEWORK_NAMES[from]}'s defaults`;
    const m = parseMomentum(ctx.state().convert.momentum);
    const noneElsewhere = m.ok && m.value === null && from !== 'pytorch';
    fieldMessage(momentum, !m.ok ? m.message : noneElsewhere ? `momentum=None exists only in PyTorch, not in ${FRAMEWORK_NAMES[from]}` : null);
    const e = parseFinite(ctx.state().convert.eps, 'ε', { min: 0 });
    fieldMessage(eps, e.ok ? null : e.message);
    if (!m.ok || !e.ok || noneElsewhere) {
      setStatus(status, 'Fix the highlighted field.', true);
      fillBody(table, []);
      replaceChildren(facts);
      return;
    }
    const mv = m.value;
    const notes: string[] = [];
    // The linter's thresholds: BN301 (PyTorch, 0.5 ≤ m ≤ 1), BN302 (Keras/Flax/TF.js, 0 ≤ m ≤ 0.5), BN304 (ε ≤ 0 or ε ≥ 0.1).
    if (mv !== null && FRAMEWORK_CONVENTION[from] === 'pytorch' && mv >= 0.5 && mv <= 1) {
      notes.push(
        `momentum=${fmt(mv)} in PyTorch gives each new batch ${fmt(mv * 100, 4)}% of the weight, so the running statistics follow the last batch: this looks like a Keras-convention value (BN301). Keras' ${fmt(mv)} is PyTorch's ${fmt(convertMomentum(mv, 'keras', 'pytorch'))}.`,
      );
    }
    if (mv !== null && FRAMEWORK_CONVENTION[from] === 'keras' && mv >= 0 && mv <= 0.5) {
      notes.push(
        `momentum=${fmt(mv)} in ${FRAMEWORK_NAMES[from]} keeps only ${fmt(mv * 100, 4)}% of the old value, so the running statistics follow the last batch: this looks like a PyTorch-convention value (BN302). PyTorch's ${fmt(mv)} is ${FRAMEWORK_NAMES[from]}'s ${fmt(convertMomentum(mv, 'pytorch', 'keras'))}.`,
      );
    }
    if (e.value <= 0)
      notes.push(
        `ε = ${fmt(e.value)}: a channel whose values are all equal divides by √(0 + ε), giving ∞ or NaN (BN304). Use a small positive value such as 1e-5.`,
      );
    else if (e.value >= 0.1)
      notes.push(
        `ε = ${fmt(e.value)} is unusually large: it is added to every channel's variance, so channels with a variance below about ${fmt(e.value)} are shrunk instead of normalized (BN304).`,
      );
    setStatus(status, notes.join(' '), notes.length > 0);
    status.classList.toggle('warning', notes.length > 0);
    status.classList.remove('error');

    fillBody(
      table,
      FRAMEWORKS.map((to) => {
        const equivalent = equivalentMomentum(mv, from, to);
        const code = equivalent === undefined ? null : layerCode(to, equivalent, e.value);
        const copy = h(
          'button',
          { type: 'button', class: 'secondary small', 'aria-label': `Copy the ${FRAMEWORK_NAMES[to]} code`, disabled: code === null, 'data-framework': to },
          'Copy',
        );
        if (code)
          copy.addEventListener('click', () => {
            void ctx.host.copy(code);
          });
        return [
          h('th', { scope: 'row' }, FRAMEWORK_NAMES[to], to === from ? h('span', { class: 'badge' }, 'from') : null),
          equivalent === undefined
            ? h('td', { class: 'muted' }, 'no equivalent')
            : equivalent === null
              ? h('td', { 'data-key': 'momentum', 'data-value': 'None', 'data-label': 'momentum' }, 'None')
              : num(equivalent, 'td', { 'data-key': 'momentum', 'data-label': 'momentum' }),
          num(e.value, 'td', { 'data-key': 'eps', 'data-label': 'ε' }),
          h(
            'td',
            { class: 'code' },
            code
              ? h('code', { 'data-framework': to }, code)
              : h('span', { class: 'muted' }, 'a cumulative average has no equivalent; a momentum close to 1 (Keras) averages over many batches'),
          ),
          h('td', {}, copy),
        ];
      }),
    );

    if (mv === null) {
      replaceChildren(facts, h('dt', {}, 'Averaging'), h('dd', {}, 'cumulative: batch k gets weight 1/k, so every batch counts equally'));
      return;
    }
    const d = describeMomentum(mv, FRAMEWORK_CONVENTION[from]);
    replaceChildren(
      facts,
      h('dt', {}, 'Weight of each new batch'),
      h('dd', {}, num(d.newBatchWeight)),
      h('dt', {}, 'Averaging window'),
      h('dd', {}, Number.isFinite(d.window) ? num(d.window) : '∞ (never moves)', ' batches'),
      h('dt', {}, 'Half-life'),
      h('dd', {}, Number.isFinite(d.halfLife) ? num(d.halfLife) : '∞', ' batches'),
      h('dt', {}, 'Variance fed to the running average'),
      h(
        'dd',
        {},
        'PyTorch and tf.keras with fused=True: unbiased (÷ n − 1); Keras 3, Flax, TF.js: biased (÷ n). With small batches the two running variances differ by n / (n − 1).',
      ),
    );
  }

  return { load, render };
}
