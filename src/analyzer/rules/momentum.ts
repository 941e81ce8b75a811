/** Momentum conventions, shared by BN301 and BN302 (and the extension's hover). */
import { boundNormalizationTracksStatistics } from '../frameworks/modeNames';
import type { LayerSpec, MomentumConvention } from '../frameworks/types';
import { formatNumber } from '../numbers';
import type { SemanticModel } from '../model/model';
import type { TextEdit, TextRange } from '../types';

/** PyTorch weights the new batch by m; Keras, TF.js and Flax weight the old value by m. */
export function weightOfNewBatch(momentum: number, convention: MomentumConvention): number {
  return convention === 'pytorch' ? momentum : 1 - momentum;
}

/** The same averaging expressed in the other convention. */
export function convertMomentum(momentum: number): number {
  return Number((1 - momentum).toPrecision(12));
}

/** Roughly how many recent batches the running statistics average over: 1 / (weight of the new batch). */
export function effectiveWindow(momentum: number, convention: MomentumConvention): number {
  const w = weightOfNewBatch(momentum, convention);
  return w > 0 ? 1 / w : Infinity;
}

export function updateRule(momentum: number, convention: MomentumConvention, stat = 'running'): string {
  const newWeight = weightOfNewBatch(momentum, convention);
  return `${stat} = ${formatNumber(1 - newWeight)}·${stat} + ${formatNumber(newWeight)}·batch`;
}

export function describeWindow(momentum: number, convention: MomentumConvention): string {
  const window = effectiveWindow(momentum, convention);
  if (!Number.isFinite(window)) return 'the statistics never change';
  const rounded = window < 10 ? formatNumber(Number(window.toPrecision(2))) : String(Math.round(window));
  return `about ${rounded} batch${rounded === '1' ? '' : 'es'}`;
}

/** One place a momentum is set: a layer call, a `partial(...)`, or a `bn.momentum = x` assignment. */
export interface MomentumSetting {
  readonly spec: LayerSpec;
  readonly convention: MomentumConvention;
  readonly value: number;
  readonly valueText: string;
  /** The finding's primary range: the call, the partial, or the assignment. */
  readonly range: TextRange;
  readonly argumentRange: TextRange;
  /** What a finding points at: the argument when it is written inside `range`, else (a spread config) the callee. */
  readonly focus: TextRange;
  /** Replaces the value with another number; undefined when the value comes from a caller (a parameter). */
  readonly replaceWith?: (value: number) => TextEdit[];
}

export function momentumSettings(model: SemanticModel): MomentumSetting[] {
  const settings: MomentumSetting[] = [];
  const add = (
    spec: LayerSpec,
    range: TextRange,
    callee: TextRange,
    args: readonly {
      param?: string;
      value?: unknown;
      valueText: string;
      valueRange: TextRange;
      range: TextRange;
      fromPartial?: TextRange;
      fromDict?: TextRange;
      viaParameter?: string;
    }[],
    replace: (v: number) => TextEdit[],
    opaque: boolean,
  ) => {
    if (!spec.momentum) return;
    const arg = [...args].reverse().find((a) => a.param === spec.momentum!.param);
    if (!arg || arg.fromPartial || typeof arg.value !== 'number') return;
    // A layer that keeps no running statistics (`InstanceNorm2d` by default, `track_running_stats=False`) never reads its momentum.
    if (!boundNormalizationTracksStatistics(spec, args, opaque)) return;
    settings.push({
      spec,
      convention: spec.momentum.convention,
      value: arg.value,
      valueText: arg.valueText,
      range,
      argumentRange: arg.range,
      focus: range.start <= arg.range.start && arg.range.end <= range.end ? arg.range : callee,
      // A value from a caller or from a `**config` dict (which may configure other layers) is not this call's to rewrite.
      replaceWith: arg.viaParameter || arg.fromDict ? undefined : replace,
    });
  };
  for (const layer of model.layers) {
    add(layer.spec, layer.range, layer.calleeRange, layer.args, (v) => layer.editor.setArgument(layer.spec.momentum!.param, v), layer.hasOpaqueArguments);
  }
  // A partial's later calls may still ask for running statistics.
  for (const partial of model.partials) {
    add(partial.spec, partial.range, partial.range, partial.args, (v) => partial.editor.setArgument(partial.spec.momentum!.param, v), true);
  }
  for (const assignment of model.attributeAssignments) {
    const spec = assignment.spec;
    if (!spec.momentum || assignment.attribute !== spec.momentum.param || typeof assignment.value !== 'number') continue;
    settings.push({
      spec,
      convention: spec.momentum.convention,
      value: assignment.value,
      valueText: assignment.valueText,
      range: assignment.range,
      argumentRange: assignment.valueRange,
      focus: assignment.valueRange,
      replaceWith: (v) => [{ range: assignment.valueRange, newText: formatNumber(v) }],
    });
  }
  return settings;
}
