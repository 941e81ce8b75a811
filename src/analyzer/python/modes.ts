/**
 * Train/eval mode analysis for Python: which models exist, where they are called, and which modes
 * reach each call, following statements in order through branches, loops, `with` blocks, early
 * returns, `try`, decorators, and calls to functions of the same file (whose effect on the models
 * they are given is summarized once). The result is plain facts (model/modes.ts) for the rules.
 */
import type { LayerSpec } from '../frameworks/types';
import type {
  ExecutionContext,
  FrozenModelTrainCall,
  InitProbe,
  InsertionPoint,
  ModeFacts,
  ModelCall,
  ModelRef,
  ModeToken,
  TrainingStep,
} from '../model/modes';
import { NO_MODE_FACTS } from '../model/modes';
import { escapeRegExp, isNameCode, LineIndex, OccurrenceIndex } from '../text';
import type { TextRange } from '../types';
import { argumentListShape, pythonArgumentEditor } from './editor';
import type { PythonFrontEnd } from './frontend';
import { codeChildren, type SyntaxNode } from './parser';
import type { ClassInfo, Value } from './values';

/** Words that must appear for any mode fact to exist: the file is skipped otherwise. */
const MODE_MARKERS = ['.eval(', '.train(', 'no_grad', 'inference_mode', 'set_grad_enabled', 'backward(', '.step(', 'GradientTape', 'train_step', 'test_step', 'jit.', '.requires_grad = False', 'requires_grad_(False)', 'training=True', 'apply_gradients'];
// One alternation scans a text several times faster than a search per marker.
const MODE_MARKER_PATTERN = new RegExp(MODE_MARKERS.map(escapeRegExp).join('|'), 'g');
/** Calls that make the dummy tensors of shape probes (BN205): `zeros(`, `randn_like(`, ... */
const PROBE_MARKER_PATTERN = /\b(?:zeros|ones|randn?|empty)(?:_like)?\s*\(/g;
const ANY_PROBE_MARKER = new RegExp(PROBE_MARKER_PATTERN.source);
/** Plain words a probe needs, searched first: much faster than the pattern itself. */
const PROBE_WORDS = ['zeros', 'ones', 'rand', 'empty'];

const NO_GRAD_CONTEXTS = new Set(['torch.no_grad', 'torch.inference_mode', 'torch.autograd.no_grad', 'torch.autograd.grad_mode.no_grad']);
const GRAD_ENABLED_CONTEXTS = new Set(['torch.set_grad_enabled', 'torch.autograd.set_grad_enabled']);
const GRADIENT_TAPES = new Set(['tensorflow.GradientTape', 'tensorflow.autodiff.GradientTape']);
const JIT_EXPORTS = new Set(['torch.jit.trace', 'torch.jit.script', 'torch.jit.trace_module']);
const PROBE_TENSORS = new Set(['torch.zeros', 'torch.randn', 'torch.ones', 'torch.rand', 'torch.empty', 'torch.zeros_like', 'torch.randn_like', 'torch.ones_like', 'torch.rand_like']);
/** Methods whose use marks a value as a model (`.parameters()`, `.to(device)`, ...). */
const MODEL_METHODS = new Set(['eval', 'train', 'parameters', 'named_parameters', 'state_dict', 'load_state_dict', 'to', 'cuda', 'modules', 'named_modules']);
/** Parameter names that say "this is a model" even before it is used like one. */
const MODEL_PARAMETER_NAME = /^(model|net|network|classifier|encoder|decoder|backbone|generator|discriminator|student|teacher|policy|critic|actor)$|_(model|net)$|^(model|net)_/;
/** Words in a function name that make it inference code. */
const INFERENCE_WORDS = new Set(['evaluate', 'evaluation', 'eval', 'validate', 'validation', 'val', 'valid', 'test', 'predict', 'prediction', 'infer', 'inference']);
/** Statements whose blocks can hold definitions (`if TYPE_CHECKING:`, `try: ... except ImportError:`). */
const COMPOUND_STATEMENTS = new Set(['if_statement', 'try_statement', 'with_statement', 'block', 'else_clause', 'elif_clause', 'except_clause', 'finally_clause']);
/** Keras `Model` methods that run the model on a batch as `self(x)`. */
const KERAS_STEP_METHODS = new Set(['train_step', 'test_step', 'predict_step']);
/** Framework hooks that manage modes themselves (Lightning, Keras). */
const SELF_MANAGED_HOOKS = new Set(['validation_step', 'test_step', 'predict_step', 'validation_epoch_end', 'test_epoch_end', 'on_validation_epoch_end']);
/** Names of methods that put BatchNorm layers back in eval (deliberate BN freezing). */
const BN_FREEZE_NAME = /(^|_)(freeze|fix|set|keep)_?(bn|batch_?norms?|norms?)(_eval)?($|_)|^(bn|norm)_eval$|eval_bn/i;

type ModelFramework = 'pytorch' | 'keras';

interface ModelInfo {
  readonly framework: ModelFramework;
  readonly mayContainNormOrDropout: boolean;
}

/** What a function does to the models it receives (parameters and `self.X`), at every exit. */
type Effect = 'eval' | 'train' | 'none' | 'mixed';

interface FunctionSummary {
  readonly effects: ReadonlyMap<string, Effect>;
  readonly trains: boolean;
}

interface FunctionDef {
  readonly node: SyntaxNode;
  readonly name: string;
  /** The function's source text and span (read once: each read crosses into WebAssembly). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Parameters and decorators are read on first use: most functions are never walked. */
  readonly params: readonly string[];
  readonly decorators: readonly string[];
  readonly owner?: ClassDef;
}

interface ClassDef {
  readonly node: SyntaxNode;
  readonly name: string;
  readonly info?: ClassInfo;
  readonly framework?: ModelFramework;
  readonly methods: Map<string, FunctionDef>;
}

type State = Map<string, ModeToken[]>;

interface Walk {
  readonly fn?: FunctionDef;
  /** Facts are recorded only on the final pass, not while summarizing or iterating loops. */
  record: boolean;
  readonly contexts: ExecutionContext[];
  /** The innermost enclosing training loop. */
  trainingLoop?: TextRange;
  /** Model keys known in this function, with what they are. */
  readonly models: Map<string, ModelInfo>;
  /** Exit states reached through `return`. */
  readonly exits: State[];
  /** Names holding `model.training` (for save/restore of the mode). */
  readonly savedModes: Map<string, string>;
}

interface CallSiteRecord {
  readonly callee: FunctionDef;
  readonly calleeKey: string;
  readonly tokens: readonly ModeToken[];
  readonly caller?: FunctionDef;
  readonly callerKey: string;
}

const CALLER: ModeToken = { mode: 'caller' };
const UNKNOWN_MODE: ModeToken = { mode: 'unknown' };

const rangeOf = (n: SyntaxNode): TextRange => ({ start: n.startIndex, end: n.endIndex });
const contains = (outer: TextRange, inner: TextRange) => inner.start >= outer.start && inner.end <= outer.end;

function tokenKey(t: ModeToken): string {
  return `${t.mode}@${t.origin?.start ?? ''}`;
}

function union(a: readonly ModeToken[], b: readonly ModeToken[]): ModeToken[] {
  const out = [...a];
  for (const t of b) if (!out.some((o) => tokenKey(o) === tokenKey(t))) out.push(t);
  return out;
}

/** Joins branch states; a key a branch never set holds whatever the caller left. */
function joinStates(states: readonly State[]): State {
  const keys = new Set<string>();
  for (const s of states) for (const k of s.keys()) keys.add(k);
  const out: State = new Map();
  for (const key of keys) {
    let tokens: ModeToken[] = [];
    for (const s of states) tokens = union(tokens, s.get(key) ?? [CALLER]);
    out.set(key, tokens);
  }
  return out;
}

/** `model.module` (DataParallel / DDP) is the same model for mode purposes. */
function normalizeKey(text: string): string {
  return text.replace(/\s+/g, '').replace(/(\.module)+$/, '');
}

/**
 * Whether a frozen part and a `.train()` receiver are the same module or one contains the other;
 * `self.backbone` inside the class matches `detector.backbone` outside it.
 */
function sameModulePath(frozen: string, trained: string): boolean {
  const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  if (related(frozen, trained)) return true;
  if (!frozen.startsWith('self.')) return false;
  const attribute = frozen.slice('self.'.length);
  const rest = trained.split('.').slice(1).join('.');
  return rest !== '' && related(attribute, rest);
}

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\d]+/)
    .filter(Boolean);
}

const isSpaceCode = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;

/** The identifier that ends right before `offset`, whitespace allowed in between (`f (`), or ''. */
function wordBefore(text: string, offset: number): string {
  let end = offset;
  while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isNameCode(text.charCodeAt(start - 1))) start--;
  // An identifier cannot start with a digit: `2x(` names `x`, like the regex it replaces.
  while (start < end && text.charCodeAt(start) <= 57) start++;
  return text.slice(start, end);
}

export class PythonModeAnalysis {
  /** Named children, comments left out. */
  private children(node: SyntaxNode | null | undefined): readonly SyntaxNode[] {
    return codeChildren(node, this.text);
  }

  private readonly lines: LineIndex;
  private readonly classes = new Map<string, ClassDef>();
  private readonly functions = new Map<number, FunctionDef>();
  private readonly topLevelFunctions = new Map<string, FunctionDef>();
  private readonly summaries = new Map<number, FunctionSummary>();
  private readonly summarizing = new Set<number>();
  private readonly callSites: CallSiteRecord[] = [];
  private readonly modelCalls = new Map<number, ModelCall & { callerResolution?: { fn: FunctionDef; key: string } }>();
  private readonly trainingSteps = new Map<string, TrainingStep>();
  private readonly initProbes: InitProbe[] = [];
  private readonly trainCalls: { range: TextRange; key: string; after: InsertionPoint }[] = [];
  private readonly frozenRoots = new Set<string>();
  private batchNormKeptInEval = false;
  private readonly moduleModels = new Map<string, ModelInfo>();
  private readonly containsCache = new Map<ClassDef, boolean>();

  /**
   * Where `(`, `.train(`, `requires_grad_(`, the mode markers and `def`/`class` occur: span tests by
   * binary search, without copying node text out of the parser or rescanning nested functions.
   */
  private readonly parens: OccurrenceIndex;
  private readonly trainCallsText: OccurrenceIndex;
  private readonly freezeCallsText: OccurrenceIndex;
  private readonly definitionKeywords: OccurrenceIndex;

  private constructor(
    private readonly text: string,
    private readonly root: SyntaxNode,
    private readonly front: PythonFrontEnd,
    /** Where the mode markers are, found once for the whole file. */
    private readonly modeMarkers: OccurrenceIndex,
  ) {
    this.lines = new LineIndex(text);
    this.parens = front.parens;
    this.trainCallsText = OccurrenceIndex.of(text, '.train(');
    this.freezeCallsText = OccurrenceIndex.of(text, 'requires_grad_(');
    this.definitionKeywords = OccurrenceIndex.ofNames(text, ['def', 'class']);
  }

  static analyze(text: string, root: SyntaxNode, front: PythonFrontEnd): ModeFacts {
    const modeMarkers = OccurrenceIndex.ofMatches(text, MODE_MARKER_PATTERN);
    if (modeMarkers.isEmpty && !(PROBE_WORDS.some((w) => text.includes(w)) && ANY_PROBE_MARKER.test(text))) return NO_MODE_FACTS;
    return new PythonModeAnalysis(text, root, front, modeMarkers).run();
  }

  private run(): ModeFacts {
    this.collectDefinitions(this.root, undefined);
    // Module level (scripts and notebooks): a model made and evaluated at top level.
    const moduleWalk = this.newWalk(undefined, true);
    this.block(this.root, new Map(), moduleWalk);
    for (const [key, info] of moduleWalk.models) this.moduleModels.set(key, info);
    for (const fn of this.functions.values()) {
      if (!this.isRelevant(fn)) continue;
      const walk = this.newWalk(fn, true);
      this.walkFunction(fn, walk);
    }
    return {
      modelCalls: [...this.modelCalls.values()].map((call) => {
        const { callerResolution, ...rest } = call;
        return callerResolution ? { ...rest, callerSwitchesToEval: this.callerSwitchesToEval(callerResolution.fn, callerResolution.key, new Set()) } : rest;
      }),
      trainingSteps: [...this.trainingSteps.values()],
      frozenTrainCalls: this.frozenTrainCalls(),
      initProbes: this.initProbes,
    };
  }

  // ---------------------------------------------------------------- definitions

  private collectDefinitions(node: SyntaxNode, owner: ClassDef | undefined): void {
    // Most function bodies define nothing: their statements are not even listed.
    if (node !== this.root && !this.definitionKeywords.within(node.startIndex, node.endIndex)) return;
    for (const statement of this.children(node)) {
      const statementType = statement.type;
      const decorated = statementType === 'decorated_definition';
      const decorators = decorated ? this.children(statement).filter((c) => c.type === 'decorator').map((d) => this.children(d)[0]) : [];
      const definition = decorated ? statement.childForFieldName('definition') : statement;
      if (!definition) continue;
      const type = decorated ? definition.type : statementType;
      if (type === 'function_definition') {
        const qualify = (n: SyntaxNode | null | undefined) => this.qualified(n);
        const text = definition.text;
        const named = (n: SyntaxNode | null | undefined) => this.children(n);
        let params: string[] | undefined;
        let decoratorNames: string[] | undefined;
        const fn: FunctionDef = {
          node: definition,
          name: definition.childForFieldName('name')?.text ?? '',
          text,
          start: definition.startIndex,
          end: definition.startIndex + text.length,
          get params() {
            return (params ??= named(definition.childForFieldName('parameters')).map((p) => (p.type === 'identifier' ? p.text : (p.childForFieldName('name') ?? named(p)[0])?.text ?? '')));
          },
          get decorators() {
            return (decoratorNames ??= decorators.map((d) => qualify(d?.type === 'call' ? d.childForFieldName('function') : d) ?? d?.text ?? ''));
          },
          owner,
        };
        this.functions.set(definition.id, fn);
        if (owner) owner.methods.set(fn.name, fn);
        else this.topLevelFunctions.set(fn.name, fn);
        // Nested functions are analyzed on their own.
        this.collectDefinitions(definition.childForFieldName('body')!, undefined);
      } else if (type === 'class_definition') {
        const name = definition.childForFieldName('name')?.text ?? '';
        const info = this.front.classInfo(definition);
        const cls: ClassDef = { node: definition, name, info, framework: info ? this.classFramework(info, new Set()) : undefined, methods: new Map() };
        this.classes.set(name, cls);
        this.collectDefinitions(definition.childForFieldName('body')!, cls);
      } else if (COMPOUND_STATEMENTS.has(type)) {
        for (const part of this.children(definition)) {
          const partType = part.type;
          if (partType === 'block') this.collectDefinitions(part, owner);
          else if (partType.endsWith('_clause')) this.collectDefinitions(part.childForFieldName('body') ?? part.childForFieldName('consequence') ?? part, owner);
        }
      }
    }
  }

  private qualified(node: SyntaxNode | null | undefined): string | undefined {
    const v = this.front.resolveName(node);
    return v.kind === 'path' ? v.path : undefined;
  }

  /** The framework of a class deriving (possibly through same-file classes) from a model base. */
  private classFramework(info: ClassInfo, seen: Set<ClassInfo>): ModelFramework | undefined {
    if (seen.has(info)) return undefined;
    seen.add(info);
    for (const base of info.bases) {
      if (base.kind === 'class') {
        const inherited = this.classFramework(base.cls, seen);
        if (inherited) return inherited;
      } else if (base.kind === 'path') {
        if (/^torch\.nn(\.modules(\.module)?)?\.Module$/.test(base.path) || base.path === 'pytorch_lightning.LightningModule' || base.path === 'lightning.LightningModule' || base.path === 'lightning.pytorch.LightningModule') return 'pytorch';
        if (/^(tensorflow\.)?(tf_)?keras\.(models\.)?Model$|^(tensorflow\.)?keras\.layers\.Layer$|^keras\.(Model|Layer)$/.test(base.path)) return 'keras';
      }
    }
    return undefined;
  }

  /** Whether a same-file model class may hold BatchNorm or Dropout (unknown sub-modules count as "may"). */
  private classMayContain(cls: ClassDef): boolean {
    const cached = this.containsCache.get(cls);
    if (cached !== undefined) return cached;
    this.containsCache.set(cls, true);
    const range = rangeOf(cls.node);
    const layers = this.front.layerConstructions.filter((l) => contains(range, l.range));
    let result = layers.some((l) => l.spec.role === 'batchnorm' || l.spec.role === 'dropout');
    if (!result) {
      // Any sub-module built by something other than a known layer or a same-file class may hold them.
      const unknownBuilder = this.callsIn(cls.node).some((call) => {
        const callee = call.childForFieldName('function');
        const value = this.front.resolveName(callee);
        if (value.kind === 'ctor' || value.kind === 'function') return false;
        if (value.kind === 'class') {
          const sub = this.classes.get(value.cls.name);
          return sub ? sub.framework !== undefined && this.classMayContain(sub) : false;
        }
        if (value.kind === 'path') return /^(torchvision|timm|transformers|keras\.applications|tensorflow\.keras\.applications)\./.test(value.path) || /Sequential$/.test(value.path) && !layers.length;
        const parent = call.parent;
        // `self.block = make_block(...)` with an unknown maker.
        return parent?.type === 'assignment' && parent.childForFieldName('left')?.text.startsWith('self.') === true && callee?.type !== 'attribute';
      });
      result = unknownBuilder;
    }
    this.containsCache.set(cls, result);
    return result;
  }

  private readonly callsCache = new Map<number, SyntaxNode[]>();

  /** Every call inside a node (memoized: functions and loops are asked about several times). */
  private callsIn(node: SyntaxNode): SyntaxNode[] {
    const cached = this.callsCache.get(node.id);
    if (cached) return cached;
    const out: SyntaxNode[] = [];
    this.callsCache.set(node.id, out);
    if (!this.parens.within(node.startIndex, node.endIndex)) return out;
    const visit = (n: SyntaxNode) => {
      if (n.type === 'call') out.push(n);
      for (const c of this.children(n)) if (this.parens.within(c.startIndex, c.endIndex)) visit(c);
    };
    visit(node);
    return out;
  }

  /** Built once per file on first use, so nested functions are not rescanned. */
  private probeMarkers?: OccurrenceIndex;

  private hasMarkers(fn: FunctionDef): boolean {
    if (fn.name === '__init__' && fn.owner?.framework === 'pytorch') {
      this.probeMarkers ??= OccurrenceIndex.ofMatches(this.text, PROBE_MARKER_PATTERN);
      if (this.probeMarkers.within(fn.start, fn.end)) return true;
    }
    return this.modeMarkers.within(fn.start, fn.end);
  }

  /** Whether the function's text names a same-file function it could call (cheap, before any walk). */
  private mentionsSameFileFunction(fn: FunctionDef): boolean {
    return this.mentionedCalls(fn).some((n) => this.topLevelFunctions.has(n) || fn.owner?.methods.has(n));
  }

  private effectfulNames?: Set<string>;

  /**
   * Names of functions that can switch modes or train: those with markers, and (to a fixpoint)
   * those that mention one of them. Computed on the text once per file, so relevance costs no walk.
   */
  private effectful(): Set<string> {
    if (this.effectfulNames) return this.effectfulNames;
    const all = [...this.functions.values()];
    const queue = all.filter((fn) => this.hasMarkers(fn)).map((fn) => fn.name);
    if (queue.length === 0) return (this.effectfulNames = new Set());
    // Who mentions whom, reversed, then a breadth-first walk from the functions with markers.
    const mentionedBy = new Map<string, FunctionDef[]>();
    for (const fn of all) {
      for (const name of new Set(this.mentionedCalls(fn))) {
        const callers = mentionedBy.get(name);
        if (callers) callers.push(fn);
        else mentionedBy.set(name, [fn]);
      }
    }
    const names = new Set<string>();
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      if (names.has(name)) continue;
      names.add(name);
      for (const caller of mentionedBy.get(name) ?? []) if (!names.has(caller.name)) queue.push(caller.name);
    }
    return (this.effectfulNames = names);
  }

  private readonly mentioned = new Map<number, string[]>();
  /** The word before each `(` of the file (same positions as `parens.offsets`), read once. */
  private calledWords?: string[];

  /** Names this function's text calls (`f(`, `self.f(`): a lexical prefilter, confirmed on the tree later. */
  private mentionedCalls(fn: FunctionDef): string[] {
    let names = this.mentioned.get(fn.node.id);
    if (!names) {
      this.calledWords ??= this.parens.offsets.map((offset) => wordBefore(this.text, offset));
      names = [];
      const offsets = this.parens.offsets;
      for (let i = this.parens.firstAtOrAfter(fn.start); i < offsets.length && offsets[i]! < fn.end; i++) {
        if (this.calledWords[i]) names.push(this.calledWords[i]!);
      }
      this.mentioned.set(fn.node.id, names);
    }
    return names;
  }

  /** Only functions that can hold a mode fact are walked. */
  private isRelevant(fn: FunctionDef): boolean {
    if (this.hasMarkers(fn) || this.isInferenceFunction(fn)) return true;
    const effectful = this.effectful();
    return effectful.size > 0 && this.mentionedCalls(fn).some((n) => effectful.has(n) && n !== fn.name);
  }

  /** Text that can build a model: same-file model classes or known model factories. */
  private mayBuildModels(fn: FunctionDef): boolean {
    const body = fn.text;
    if (/torchvision|timm|hub\.load|torch\.load|jit\.load|from_pretrained|applications|Sequential|Model\(|load_model|DataParallel/.test(body)) return true;
    for (const cls of this.classes.values()) if (cls.framework && body.includes(`${cls.name}(`)) return true;
    return false;
  }

  private isInferenceName(name: string): boolean {
    return nameWords(name).some((w) => INFERENCE_WORDS.has(w));
  }

  /**
   * Evaluation code by its name (`evaluate`, `validate`, `predict`...). Unit tests (pytest's
   * `test_*`, unittest's `Test*` classes) are not, nor hooks whose framework sets the mode.
   */
  private isInferenceFunction(fn: FunctionDef): boolean {
    const isUnitTest = fn.name.startsWith('test_') || /^Test|Tests?$|TestCase$/.test(fn.owner?.name ?? '');
    return !isUnitTest && !SELF_MANAGED_HOOKS.has(fn.name) && this.isInferenceName(fn.name);
  }

  // ---------------------------------------------------------------- walking

  private newWalk(fn: FunctionDef | undefined, record: boolean): Walk {
    return { fn, record, contexts: [], models: new Map(), exits: [], savedModes: new Map() };
  }


  private walkFunction(fn: FunctionDef, walk: Walk): State {
    this.identifyParameterModels(fn, walk);
    // No model in sight: only BN204's freeze/train events and BN205's probes can matter.
    const text = fn.text;
    const structural = text.includes('.requires_grad = False') || text.includes('requires_grad_(False)') || text.includes('.train(') || (fn.name === '__init__' && fn.owner?.framework === 'pytorch');
    if (walk.models.size === 0 && !structural && !this.mayBuildModels(fn) && !(fn.owner?.framework === 'keras')) return new Map();
    const decorators = new Set(fn.decorators);
    if ([...decorators].some((d) => NO_GRAD_CONTEXTS.has(d))) walk.contexts.push('no-grad');
    if (this.isInferenceFunction(fn)) walk.contexts.push('inference-function');
    if (fn.owner?.framework === 'keras' && fn.name === 'train_step') walk.contexts.push('gradient-tape');
    if (fn.owner?.framework === 'keras' && (fn.name === 'test_step' || fn.name === 'predict_step')) walk.contexts.push('keras-inference');
    if (SELF_MANAGED_HOOKS.has(fn.name) && fn.owner?.framework === 'pytorch') return new Map();
    const body = fn.node.childForFieldName('body');
    const state: State = new Map();
    const end = body ? this.block(body, state, walk) : state;
    return joinStates([...(end ? [end] : []), ...walk.exits]);
  }

  /** Parameters used like models (`.eval()`, `.parameters()`, `.to(device)`) are models. */
  private identifyParameterModels(fn: FunctionDef, walk: Walk): void {
    const params = new Set(fn.params);
    const ownerIsModule = fn.owner?.framework !== undefined;
    for (const param of fn.params) {
      if (param !== 'self' && MODEL_PARAMETER_NAME.test(param)) walk.models.set(param, { framework: 'pytorch', mayContainNormOrDropout: true });
    }
    const text = fn.text;
    const usesModelMethods = [...MODEL_METHODS].some((m) => text.includes(`.${m}(`));
    for (const call of usesModelMethods ? this.callsIn(fn.node) : []) {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'attribute') continue;
      const method = callee.childForFieldName('attribute')?.text ?? '';
      if (!MODEL_METHODS.has(method)) continue;
      const key = normalizeKey(callee.childForFieldName('object')?.text ?? '');
      const root = key.split('.')[0]!;
      if (params.has(root) && root !== 'self' && key === root) walk.models.set(key, { framework: 'pytorch', mayContainNormOrDropout: true });
      if (root === 'self' && !ownerIsModule && /^self\.\w+$/.test(key)) walk.models.set(key, { framework: 'pytorch', mayContainNormOrDropout: true });
    }
    // `self.model` assigned a model in __init__ of a non-model class (a Trainer).
    if (fn.owner && !ownerIsModule) {
      const init = fn.owner.methods.get('__init__');
      for (const assignment of init ? this.assignmentsIn(init.node) : []) {
        const left = assignment.childForFieldName('left')?.text ?? '';
        const info = this.modelFromExpression(assignment.childForFieldName('right'), walk);
        if (info && /^self\.\w+$/.test(left)) walk.models.set(left, info);
      }
    }
    // A module-level model matters to the functions that name it (summaries follow parameters only).
    for (const [key, info] of this.moduleModels) if (!walk.models.has(key) && !params.has(key) && text.includes(key)) walk.models.set(key, info);
    // A Keras model's own step methods call it as `self(x)`.
    if (fn.owner?.framework === 'keras' && KERAS_STEP_METHODS.has(fn.name)) walk.models.set('self', { framework: 'keras', mayContainNormOrDropout: this.classMayContain(fn.owner) });
  }

  private readonly assignmentsCache = new Map<number, SyntaxNode[]>();

  /** Every assignment in a function, outside nested definitions (memoized: each method of a trainer asks about `__init__`). */
  private assignmentsIn(node: SyntaxNode): SyntaxNode[] {
    const cached = this.assignmentsCache.get(node.id);
    if (cached) return cached;
    const out: SyntaxNode[] = [];
    const visit = (n: SyntaxNode) => {
      for (const c of this.children(n)) {
        const type = c.type;
        if (type === 'assignment') out.push(c);
        if (type !== 'function_definition' && type !== 'class_definition') visit(c);
      }
    };
    visit(node);
    this.assignmentsCache.set(node.id, out);
    return out;
  }

  /** What model an expression builds or passes on, if any. */
  private modelFromExpression(node: SyntaxNode | null | undefined, walk: Walk): ModelInfo | undefined {
    if (!node) return undefined;
    if (node.type === 'identifier' || node.type === 'attribute') return walk.models.get(normalizeKey(node.text));
    if (node.type !== 'call') return undefined;
    const callee = node.childForFieldName('function');
    // `model.to(device)`, `model.cuda()`, `model.eval()` return the model itself.
    if (callee?.type === 'attribute' && ['to', 'cuda', 'cpu', 'eval', 'train', 'float', 'half', 'double'].includes(callee.childForFieldName('attribute')?.text ?? '')) {
      return this.modelFromExpression(callee.childForFieldName('object'), walk);
    }
    const value = this.front.resolveName(callee);
    if (value.kind === 'class') {
      const cls = this.classes.get(value.cls.name);
      if (cls?.framework) return { framework: cls.framework, mayContainNormOrDropout: this.classMayContain(cls) };
      return undefined;
    }
    if (value.kind !== 'path') return undefined;
    const path = value.path;
    if (/^torch\.nn\.(parallel\.)?(DataParallel|DistributedDataParallel)$|^torch\.nn\.parallel\.distributed\.DistributedDataParallel$/.test(path)) {
      return this.modelFromExpression(this.children(node.childForFieldName('arguments'))[0], walk) ?? { framework: 'pytorch', mayContainNormOrDropout: true };
    }
    if (/^torchvision\.models\.([a-z_]+\.)?[a-z][a-z0-9_]*$/.test(path) && !/weights|get_|list_/.test(path)) return { framework: 'pytorch', mayContainNormOrDropout: true };
    if (['timm.create_model', 'torch.hub.load', 'torch.load', 'torch.jit.load'].includes(path)) return { framework: 'pytorch', mayContainNormOrDropout: true };
    if (/^transformers\.\w+\.from_pretrained$/.test(path)) return { framework: 'pytorch', mayContainNormOrDropout: true };
    if (/^(tensorflow\.)?keras\.applications\./.test(path)) return { framework: 'keras', mayContainNormOrDropout: true };
    if (/^(tensorflow\.)?(tf_)?keras\.(models\.)?(Sequential|Model|load_model)$/.test(path)) return { framework: 'keras', mayContainNormOrDropout: this.kerasContainerMayContain(node) };
    if (/^torch\.nn(\.modules\.container)?\.Sequential$/.test(path)) return { framework: 'pytorch', mayContainNormOrDropout: this.rangeHasNormOrDropout(rangeOf(node)) || this.callsIn(node).some((c) => this.front.resolveName(c.childForFieldName('function')).kind !== 'ctor' && c !== node) };
    return undefined;
  }

  private kerasContainerMayContain(node: SyntaxNode): boolean {
    return this.rangeHasNormOrDropout(rangeOf(node)) || !this.front.layerConstructions.some((l) => contains(rangeOf(node), l.range));
  }

  private rangeHasNormOrDropout(range: TextRange): boolean {
    return this.front.layerConstructions.some((l) => contains(range, l.range) && (l.spec.role === 'batchnorm' || l.spec.role === 'dropout'));
  }

  private block(node: SyntaxNode, state: State, walk: Walk): State | undefined {
    let current: State | undefined = state;
    for (const statement of this.children(node)) {
      if (!current) break;
      try {
        current = this.statement(statement, current, walk);
      } catch (error) {
        // Too deeply nested to follow (the front end reports it): the statement is skipped.
        if (!(error instanceof RangeError)) throw error;
      }
    }
    return current;
  }

  /** Returns the state after the statement, or undefined when no path continues (return, raise). */
  private statement(node: SyntaxNode, state: State, walk: Walk): State | undefined {
    switch (node.type) {
      case 'function_definition':
      case 'class_definition':
      case 'decorated_definition':
      case 'import_statement':
      case 'import_from_statement':
        return state;
      case 'return_statement':
        this.expressions(node, state, walk, node);
        walk.exits.push(state);
        return undefined;
      case 'raise_statement':
        return undefined;
      case 'if_statement':
        return this.ifStatement(node, state, walk);
      case 'for_statement':
      case 'while_statement':
        return this.loop(node, state, walk);
      case 'with_statement':
        return this.withStatement(node, state, walk);
      case 'try_statement': {
        const body = node.childForFieldName('body') ?? this.children(node).find((c) => c.type === 'block');
        const afterBody = body ? this.block(body, new Map(state), walk) : state;
        const branches: State[] = afterBody ? [afterBody] : [];
        for (const part of this.children(node)) {
          if (part.type === 'except_clause' || part.type === 'except_group_clause') {
            const handler = this.children(part).find((c) => c.type === 'block');
            // A handler can start anywhere in the body: from the state before or after it.
            const start = joinStates([state, ...(afterBody ? [afterBody] : [])]);
            const end = handler ? this.block(handler, start, walk) : start;
            if (end) branches.push(end);
          } else if (part.type === 'else_clause' && afterBody) {
            const end = this.block(part.childForFieldName('body') ?? part, afterBody, walk);
            branches[0] = end ?? afterBody;
          }
        }
        let merged: State | undefined = branches.length ? joinStates(branches) : undefined;
        const final = this.children(node).find((c) => c.type === 'finally_clause');
        if (final && merged) merged = this.block(this.children(final).find((c) => c.type === 'block') ?? final, merged, walk);
        return merged;
      }
      case 'expression_statement':
        for (const child of this.children(node)) this.expressionStatement(child, node, state, walk);
        return state;
      case 'ERROR':
        return this.block(node, state, walk);
      default:
        this.expressions(node, state, walk, node);
        return state;
    }
  }

  private ifStatement(node: SyntaxNode, state: State, walk: Walk): State | undefined {
    this.expressions(node.childForFieldName('condition'), state, walk, node);
    const branches: State[] = [];
    let hasElse = false;
    const consequence = node.childForFieldName('consequence');
    const first = consequence ? this.block(consequence, new Map(state), walk) : state;
    if (first) branches.push(first);
    for (const alternative of node.childrenForFieldName('alternative')) {
      if (!alternative) continue;
      if (alternative.type === 'elif_clause') {
        this.expressions(alternative.childForFieldName('condition'), state, walk, node);
        const body = alternative.childForFieldName('consequence');
        const end = body ? this.block(body, new Map(state), walk) : state;
        if (end) branches.push(end);
      } else {
        hasElse = true;
        const body = alternative.childForFieldName('body');
        const end = body ? this.block(body, new Map(state), walk) : state;
        if (end) branches.push(end);
      }
    }
    if (!hasElse) branches.push(state);
    return branches.length ? joinStates(branches) : undefined;
  }

  private loop(node: SyntaxNode, state: State, walk: Walk): State {
    if (node.type === 'for_statement') this.expressions(node.childForFieldName('right'), state, walk, node);
    else this.expressions(node.childForFieldName('condition'), state, walk, node);
    const body = node.childForFieldName('body');
    if (!body) return state;
    const trains = this.containsTrainingStep(body, walk.fn);
    const outerLoop = walk.trainingLoop;
    const outerRecord = walk.record;
    // The outermost training loop: evaluation in an epoch loop around the batch loop counts too.
    if (trains && !outerLoop) walk.trainingLoop = rangeOf(node);
    // Two passes so that what the end of the body does reaches its start (the next iteration);
    // facts are recorded on the second pass only.
    walk.record = false;
    const exitsBefore = walk.exits.length;
    const once = this.block(body, new Map(state), walk) ?? state;
    walk.exits.length = exitsBefore;
    walk.record = outerRecord;
    const second = this.block(body, joinStates([state, once]), walk);
    walk.trainingLoop = outerLoop;
    return joinStates([state, once, ...(second ? [second] : [])]);
  }

  private withStatement(node: SyntaxNode, state: State, walk: Walk): State | undefined {
    let pushed = 0;
    /** Models put in eval by a context manager (`with eval_mode(model):`) for the block only. */
    const restored: [string, ModeToken[]][] = [];
    for (const clause of this.children(node)) {
      if (clause.type !== 'with_clause') continue;
      for (const item of this.children(clause)) {
        const value = item.childForFieldName('value');
        const expression = value?.type === 'as_pattern' ? this.children(value)[0] : value;
        if (expression?.type === 'call') {
          const name = this.qualified(expression.childForFieldName('function'));
          const args = this.children(expression.childForFieldName('arguments'));
          if (name && (NO_GRAD_CONTEXTS.has(name) || (GRAD_ENABLED_CONTEXTS.has(name) && args[0]?.type === 'false'))) {
            walk.contexts.push('no-grad');
            pushed++;
          } else if (name && GRADIENT_TAPES.has(name)) {
            walk.contexts.push('gradient-tape');
            pushed++;
          }
          // `with eval_mode(model):`, `with _set_model_to_eval(model):`: eval inside the block.
          const manager = expression.childForFieldName('function');
          const managerName = manager?.type === 'attribute' ? manager.childForFieldName('attribute')?.text : manager?.text;
          const modelArgument = args[0] ? normalizeKey(args[0].text) : undefined;
          if (managerName && /eval/i.test(managerName) && modelArgument && walk.models.has(modelArgument)) {
            restored.push([modelArgument, state.get(modelArgument) ?? [CALLER]]);
            state.set(modelArgument, [{ mode: 'eval', origin: rangeOf(expression), after: this.after(node), via: 'routine' }]);
          }
        }
        this.expressions(expression, state, walk, node);
      }
    }
    const body = node.childForFieldName('body');
    const end = body ? this.block(body, state, walk) : state;
    walk.contexts.length -= pushed;
    for (const [key, tokens] of restored) end?.set(key, tokens);
    return end;
  }

  private expressionStatement(node: SyntaxNode, statement: SyntaxNode, state: State, walk: Walk): void {
    if (node.type === 'assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      this.expressions(right, state, walk, statement);
      if (left && (left.type === 'identifier' || left.type === 'attribute')) {
        const key = normalizeKey(left.text);
        const model = this.modelFromExpression(right, walk);
        if (model) {
          walk.models.set(key, model);
          // A freshly built module starts in training mode; a passed-on one keeps its mode.
          const passedOn = right?.type === 'identifier' || right?.type === 'attribute' || (right?.type === 'call' && right.childForFieldName('function')?.type === 'attribute' && this.modelFromExpression(right.childForFieldName('function')!.childForFieldName('object'), walk));
          if (!passedOn) state.set(key, [right?.text.includes('load') ? UNKNOWN_MODE : { mode: 'train', origin: rangeOf(right!) }]);
          else if (right?.type !== 'call') state.set(key, state.get(normalizeKey(right!.text)) ?? [CALLER]);
        }
        // `was_training = model.training` saves the mode for a later `model.train(was_training)`.
        if (left.type === 'identifier' && right?.type === 'attribute' && right.childForFieldName('attribute')?.text === 'training') {
          walk.savedModes.set(left.text, normalizeKey(right.childForFieldName('object')?.text ?? ''));
        }
        // `p.requires_grad = False` in a loop over `model.backbone.parameters()`.
        if (left.type === 'attribute' && left.childForFieldName('attribute')?.text === 'requires_grad' && right?.type === 'false') this.recordFreeze(left, statement);
      }
      return;
    }
    this.expressions(node, state, walk, statement);
  }

  private recordFreeze(target: SyntaxNode, statement: SyntaxNode): void {
    // Find the loop that binds the target's variable and what it iterates over.
    const variable = target.childForFieldName('object')?.text;
    for (let n: SyntaxNode | null = statement.parent; n; n = n.parent) {
      if (n.type === 'for_statement' && n.childForFieldName('left')?.text === variable) {
        const iterated = n.childForFieldName('right');
        const callee = iterated?.type === 'call' ? iterated.childForFieldName('function') : undefined;
        if (callee?.type === 'attribute' && ['parameters', 'named_parameters'].includes(callee.childForFieldName('attribute')?.text ?? '')) {
          this.frozenRoots.add(normalizeKey(callee.childForFieldName('object')?.text ?? '').split('.').slice(0, 2).join('.'));
        }
        return;
      }
    }
  }

  /** Visits the calls of an expression in evaluation order (arguments before the call). */
  private expressions(node: SyntaxNode | null | undefined, state: State, walk: Walk, statement?: SyntaxNode): void {
    if (!node) return;
    const start = node.startIndex;
    const end = node.endIndex;
    if (!this.parens.within(start, end)) return;
    // With no model in scope, only `.train()` and freezing calls (BN204) and __init__ probes (BN205) matter.
    if (walk.models.size === 0 && walk.fn?.name !== '__init__' && !this.trainCallsText.within(start, end) && !this.freezeCallsText.within(start, end)) return;
    const type = node.type;
    if (type === 'lambda' || type === 'function_definition') return;
    if (type === 'call') {
      for (const c of this.children(node.childForFieldName('arguments'))) this.expressions(c, state, walk, statement);
      const callee = node.childForFieldName('function');
      if (callee?.type === 'attribute') this.expressions(callee.childForFieldName('object'), state, walk, statement);
      this.call(node, state, walk, statement ?? this.statementOf(node));
      return;
    }
    for (const c of this.children(node)) this.expressions(c, state, walk, statement);
  }

  private statementOf(node: SyntaxNode): SyntaxNode {
    let n = node;
    while (n.parent && n.parent.type !== 'block' && n.parent.type !== 'module') n = n.parent;
    return n;
  }

  /** Where a new line goes right after `statement`, at its indentation. */
  private after(statement: SyntaxNode): InsertionPoint {
    const line = this.lines.positionAt(statement.endIndex).line;
    return { offset: this.lines.lineStart(line + 1), indent: this.lines.indentation(this.lines.positionAt(statement.startIndex).line) };
  }

  private before(statement: SyntaxNode): InsertionPoint {
    const line = this.lines.positionAt(statement.startIndex).line;
    return { offset: this.lines.lineStart(line), indent: this.lines.indentation(line) };
  }

  private call(node: SyntaxNode, state: State, walk: Walk, statement: SyntaxNode): void {
    const callee = node.childForFieldName('function');
    const args = this.children(node.childForFieldName('arguments'));
    if (callee?.type === 'attribute') {
      const method = callee.childForFieldName('attribute')?.text ?? '';
      const objectNode = callee.childForFieldName('object');
      const key = normalizeKey(objectNode?.text ?? '');
      // Mode switches.
      if ((method === 'eval' && args.length === 0) || method === 'train') {
        const token = this.switchToken(method, args, node, statement, walk);
        if (walk.models.has(key) || this.isSelfModuleKey(key, walk)) state.set(key, [token]);
        // BN204 looks at every `.train()`, models or parts of them (`detector.backbone.train()`).
        if (token.mode === 'train' && token.origin && walk.record) this.trainCalls.push({ range: rangeOf(node), key, after: this.after(statement) });
        return;
      }
      if (method === 'requires_grad_' && args[0]?.type === 'false') {
        this.frozenRoots.add(key.split('.').slice(0, 2).join('.'));
        return;
      }
      if (method === 'forward' && walk.models.has(key)) {
        this.modelCall(node, key, state, walk);
        return;
      }
    }
    const calleeText = normalizeKey(callee?.text ?? '');
    // Keras `train_step`/`test_step` call the model itself: `self(x, training=True)`.
    if (calleeText === 'self' && walk.fn?.owner?.framework === 'keras' && KERAS_STEP_METHODS.has(walk.fn.name)) {
      this.modelCall(node, 'self', state, walk);
      return;
    }
    if (walk.models.has(calleeText) && !this.isOwnSubmodule(calleeText, walk)) {
      this.modelCall(node, calleeText, state, walk);
      return;
    }
    const name = this.qualified(callee);
    if (name && JIT_EXPORTS.has(name) && args[0]) {
      const key = normalizeKey(args[0].text);
      if (walk.models.has(key)) this.modelCall(node, key, state, walk, 'jit-export');
      return;
    }
    if (walk.fn && this.isProbe(node, walk)) this.recordProbe(node, statement, state, walk);
    const fn = this.calleeFunction(node, walk.fn);
    // A training step reached before the callee runs: record with the state at the call.
    if (walk.record && walk.trainingLoop && (this.isTrainingStep(node) || (fn !== undefined && this.summary(fn).trains))) this.recordTrainingStep(node, state, walk);
    if (fn) this.applySummary(fn, node, args, state, walk, statement);
    if (this.isBatchNormFreezer(node)) this.batchNormKeptInEval = true;
  }

  private isSelfModuleKey(key: string, walk: Walk): boolean {
    return key === 'self' && walk.fn?.owner?.framework !== undefined;
  }

  /** Inside a model class, `self.backbone(x)` is the model's own forward pass, not a call of a model. */
  private isOwnSubmodule(key: string, walk: Walk): boolean {
    return key.startsWith('self') && walk.fn?.owner?.framework !== undefined;
  }

  private switchToken(method: string, args: readonly SyntaxNode[], node: SyntaxNode, statement: SyntaxNode, walk: Walk): ModeToken {
    const origin = rangeOf(node);
    const after = this.after(statement);
    if (method === 'eval') return { mode: 'eval', origin, after, via: 'switch' };
    const argument = args[0]?.type === 'keyword_argument' ? args[0].childForFieldName('value') : args[0];
    if (!argument || argument.type === 'true') return { mode: 'train', origin, after, via: 'switch' };
    if (argument.type === 'false') return { mode: 'eval', origin, after, via: 'switch' };
    // `model.train(was_training)` restores what the caller had.
    if (argument.type === 'identifier' && walk.savedModes.has(argument.text)) return CALLER;
    return { mode: 'unknown', origin, after };
  }

  private modelCall(node: SyntaxNode, key: string, state: State, walk: Walk, kind: 'call' | 'jit-export' = 'call'): void {
    if (!walk.record) return;
    const info = walk.models.get(key) ?? { framework: 'pytorch' as const, mayContainNormOrDropout: true };
    const contexts = new Set<ExecutionContext>(walk.contexts);
    if (walk.trainingLoop) contexts.add('training-loop');
    if (info.framework === 'keras' && contexts.has('inference-function') && !contexts.has('gradient-tape')) contexts.add('keras-inference');
    const tokens = state.get(key) ?? [CALLER];
    const model: ModelRef = { text: key, framework: info.framework, mayContainNormOrDropout: info.mayContainNormOrDropout };
    const args = this.children(node.childForFieldName('arguments'));
    const trainingArgument = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'training');
    const trainingValue = trainingArgument?.childForFieldName('value') ?? (info.framework === 'keras' && args[1] && args[1].type !== 'keyword_argument' ? args[1] : undefined);
    const shape = argumentListShape(node.childForFieldName('arguments'));
    const editorArgs = trainingValue
      ? [{ param: 'training', keyword: 'training', valueRange: rangeOf(trainingValue), range: rangeOf(trainingArgument ?? trainingValue), value: trainingValue.type === 'true' ? true : trainingValue.type === 'false' ? false : undefined, valueText: trainingValue.text }]
      : [];
    const calleeNode = node.childForFieldName('function')!;
    const evalInsertion = this.evalInsertionPoint(node, walk);
    this.modelCalls.set(node.startIndex, {
      range: rangeOf(node),
      kind,
      model,
      contexts,
      modes: tokens,
      callerSwitchesToEval: false,
      ...(evalInsertion ? { evalInsertion } : {}),
      ...(info.framework === 'keras' ? { training: trainingValue ? { value: trainingValue.type === 'true' ? true : trainingValue.type === 'false' ? false : undefined, range: rangeOf(trainingValue) } : undefined } : {}),
      handlesTrainingNone: false,
      editor: pythonArgumentEditor(this.text, () => this.lines, shape, rangeOf(calleeNode), () => editorArgs),
      ...(tokens.some((t) => t.mode === 'caller') && walk.fn ? { callerResolution: { fn: walk.fn, key } } : {}),
    });
  }

  /** Before the outermost no_grad block holding the call, else at the top of the function body. */
  private evalInsertionPoint(node: SyntaxNode, walk: Walk): InsertionPoint | undefined {
    let block: SyntaxNode | undefined;
    for (let n: SyntaxNode | null = node.parent; n && n.id !== walk.fn?.node.id; n = n.parent) {
      if (n.type === 'with_statement' && /no_grad|inference_mode|set_grad_enabled/.test(this.children(n)[0]?.text ?? '')) block = n;
    }
    if (block) return this.before(block);
    const body = walk.fn?.node.childForFieldName('body');
    if (!body) return this.before(this.statementOf(node));
    const statements = this.children(body);
    // After a docstring.
    const first = statements[0]?.type === 'expression_statement' && this.children(statements[0])[0]?.type === 'string' ? statements[1] : statements[0];
    return first ? this.before(first) : undefined;
  }

  // ---------------------------------------------------------------- training steps and summaries

  private isTrainingStep(call: SyntaxNode): boolean {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute') return false;
    const method = callee.childForFieldName('attribute')?.text;
    const object = callee.childForFieldName('object')?.text ?? '';
    if (method === 'backward') return true;
    if (method === 'step') return /optim|opt\b|opt_|_opt|scaler/i.test(object) || /optim/i.test(this.children(call.childForFieldName('arguments'))[0]?.text ?? '');
    return method === 'apply_gradients' || method === 'minimize';
  }

  private containsTrainingStep(node: SyntaxNode, fn: FunctionDef | undefined): boolean {
    return this.callsIn(node).some((c) => {
      if (this.isTrainingStep(c)) return true;
      const callee = this.calleeFunction(c, fn);
      return callee ? this.summary(callee).trains : false;
    });
  }

  /** The same-file function a call reaches: a top-level function or a method through `self`. */
  private calleeFunction(call: SyntaxNode, from: FunctionDef | undefined): FunctionDef | undefined {
    const callee = call.childForFieldName('function');
    if (callee?.type === 'identifier') return this.topLevelFunctions.get(callee.text);
    if (callee?.type === 'attribute' && callee.childForFieldName('object')?.text === 'self' && from?.owner) {
      return from.owner.methods.get(callee.childForFieldName('attribute')?.text ?? '');
    }
    return undefined;
  }

  private summary(fn: FunctionDef): FunctionSummary {
    const known = this.summaries.get(fn.node.id);
    if (known) return known;
    if (this.summarizing.has(fn.node.id)) return { effects: new Map(), trains: false };
    this.summarizing.add(fn.node.id);
    // Without markers a function can only act on models through the functions it calls.
    if (!this.hasMarkers(fn) && !this.mentionsSameFileFunction(fn)) {
      const empty = { effects: new Map<string, Effect>(), trains: false };
      this.summaries.set(fn.node.id, empty);
      this.summarizing.delete(fn.node.id);
      return empty;
    }
    const trains = this.callsIn(fn.node).some((c) => this.isTrainingStep(c) || ((): boolean => {
      const callee = this.calleeFunction(c, fn);
      return callee !== undefined && callee !== fn && this.summary(callee).trains;
    })());
    const walk = this.newWalk(fn, false);
    const exit = this.walkFunction(fn, walk);
    const effects = new Map<string, Effect>();
    for (const [key, tokens] of exit) {
      const modes = new Set(tokens.map((t) => t.mode));
      effects.set(key, modes.size === 1 && modes.has('eval') ? 'eval' : modes.size === 1 && modes.has('train') ? 'train' : modes.size === 1 && modes.has('caller') ? 'none' : 'mixed');
    }
    const result = { effects, trains };
    this.summaries.set(fn.node.id, result);
    this.summarizing.delete(fn.node.id);
    return result;
  }

  /** Maps a callee's effect on its parameters and `self.X` onto the caller's models. */
  private applySummary(fn: FunctionDef, call: SyntaxNode, args: readonly SyntaxNode[], state: State, walk: Walk, statement: SyntaxNode): void {
    const summary = this.summary(fn);
    const bindings = new Map<string, string>();
    const offset = fn.owner && fn.params[0] === 'self' ? 1 : 0;
    args.forEach((arg, i) => {
      if (arg.type === 'keyword_argument') {
        const value = arg.childForFieldName('value');
        if (value) bindings.set(arg.childForFieldName('name')?.text ?? '', normalizeKey(value.text));
      } else if (fn.params[i + offset]) bindings.set(fn.params[i + offset]!, normalizeKey(arg.text));
    });
    const origin = rangeOf(call);
    let afterCall: InsertionPoint | undefined;
    const after = () => (afterCall ??= this.after(statement));
    const apply = (calleeKey: string, callerKey: string) => {
      if (!walk.models.has(callerKey) && !(callerKey.startsWith('self.') && calleeKey === callerKey)) return;
      if (walk.record) this.callSites.push({ callee: fn, calleeKey, tokens: state.get(callerKey) ?? [CALLER], caller: walk.fn, callerKey });
      const effect = summary.effects.get(calleeKey);
      if (effect === 'eval') state.set(callerKey, [{ mode: 'eval', origin, after: after(), via: 'routine' }]);
      else if (effect === 'train') state.set(callerKey, [{ mode: 'train', origin, after: after(), via: 'routine' }]);
      else if (effect === 'mixed') state.set(callerKey, union(state.get(callerKey) ?? [CALLER], [{ mode: 'eval', origin, after: after(), via: 'routine' }]));
    };
    for (const [param, callerKey] of bindings) apply(param, callerKey);
    // A method called on self acts on the same attributes.
    if (call.childForFieldName('function')?.childForFieldName('object')?.text === 'self') {
      for (const key of summary.effects.keys()) if (key.startsWith('self.')) apply(key, key);
    }
  }

  /** A `caller` mode is fine when a caller in the file switched the model to eval before calling. */
  private callerSwitchesToEval(fn: FunctionDef, key: string, seen: Set<string>): boolean {
    const id = `${fn.node.id}:${key}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return this.callSites.some((site) => {
      if (site.callee !== fn || site.calleeKey !== key) return false;
      const modes = new Set(site.tokens.map((t) => t.mode));
      if (modes.size === 1 && modes.has('eval')) return true;
      return [...modes].every((m) => m === 'eval' || m === 'caller') && site.caller !== undefined && this.callerSwitchesToEval(site.caller, site.callerKey, seen);
    });
  }

  private recordTrainingStep(node: SyntaxNode, state: State, walk: Walk): void {
    const models = [...walk.models.entries()]
      .filter(([key]) => state.has(key))
      .map(([key, info]) => ({ model: { text: key, framework: info.framework, mayContainNormOrDropout: info.mayContainNormOrDropout }, modes: state.get(key)! }));
    const loops: { range: TextRange; bodyTop: InsertionPoint }[] = [];
    for (let n: SyntaxNode | null = node.parent; n && n.id !== walk.fn?.node.id; n = n.parent) {
      if (n.type !== 'for_statement' && n.type !== 'while_statement') continue;
      const first = this.children(n.childForFieldName('body'))[0];
      if (first) loops.unshift({ range: rangeOf(n), bodyTop: this.before(first) });
    }
    this.trainingSteps.set(`${node.startIndex}`, { range: rangeOf(node), loop: walk.trainingLoop!, loops, models });
  }

  // ---------------------------------------------------------------- BN204, BN205

  private isBatchNormFreezer(call: SyntaxNode): boolean {
    const callee = call.childForFieldName('function');
    const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
    if (name && BN_FREEZE_NAME.test(name)) return true;
    // `model.apply(set_bn_eval)`
    const first = this.children(call.childForFieldName('arguments'))[0];
    if (name === 'apply' && first?.type === 'identifier' && BN_FREEZE_NAME.test(first.text)) return true;
    // `m.eval()` under `if isinstance(m, nn.BatchNorm2d)`.
    if (name === 'eval' && callee?.type === 'attribute') {
      for (let n: SyntaxNode | null = call.parent; n; n = n.parent) {
        if (n.type === 'if_statement') {
          const condition = n.childForFieldName('condition');
          if (condition?.type === 'call' && condition.childForFieldName('function')?.text === 'isinstance') {
            const classes = this.children(condition.childForFieldName('arguments'))[1];
            const names = classes ? (['tuple', 'parenthesized_expression'].includes(classes.type) ? this.children(classes) : [classes]) : [];
            if (names.some((c) => this.isBatchNormClass(c))) return true;
          }
        }
        if (n.type === 'function_definition') break;
      }
    }
    return false;
  }

  private isBatchNormClass(node: SyntaxNode): boolean {
    const value = this.front.resolveName(node);
    return value.kind === 'ctor' && (value.spec as LayerSpec).role === 'batchnorm';
  }

  private frozenTrainCalls(): FrozenModelTrainCall[] {
    const affected = this.trainCalls.filter((c) => [...this.frozenRoots].some((root) => sameModulePath(root, c.key)));
    if (affected.length === 0) return [];
    // Only then scan the whole file: a freeze_bn method or isinstance loop defined anywhere counts.
    if (!this.batchNormKeptInEval) this.batchNormKeptInEval = this.callsIn(this.root).some((c) => this.isBatchNormFreezer(c)) || [...this.functions.values()].some((f) => BN_FREEZE_NAME.test(f.name) || (f.name === 'train' && f.owner?.framework !== undefined && f.text.includes('.eval()')));
    const nn = this.torchNnName();
    return affected.map((c) => ({ range: c.range, model: c.key, after: c.after, batchNormKeptInEval: this.batchNormKeptInEval, torchNnName: nn }));
  }

  private torchNnName(): string {
    for (const candidate of ['nn', 'torch_nn']) {
      const v: Value | undefined = this.front.moduleValue(candidate);
      if (v?.kind === 'path' && v.path === 'torch.nn') return candidate;
    }
    const torch = this.front.moduleValue('torch');
    return torch?.kind === 'path' && torch.path === 'torch' ? 'torch.nn' : 'torch.nn';
  }

  private isProbe(call: SyntaxNode, walk: Walk): boolean {
    if (walk.fn?.name !== '__init__' || walk.fn.owner?.framework !== 'pytorch') return false;
    const callee = call.childForFieldName('function');
    const target = callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'forward' ? callee.childForFieldName('object') : callee;
    if (!target || !/^self(\.\w+)*$/.test(target.text)) return false;
    return this.children(call.childForFieldName('arguments')).some((arg) => this.isProbeTensor(arg, walk.fn!.node));
  }

  /** `torch.zeros(...)` and friends, directly or through a local variable assigned from one. */
  private isProbeTensor(arg: SyntaxNode, fn: SyntaxNode): boolean {
    if (arg.type === 'call') {
      const name = this.qualified(arg.childForFieldName('function'));
      return name !== undefined && PROBE_TENSORS.has(name);
    }
    if (arg.type === 'identifier') {
      return this.assignmentsIn(fn).some((a) => a.childForFieldName('left')?.text === arg.text && a.childForFieldName('right')?.type === 'call' && this.isProbeTensor(a.childForFieldName('right')!, fn));
    }
    return false;
  }

  private recordProbe(call: SyntaxNode, statement: SyntaxNode, state: State, walk: Walk): void {
    if (!walk.record) return;
    const owner = walk.fn!.owner!;
    if (!this.classMayContain(owner)) return;
    const modes = state.get('self') ?? [{ mode: 'train' }];
    if (modes.every((t) => t.mode === 'eval')) return;
    const line = this.lines.positionAt(statement.startIndex).line;
    this.initProbes.push({ range: rangeOf(call), statement: rangeOf(statement), indent: this.lines.indentation(line), lineStart: this.lines.lineStart(line) });
  }
}
