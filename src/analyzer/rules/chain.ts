/** Which ops keep a tensor's channel count and rank, shared by the shape rules (BN401, BN402). */
import type { OpKind } from '../frameworks/types';
import type { LayerEdge } from '../model/model';

/** Elementwise or spatial ops: channel count and rank stay as they were. */
const SHAPE_PRESERVING: ReadonlySet<OpKind> = new Set(['identity', 'pool', 'add', 'activation', 'dropout', 'zero-pad', 'pad', 'normalization']);

export function preservesShape(edge: LayerEdge): boolean {
  return edge.through.every((op) => SHAPE_PRESERVING.has(op.kind));
}
