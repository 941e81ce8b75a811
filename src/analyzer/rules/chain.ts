/** Which ops keep a tensor's channel count and rank, shared by the shape rules (BN401, BN402). */
import { keras1Keywords } from '../frameworks/keras';
import { tfjsChannelLayout, tfjsInputShapeKeys } from '../frameworks/tfjs';
import type { OpKind } from '../frameworks/types';
import { argumentFor, type LayerConstruction, type LayerEdge, type ResolvedArgument } from '../model/model';
import type { Fix } from '../types';

const TFJS_AXIS = tfjsChannelLayout.axisParam;
const TFJS_FORMAT = tfjsChannelLayout.dataFormat;

/** Elementwise or spatial ops: channel count and rank stay as they were. */
const SHAPE_PRESERVING: ReadonlySet<OpKind> = new Set(['identity', 'pool', 'add', 'scale', 'activation', 'dropout', 'zero-pad', 'pad', 'normalization']);

export function preservesShape(edge: LayerEdge): boolean {
  return edge.through.every((op) => SHAPE_PRESERVING.has(op.kind));
}

/**
 * TF.js (Keras layout): the rank of the tensor a layer produces and the axis holding its channels,
 * when both are known. A conv's rank is fixed; a dense layer's only when its `inputShape`,
 * `batchInputShape` or `inputDim` says so (dense keeps its input's rank).
 */
export function channelLayout(layer: LayerConstruction): { rank: number; channelAxis: number; dims: readonly string[]; channelsFirst: boolean } | undefined {
  const spec = layer.spec;
  let rank: number | undefined;
  let channelsFirst = false;
  const format = TFJS_FORMAT;
  if (spec.role === 'conv' && spec.spatialRank !== undefined) {
    const dataFormat = spec.params.some((p) => p.name === format.param) ? argumentFor(layer, format.param).value : format.channelsLast;
    if (dataFormat !== format.channelsLast && dataFormat !== format.channelsFirst) return undefined;
    rank = spec.spatialRank + 2;
    channelsFirst = dataFormat === format.channelsFirst;
  } else if (spec.role === 'linear') {
    const explicit = (name: string) => layer.args.find((a) => a.keyword === name)?.value;
    const inputShape = explicit(tfjsInputShapeKeys.inputShape);
    const batchInputShape = explicit(tfjsInputShapeKeys.batchInputShape);
    if (Array.isArray(inputShape)) rank = inputShape.length + 1;
    else if (Array.isArray(batchInputShape)) rank = batchInputShape.length;
    else if (typeof explicit(tfjsInputShapeKeys.inputDim) === 'number') rank = 2;
  }
  if (rank === undefined || rank < 2) return undefined;
  const spatial = rank === 2 ? [] : rank === 3 ? ['steps'] : rank === 4 ? ['height', 'width'] : ['depth', 'height', 'width'];
  const dims = channelsFirst ? ['batch', 'channels', ...spatial] : ['batch', ...spatial, rank === 2 ? 'units' : 'channels'];
  return { rank, channelAxis: channelsFirst ? 1 : rank - 1, dims, channelsFirst };
}

export interface TfjsBatchNormAxis {
  readonly layout: NonNullable<ReturnType<typeof channelLayout>>;
  readonly axis: ResolvedArgument & { readonly value: number };
  /** `axis` counted from the front (may lie outside the tensor). */
  readonly index: number;
  /** The channel axis as TF.js users write it: 1 (channelsFirst) or -1. */
  readonly channelAxisText: number;
  /** Sets `axis` to the channel axis; none when the axis came from a shared config. */
  readonly fixes: readonly Fix[];
}

/**
 * For a TF.js BatchNorm fed by a layer of known layout through shape-preserving ops: the axis it
 * normalizes, resolved against that layout (shared by BN401's wrong-axis and BN402's out-of-range checks).
 */
export function tfjsBatchNormAxis(edge: LayerEdge): TfjsBatchNormAxis | undefined {
  const { from, to } = edge;
  if (to.spec.framework !== 'tfjs' || from.spec.framework !== 'tfjs' || to.spec.role !== 'batchnorm') return undefined;
  const layout = channelLayout(from);
  const axis = argumentFor(to, TFJS_AXIS);
  if (!layout || typeof axis.value !== 'number' || !Number.isInteger(axis.value) || !preservesShape(edge)) return undefined;
  const channelAxisText = layout.channelsFirst ? 1 : -1;
  const fixes: Fix[] =
    axis.argument?.fromPartial !== undefined
      ? []
      : [{ title: `Set axis to ${channelAxisText}`, applicability: 'unsafe', edits: to.editor.setArgument(TFJS_AXIS, channelAxisText) }];
  return { layout, axis: axis as TfjsBatchNormAxis['axis'], index: axis.value < 0 ? axis.value + layout.rank : axis.value, channelAxisText, fixes };
}

/**
 * Whether the file passes Keras 1 keywords (`border_mode`, `mode=0`, ...) to a Keras layer: it
 * targets Keras 1/2.0, whose keywords differ (`bias` for `use_bias`).
 */
export function usesKeras1(model: {
  readonly layers: readonly Pick<LayerConstruction, 'spec' | 'args'>[];
  readonly partials: readonly Pick<LayerConstruction, 'spec' | 'args'>[];
}): boolean {
  return [...model.layers, ...model.partials].some(
    (h) => h.spec.framework === 'keras' && h.args.some((a) => a.keyword !== undefined && keras1Keywords.has(a.keyword)),
  );
}
