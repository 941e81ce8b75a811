/**
 * The calculator panel's state and its prefill: plain JSON, shared by the webview (which keeps it
 * with setState and restores it with getState) and the extension (which validates what the webview
 * reports and what a serialized panel hands back). No DOM, no vscode API.
 *
 * Form fields are kept as the text the user typed (so a half-typed "1e-" survives a reload); the
 * webview parses them when it computes.
 */

export const FRAMEWORKS = ['pytorch', 'keras', 'flax', 'tfjs'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const FRAMEWORK_NAMES: Readonly<Record<Framework, string>> = {
  pytorch: 'PyTorch',
  keras: 'Keras',
  flax: 'Flax',
  tfjs: 'TensorFlow.js',
};

/** Each framework's BatchNorm defaults (torch.nn.BatchNorm*, keras.layers.BatchNormalization, flax.linen.BatchNorm, tf.layers.batchNormalization). */
export const FRAMEWORK_DEFAULTS: Readonly<Record<Framework, { readonly eps: number; readonly momentum: number }>> = {
  pytorch: { eps: 1e-5, momentum: 0.1 },
  keras: { eps: 1e-3, momentum: 0.99 },
  flax: { eps: 1e-5, momentum: 0.99 },
  tfjs: { eps: 1e-3, momentum: 0.99 },
};

/** PyTorch's momentum is the new batch's weight; the others' is the old value's weight. */
export const FRAMEWORK_CONVENTION: Readonly<Record<Framework, 'pytorch' | 'keras'>> = {
  pytorch: 'pytorch',
  keras: 'keras',
  flax: 'keras',
  tfjs: 'keras',
};

export const TABS = ['explorer', 'batch', 'running', 'batchsize', 'compare', 'convert'] as const;
export type TabId = (typeof TABS)[number];

/** What a BatchNorm call (hover, code lens, command argument) prefills. */
export interface Prefill {
  readonly framework?: Framework;
  /** finite, >= 0 */
  readonly eps?: number;
  /** in the framework's own convention, in [0, 1]; null = PyTorch's cumulative average (momentum=None) */
  readonly momentum?: number | null;
  /** where it came from, e.g. "nn.BatchNorm2d at model.py:12" (plain text, at most 200 characters) */
  readonly label?: string;
  /** the batch size the code trains with (BN403): opens the Batch size section with it; an integer from 1 to 65536 */
  readonly batchSize?: number;
}

export interface ExplorerState {
  x: string;
  mu: string;
  variance: string;
  eps: string;
  gamma: string;
  beta: string;
  /** PyTorch's fused kernel instead of the textbook order of operations */
  fused: boolean;
}

export interface BatchState {
  text: string;
  /** "N, C, ..." or blank for the shape as written */
  shape: string;
  eps: string;
  /** per-channel, comma-separated; blank = 1 / 0 */
  gamma: string;
  beta: string;
}

export interface RunningState {
  /** a number, or "None" for PyTorch's cumulative average */
  momentum: string;
  steps: string;
  source: 'random' | 'custom';
  batchSize: string;
  mean: string;
  std: string;
  seed: number;
  /** one batch per line */
  custom: string;
}

export interface BatchSizeState {
  distribution: 'normal' | 'uniform';
  mean: string;
  std: string;
  low: string;
  high: string;
  channels: string;
  /** GroupNorm's group count, for the comparison */
  groups: string;
  /** values per sample and channel (H × W); 1 for BatchNorm1d on (N, C) */
  spatial: string;
  /** comma-separated */
  batchSizes: string;
  /** the batch size the code uses (highlighted); blank = none */
  yours: string;
}

export interface CompareState {
  text: string;
  shape: string;
  groups: string;
  eps: string;
}

export interface ConvertState {
  /** in the convention of the page's framework */
  momentum: string;
  eps: string;
}

export interface CalculatorState {
  v: 1;
  tab: TabId;
  framework: Framework;
  /** the last prefill applied, shown as a banner; null when none */
  prefill: Prefill | null;
  explorer: ExplorerState;
  batch: BatchState;
  running: RunningState;
  batchsize: BatchSizeState;
  compare: CompareState;
  convert: ConvertState;
}

export const EXAMPLE_TENSORS = {
  matrix: { label: '(4, 3): 4 samples, 3 features', shape: '', text: '[[1.0, 2.0, -1.0],\n [2.0, 4.0, 0.5],\n [3.0, 0.0, 1.5],\n [6.0, 2.0, -1.0]]' },
  sequence: { label: '(2, 2, 3): 2 sequences, 2 channels, length 3', shape: '', text: '[[[0.5, 1.5, 2.5], [10, 12, 14]],\n [[1.0, -0.5, 3.0], [11, 9, 13]]]' },
  images: {
    label: '(2, 3, 2, 2): 2 images, 3 channels, 2×2 pixels',
    shape: '2, 3, 2, 2',
    text: '# one row per image and channel (2 × 3 rows of 2×2 = 4 pixels)\n0.1, 0.4, 0.3, 0.8\n5, 7, 6, 4\n-1, -2, 0, 1\n0.2, 0.9, 0.5, 0.6\n6, 5, 8, 7\n2, 0, -1, 1',
  },
} as const;
export type ExampleTensor = keyof typeof EXAMPLE_TENSORS;

export const COMPARE_EXAMPLE = {
  shape: '2, 4, 2, 2',
  text:
    '# x of shape (N=2, C=4, H=2, W=2): one row per sample and channel\n' +
    '1, 2, 3, 4\n10, 12, 14, 16\n-1, 0, 1, 2\n0.5, 0.5, 1.5, 1.5\n' +
    '2, 3, 5, 6\n20, 22, 18, 24\n-3, -1, 0, 1\n1, 2, 1, 2',
};

export function defaultState(): CalculatorState {
  return {
    v: 1,
    tab: 'explorer',
    framework: 'pytorch',
    prefill: null,
    explorer: { x: '2', mu: '0.5', variance: '2.25', eps: '1e-5', gamma: '1', beta: '0', fused: false },
    batch: { text: EXAMPLE_TENSORS.matrix.text, shape: '', eps: '1e-5', gamma: '', beta: '' },
    running: {
      momentum: '0.99',
      steps: '100',
      source: 'random',
      batchSize: '16',
      mean: '2',
      std: '1.5',
      seed: 1,
      custom: '# one batch per line (one channel)\n1, 2, 3, 4\n2, 3, 4, 5\n0, 1, 2, 3\n5, 6, 7, 8\n2, 2, 3, 3',
    },
    batchsize: {
      distribution: 'normal',
      mean: '0',
      std: '1',
      low: '0',
      high: '1',
      // 8 channels per group: GroupNorm still has 8 values per sample at one value per channel.
      channels: '64',
      groups: '8',
      spatial: '1',
      batchSizes: '1, 2, 4, 8, 16, 32, 64, 128, 256',
      yours: '',
    },
    compare: { text: COMPARE_EXAMPLE.text, shape: COMPARE_EXAMPLE.shape, groups: '2', eps: '1e-5' },
    convert: { momentum: '0.1', eps: '1e-5' },
  };
}

// -------------------------------------------------------------------------------------------------
// Validation. Everything that crosses a trust boundary (a command argument, a message, a
// serialized state, getState()) goes through these.

const MAX_TEXT = 100_000;
const MAX_FIELD = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isFramework(value: unknown): value is Framework {
  return typeof value === 'string' && (FRAMEWORKS as readonly string[]).includes(value);
}

export function isTab(value: unknown): value is TabId {
  return typeof value === 'string' && (TABS as readonly string[]).includes(value);
}

function isEps(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

export const MAX_PREFILL_BATCH_SIZE = 65536;

function isBatchSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_PREFILL_BATCH_SIZE;
}

function isMomentum(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

/**
 * A prefill from untrusted input (a command argument from a command URI, a message): keeps the
 * valid fields and drops the rest. Undefined when `value` is not an object or has no valid field.
 * momentum null (cumulative average) is PyTorch-only and is dropped for the other frameworks.
 */
export function parsePrefill(value: unknown): Prefill | undefined {
  if (!isRecord(value)) return undefined;
  const out: { framework?: Framework; eps?: number; momentum?: number | null; label?: string; batchSize?: number } = {};
  if (isFramework(value.framework)) out.framework = value.framework;
  if (isEps(value.eps)) out.eps = value.eps;
  if (isMomentum(value.momentum)) out.momentum = value.momentum;
  else if (value.momentum === null && (out.framework ?? 'pytorch') === 'pytorch') out.momentum = null;
  if (typeof value.label === 'string' && value.label.trim() !== '') out.label = value.label.trim().slice(0, MAX_FIELD);
  if (isBatchSize(value.batchSize)) out.batchSize = value.batchSize;
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * A number as the text a user would type: 0.001, 1e-5, 0.99. Small and large values in the same
 * exponent notation the tables and code use (1e-5, not 0.00001), so one screen shows one form.
 */
export function numberText(value: number): string {
  const magnitude = Math.abs(value);
  if (value !== 0 && Number.isFinite(value) && (magnitude < 1e-4 || magnitude >= 1e7)) return value.toExponential().replace('e+', 'e');
  return String(value);
}

/**
 * The state after a prefill: the framework, and eps and momentum where given (a hover passes a
 * layer's effective values, defaults included; a LayerNorm link passes no momentum).
 */
export function applyPrefill(state: CalculatorState, prefill: Prefill): CalculatorState {
  const next = cloneState(state);
  const framework = prefill.framework ?? state.framework;
  const { eps, momentum } = prefill;
  next.framework = framework;
  if (eps !== undefined) {
    const text = numberText(eps);
    next.explorer.eps = text;
    next.batch.eps = text;
    next.compare.eps = text;
    next.convert.eps = text;
  }
  if (momentum !== undefined) {
    const text = momentum === null ? 'None' : numberText(momentum);
    next.running.momentum = text;
    next.convert.momentum = text;
  }
  if (prefill.batchSize !== undefined) {
    // A batch size (from BN403) is why the panel opened: show it in the Batch size section.
    next.batchsize.yours = String(prefill.batchSize);
    next.tab = 'batchsize';
  }
  next.prefill = {
    framework,
    ...(eps !== undefined ? { eps } : {}),
    ...(momentum !== undefined ? { momentum } : {}),
    ...(prefill.label !== undefined ? { label: prefill.label } : {}),
    ...(prefill.batchSize !== undefined ? { batchSize: prefill.batchSize } : {}),
  };
  return next;
}

export function cloneState(state: CalculatorState): CalculatorState {
  return JSON.parse(JSON.stringify(state)) as CalculatorState;
}

function text(value: unknown, fallback: string, max = MAX_FIELD): string {
  return typeof value === 'string' && value.length <= max ? value : fallback;
}

function section<T extends object>(value: unknown, fallback: T, read: (v: Record<string, unknown>, d: T) => T): T {
  return isRecord(value) ? read(value, fallback) : fallback;
}

/**
 * Any value (getState(), a serialized panel's state, a 'state' message) as a valid state: each
 * field is kept when it has the right type and size, else replaced by its default. Never throws.
 */
export function sanitizeState(value: unknown): CalculatorState {
  const d = defaultState();
  if (!isRecord(value)) return d;
  const prefill = value.prefill === null || value.prefill === undefined ? null : (parsePrefill(value.prefill) ?? null);
  return {
    v: 1,
    tab: isTab(value.tab) ? value.tab : d.tab,
    framework: isFramework(value.framework) ? value.framework : d.framework,
    prefill,
    explorer: section(value.explorer, d.explorer, (v, e) => ({
      x: text(v.x, e.x),
      mu: text(v.mu, e.mu),
      variance: text(v.variance, e.variance),
      eps: text(v.eps, e.eps),
      gamma: text(v.gamma, e.gamma),
      beta: text(v.beta, e.beta),
      fused: typeof v.fused === 'boolean' ? v.fused : e.fused,
    })),
    batch: section(value.batch, d.batch, (v, b) => ({
      text: text(v.text, b.text, MAX_TEXT),
      shape: text(v.shape, b.shape),
      eps: text(v.eps, b.eps),
      gamma: text(v.gamma, b.gamma, MAX_TEXT),
      beta: text(v.beta, b.beta, MAX_TEXT),
    })),
    running: section(value.running, d.running, (v, r) => ({
      momentum: text(v.momentum, r.momentum),
      steps: text(v.steps, r.steps),
      source: v.source === 'random' || v.source === 'custom' ? v.source : r.source,
      batchSize: text(v.batchSize, r.batchSize),
      mean: text(v.mean, r.mean),
      std: text(v.std, r.std),
      seed: typeof v.seed === 'number' && Number.isSafeInteger(v.seed) && v.seed >= 0 ? v.seed : r.seed,
      custom: text(v.custom, r.custom, MAX_TEXT),
    })),
    batchsize: section(value.batchsize, d.batchsize, (v, b) => ({
      distribution: v.distribution === 'normal' || v.distribution === 'uniform' ? v.distribution : b.distribution,
      mean: text(v.mean, b.mean),
      std: text(v.std, b.std),
      low: text(v.low, b.low),
      high: text(v.high, b.high),
      channels: text(v.channels, b.channels),
      groups: text(v.groups, b.groups),
      spatial: text(v.spatial, b.spatial),
      batchSizes: text(v.batchSizes, b.batchSizes),
      yours: text(v.yours, b.yours),
    })),
    compare: section(value.compare, d.compare, (v, c) => ({
      text: text(v.text, c.text, MAX_TEXT),
      shape: text(v.shape, c.shape),
      groups: text(v.groups, c.groups),
      eps: text(v.eps, c.eps),
    })),
    convert: section(value.convert, d.convert, (v, c) => ({
      momentum: text(v.momentum, c.momentum),
      eps: text(v.eps, c.eps),
    })),
  };
}
