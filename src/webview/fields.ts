/** The Explorer's inputs: shared by the page markup (html.ts) and the script that drives it. */

import type { ExplorerState } from './state';

export interface ExplorerField {
  readonly key: Exclude<keyof ExplorerState, 'fused'>;
  /** HTML (trusted, constant) */
  readonly symbol: string;
  /** plain text, for accessible names and messages */
  readonly plain: string;
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** the slider moves log10 of the value (eps) */
  readonly log?: boolean;
}

export const EXPLORER_FIELDS: readonly ExplorerField[] = [
  { key: 'x', plain: 'x', symbol: '<var>x</var>', name: 'activation', min: -10, max: 10, step: 0.01 },
  { key: 'mu', plain: 'μ', symbol: '<var>μ</var><sub>B</sub>', name: 'batch mean', min: -10, max: 10, step: 0.01 },
  { key: 'variance', plain: 'σ²', symbol: '<var>σ</var><sup>2</sup><sub>B</sub>', name: 'batch variance', min: 0, max: 10, step: 0.01 },
  { key: 'eps', plain: 'ε', symbol: '<var>ε</var>', name: 'epsilon (log slider)', min: -8, max: 0, step: 0.1, log: true },
  { key: 'gamma', plain: 'γ', symbol: '<var>γ</var>', name: 'scale', min: -3, max: 3, step: 0.01 },
  { key: 'beta', plain: 'β', symbol: '<var>β</var>', name: 'shift', min: -3, max: 3, step: 0.01 },
];
