/**
 * Train/eval mode analysis for Python: which models exist, where they are called, and which modes
 * reach each call, following statements in order through branches, loops, `with` blocks, early
 * returns, `try`, decorators, and calls to functions of the same file (whose effect on the models
 * they are given is summarized once). The result is plain facts (model/modes.ts) for the rules.
 */
import {
  PYTORCH_WRAPPED_MODULE_SUFFIX,
  pytorchForwardMethod,
  pytorchFreeze,
  pytorchModeSwitchCalls,
  pytorchModeSwitchMethods,
  pytorchModuleApply,
  pytorchNn,
  pytorchNoGradName,
  pytorchOneSampleInputs,
  pytorchParameterMethods,
  pytorchTensorFactories,
  pytorchTrainModeKeyword,
  pytorchTrainingAttribute,
} from '../frameworks/pytorch';
import {
  FORWARD_METHODS,
  frameworkOfModelBase,
  lookupModelConstructor,
  modeConventions,
  modeConventionsOf,
  NON_PROJECT_PACKAGES,
  STATISTICS_RECALIBRATION_WORDS,
  STATISTICS_UPDATE_WORDS,
  type ModeConventions,
} from '../frameworks/modes';
import {
  BATCHNORM_NETWORK_NAME,
  BATCHNORM_SPELLING,
  BATCHNORM_ZOO_PATH,
  NO_BATCHNORM_ZOO_PATH,
  FROZEN_BATCHNORM_WHEN_TRAINED_PATH,
  boundNormalizationTracksStatistics,
  sequenceLayerDropsOut,
  BN_FREEZE_NAME,
  CUSTOM_TRAINING_FLAG,
  FRAMEWORK_LOOP_CALL,
  FRAMEWORK_LOOP_METHOD,
  GLUED_HELD_OUT,
  HELD_OUT_QUANTITY_WORDS,
  HELD_OUT_WORDS,
  INFERENCE_WORDS,
  MODEL_BUILDING_TEXT,
  MODEL_PARAMETER_NAME,
  EVAL_CONTEXT_NAME,
  isModeFreeTorchLayer,
  MODULE_CONTAINER_NAME,
  SEQUENTIAL_CONTAINER_NAME,
  MODE_FREE_TORCH_PATH,
  MODEL_ZOO_PATH,
  NOT_A_LAYER_PATH,
  NOT_A_MODEL_SUFFIX,
  OPTIMIZER_ARGUMENT,
  OPTIMIZER_NAME,
  PRETRAINED_KEYWORD,
  STATISTICS_MARKERS,
} from '../frameworks/modeNames';
import { PLAIN_DATA_BUILTINS } from './builtins';
import { stringLiteral } from './literals';
import { kerasCallMethod, kerasTrainingKeyword } from '../frameworks/keras';
import { isModuleBaseClass } from '../frameworks/registry';
import type { Framework } from '../frameworks/types';
import type {
  ExecutionContext,
  FrozenModelTrainCall,
  InitProbe,
  InsertionPoint,
  ModeFacts,
  ModelCall,
  ModelRef,
  ModeToken,
  BranchGuard,
  TrainingStep,
} from '../model/modes';
import { dropoutRate, type LayerConstruction } from '../model/model';
import { NO_MODE_FACTS } from '../model/modes';
import { escapeRegExp, isNameCode, LineIndex, OccurrenceIndex, rangeContains } from '../text';
import type { TextRange } from '../types';
import { argumentListShape, pythonArgumentEditor } from './editor';
import type { PythonFrontEnd } from './frontend';
import { codeChildren, type SyntaxNode } from './parser';
import { isProjectPath } from '../project/index';
import {
  callArgumentFor,
  isKerasModelBuilder,
  layersBuiltFor,
  passedModuleParameters,
  passedModulesMayHold,
  projectClassMayHoldModeLayers,
} from './projectModels';
import type { ClassInfo, FunctionInfo } from './values';

/** Words that must appear for any mode fact to exist (every framework's markers): the file is skipped otherwise. */
const MODE_MARKERS = modeConventions().flatMap((c) => c.markers);
// One alternation scans a text several times faster than a search per marker.
const MODE_MARKER_PATTERN = new RegExp(MODE_MARKERS.map(escapeRegExp).join('|'), 'g');
/** The same, for a yes/no test (a global pattern's `test` moves its `lastIndex`). */
const ANY_MODE_MARKER = new RegExp(MODE_MARKER_PATTERN.source);
/** Calls that make the dummy tensors of shape probes (BN205): `zeros(`, `randn_like(`, ... */
const PROBE_MARKER_PATTERN = new RegExp(String.raw`\b(?:${pytorchTensorFactories.join('|')})(?:_like)?\s*\(`, 'g');
const ANY_PROBE_MARKER = new RegExp(PROBE_MARKER_PATTERN.source);
/** Plain words a probe needs, searched first (the factories' names): much faster than the pattern itself. */
const hasProbeMarker = (text: string) => pytorchTensorFactories.some((w) => text.includes(w)) && ANY_PROBE_MARKER.test(text);

/** The mode markers of the code: one written in a comment or a string (`# model.eval()` left out, a docstring) decides nothing. */
function codeMarkers(text: string, root: SyntaxNode): OccurrenceIndex {
  return OccurrenceIndex.ofMatches(text, MODE_MARKER_PATTERN).without((at) => notCode(root, at));
}

const NOT_CODE = new Set(['comment', 'string_content', 'string_start', 'string_end', 'string', 'escape_sequence']);

/** Whether the offset lies in a comment or a string literal. */
function notCode(root: SyntaxNode, offset: number): boolean {
  return NOT_CODE.has(root.descendantForIndex(offset, offset + 1)?.type ?? '');
}

/** The union over frameworks of one kind of name (the tables are fixed: read once). */
const namesOf = (pick: (c: ModeConventions) => ReadonlySet<string>): ReadonlySet<string> => new Set(modeConventions().flatMap((c) => [...pick(c)]));
const NO_GRAD_CONTEXTS = namesOf((c) => c.noGradContexts);
const GRAD_ENABLED_CONTEXTS = namesOf((c) => c.gradToggleContexts);
const GRADIENT_TAPES = namesOf((c) => c.gradientTapes);
const JIT_EXPORTS = namesOf((c) => c.modeBakingExports);
const PROBE_TENSORS = namesOf((c) => c.probeTensors);
const NON_FORWARD_METHODS = namesOf((c) => c.nonForwardMethods);
const MODE_SHARING_WRAPPERS = namesOf((c) => c.modeSharingWrappers);
const MODE_SHARING_METHODS = namesOf((c) => c.modeSharingMethods);
const STATISTICS_RECALIBRATIONS = namesOf((c) => c.statisticsRecalibrations);
const EVAL_CONTEXTS = namesOf((c) => c.evalContexts);
const PER_CALL_MODE_KEYWORDS = namesOf((c) => c.perCallModeKeywords);
const TRAINING_STEP_CALLS = namesOf((c) => c.trainingStepCalls);
const OPTIMIZER_STEPS = namesOf((c) => c.optimizerSteps);
/** How PyTorch code spells a mode switch, for text tests before the tree is read. */
const SWITCH_CALLS = pytorchModeSwitchCalls;
const SWITCH_METHODS = pytorchModeSwitchMethods;
/** How PyTorch freezes parameters (`requires_grad`), for BN204's freeze events. */
const FREEZE = pytorchFreeze;
/** Every framework's words of one kind, in table order. */
const wordsOf = (pick: (c: ModeConventions) => readonly string[]): readonly string[] => modeConventions().flatMap(pick);
const EVAL_SWITCHES = wordsOf((c) => c.evalSwitches);
const FREEZE_SPELLINGS = wordsOf((c) => c.freezeSpellings);
/** The weights a training step differentiates (Keras' `trainable_variables`). */
const TRAINED_WEIGHTS = wordsOf((c) => c.trainedWeights);
/** A gradient tape that spells one of these updates weights. */
const TAPE_TRAINING_TEXT = [...wordsOf((c) => c.tapeUpdates), ...TRAINED_WEIGHTS];
/** Methods whose use marks a value as a PyTorch model (`.parameters()`, `.to(device)`, ...): only guesses need it. */
const MODEL_METHODS = modeConventionsOf('pytorch')?.modelMethods ?? new Set<string>();
/** Of those, the ones tensors do not have (`.parameters()`, `.state_dict()`, `.eval()`): evidence enough for a value built by project code. */
const MODULE_ONLY_METHODS = [...MODEL_METHODS].filter((m) => !MODE_SHARING_METHODS.has(m));
/** Every framework's top-level packages: names imported from anywhere else may be the project's. */
const FRAMEWORK_PACKAGES = new Set(modeConventions().flatMap((c) => c.importRoots));
/** Statements whose blocks can hold definitions (`if TYPE_CHECKING:`, `try: ... except ImportError:`). */
const COMPOUND_STATEMENTS = new Set([
  'if_statement',
  'try_statement',
  'with_statement',
  'for_statement',
  'while_statement',
  'block',
  'else_clause',
  'elif_clause',
  'except_clause',
  'finally_clause',
]);
/** Methods that load trained weights into a module. */
const WEIGHT_LOADERS = namesOf((c) => c.weightLoaders);
/** Framework hooks that manage modes themselves (Lightning's `validation_step`). */
const SELF_MANAGED_HOOKS = namesOf((c) => c.selfManagedHooks);

type ModelFramework = Framework;

interface ModelInfo {
  readonly framework: ModelFramework;
  readonly mayContainNormOrDropout: boolean;
  /** Known by construction or class; false when only guessed from a name or a method use. */
  readonly known: boolean;
  /** A Keras model class whose `call` takes its own flag (`is_training`) and no `training`. */
  readonly trainingFlag?: string;
}

/** What a function does to the models it receives (parameters and `self.X`), at every exit. */
/** `maybe-train`: train on some exits, the caller's mode on the others (a routine that restores `train()` per batch, when it loops at all). */
type Effect = 'eval' | 'train' | 'none' | 'maybe-train' | 'mixed';

interface FunctionSummary {
  readonly effects: ReadonlyMap<string, Effect>;
  /** The mode each model is in at every training step of the function (`train_one_epoch` calls `model.train()` first). */
  readonly entry: ReadonlyMap<string, 'train' | 'eval'>;
  /** The mode of the model the function returns, when it returns one on every path (`load_model` calls `.eval()`). */
  readonly returns?: readonly ModeToken[];
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
  /** The analysis of the file defining it: another project file's for an imported function. */
  readonly analysis: PythonModeAnalysis;
}

interface ClassDef {
  readonly node: SyntaxNode;
  readonly name: string;
  readonly info?: ClassInfo;
  /** Set after collection for a class recognised by its Keras step methods (its base is the project's). */
  framework?: ModelFramework;
  /** The model's layers come from a base class this file does not define: it may hold anything. */
  inheritsUnseenLayers?: boolean;
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
  /** The states at each training step and what each `return` hands back (for summaries). */
  readonly stepStates: State[];
  readonly returned: (readonly ModeToken[] | undefined)[];
  /** Per `return`, what each returned value is (the elements of `return model, loss_fn, optimizer`), while reading a factory. */
  readonly returnedModels: (ReturnedModel | undefined)[][];
  /** Models a closure uses from its enclosing function: their mode on entry is whatever that function left when it called the closure. */
  readonly inherited: Set<string>;
  /** Per enclosing `with` block: the modes `stack.enter_context(eval_mode(model))` changed, restored when the block ends. */
  readonly withRestores: [string, readonly ModeToken[]][][];
  /** Per enclosing loop: the states a `break` leaves it with, and those a `continue` takes to its next iteration. */
  readonly loopJumps: { readonly breaks: State[]; readonly continues: State[] }[];
  /** The value each enclosing phase loop's variable holds in the iteration being read (`phase` → `'val'`). */
  readonly phases: Map<string, string>;
  /** Asked by another file: the modes of `key` wherever the walk reaches the call at `start`. */
  probe?: { readonly start: number; readonly key: string; tokens?: ModeToken[] };
}

/** A model a function returns, and its modes there. */
interface ReturnedModel {
  readonly info: ModelInfo;
  readonly modes: readonly ModeToken[];
}

interface CallSiteRecord {
  readonly callee: FunctionDef;
  readonly calleeKey: string;
  readonly tokens: readonly ModeToken[];
  readonly caller?: FunctionDef;
  readonly callerKey: string;
  /** Where the call starts. */
  readonly start: number;
}

const CALLER: ModeToken = { mode: 'caller' };
const UNKNOWN_MODE: ModeToken = { mode: 'unknown' };

const rangeOf = (n: SyntaxNode): TextRange => ({ start: n.startIndex, end: n.endIndex });

function tokenKey(t: ModeToken): string {
  return `${t.mode}@${t.origin?.start ?? ''}${t.fresh ? ' fresh' : ''}${t.trainedSince ? ' trained' : ''}`;
}

function union(a: readonly ModeToken[], b: readonly ModeToken[]): ModeToken[] {
  const out = [...a];
  for (const t of b) if (!out.some((o) => tokenKey(o) === tokenKey(t))) out.push(t);
  return out;
}

/** Other project files read for the callers of one function, at most. */
const MAX_CALLER_FILES = 12;
/** Caller files asked in turn for their callers, at most (a notebook's helper called from another's). */
const MAX_CALLER_FILE_NESTING = 2;

/** Thrown when one file's mode analysis walks more statements than its budget allows. */
class ModeAnalysisTooCostly extends Error {}

/** Whether `text` spells `name` as a whole name (`model`, not `model_ema`). */
function spellsName(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1))
    if ((at === 0 || !isNameCode(text.charCodeAt(at - 1))) && !isNameCode(text.charCodeAt(at + name.length))) return true;
  return false;
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

/** A module path with indexes by a variable as `[*]` (`net.convnets[i]` → `net.convnets[*]`); literal indexes stay. */
function modulePart(key: string): string {
  return key.replace(/\[([^\]]*)\]/g, (whole, index: string) => (/^-?\d+$/.test(index.trim()) ? whole : '[*]'));
}

/** What `x.eval()` is called on, as written (`x`); undefined for any other call. */
function evalReceiverText(call: SyntaxNode): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== SWITCH_METHODS.eval) return undefined;
  return callee.childForFieldName('object')?.text ?? '';
}

/** `model.module` (DataParallel / DDP) is the same model for mode purposes. */
function normalizeKey(text: string): string {
  return text.replace(/\s+/g, '').replace(PYTORCH_WRAPPED_MODULE_SUFFIX, '');
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

/** A name of held-out data: a split word among its words, not the bare word (`eval`, `test` are also functions and flags). */
function isHeldOutName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 1) return GLUED_HELD_OUT.test(words[0]);
  if (words.some((w) => HELD_OUT_QUANTITY_WORDS.has(w))) return false;
  return words.some((w) => HELD_OUT_WORDS.has(w) || GLUED_HELD_OUT.test(w));
}

/**
 * The `def`s named as evaluation code (`def eval_net(`), not unit tests: such a function matters even
 * in a file without a mode marker, since its callers (in other project files) give its model's mode.
 */
function evaluationFunctionNames(text: string): string[] {
  const names: string[] = [];
  for (let at = text.indexOf('def '); at >= 0; at = text.indexOf('def ', at + 4)) {
    const [, name, params] = /^def\s+(\w+)\s*\(([^)]*)/.exec(text.slice(at, at + 300)) ?? [];
    if (!name || name.startsWith('test_') || !nameWords(name).some((w) => INFERENCE_WORDS.has(w))) continue;
    // It must take a model (`def eval_net(net, loader)`), as the callers then hand one in.
    const paramNames = params.split(',').map((p) => p.trim().split(/[:=\s]/)[0]);
    if (paramNames.some((p) => MODEL_PARAMETER_NAME.test(p) && !NOT_A_MODEL_SUFFIX.test(p))) names.push(name);
  }
  return names;
}

const definesEvaluationCode = (text: string) => evaluationFunctionNames(text).length > 0;

/** An evaluation function of this file that another project file names (calls, most likely). */
function calledFromOtherFiles(text: string, front: PythonFrontEnd): boolean {
  const project = front.project;
  if (!project) return false;
  return evaluationFunctionNames(text).some((name) => project.session.index.filesSpelling(name)?.some((file) => file !== project.file) === true);
}

/** `*args` or `**kwargs` in a call: the positions and names of what it passes are unknown. */
const isSpread = (argument: SyntaxNode) => argument.type === 'list_splat' || argument.type === 'dictionary_splat';

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

/** Whether any of these is a Keras layer that behaves differently in training and inference (BatchNorm, Dropout). */
function holdsKerasModeLayers(layers: readonly LayerConstruction[]): boolean {
  return layers.some((l) => l.spec.framework === 'keras' && (l.spec.role === 'batchnorm' || l.spec.role === 'dropout'));
}

export class PythonModeAnalysis {
  /** Named children, comments left out. */
  private children(node: SyntaxNode | null | undefined): readonly SyntaxNode[] {
    return codeChildren(node, this.text);
  }

  private readonly lines: LineIndex;
  private readonly classes = new Map<string, ClassDef>();
  /** Classes defined inside functions (a `get_model()` that defines the network it builds), in source order. */
  private readonly localClasses: ClassDef[] = [];
  private readonly functions = new Map<number, FunctionDef>();
  /** Every definition of a top-level name in source order: a notebook cell may define a function again. */
  private readonly topLevelDefinitions = new Map<string, FunctionDef[]>();
  private readonly summaries = new Map<number, FunctionSummary>();
  private readonly summarizing = new Set<number>();
  private readonly callSites: CallSiteRecord[] = [];
  private readonly modelCalls = new Map<number, ModelCall & { callerResolution?: { fn: FunctionDef; key: string } }>();
  private readonly trainingSteps = new Map<string, TrainingStep>();
  private readonly initProbes: InitProbe[] = [];
  private readonly trainCalls: { range: TextRange; key: string; after: InsertionPoint; scope: number }[] = [];
  /** `trainer.fit(model)` / `model.fit(...)`: the modules the loop may train, and the same-file class each was built from. */
  /** Framework loops (`trainer.fit(model)`), and other project files' training routines (`routine`: the model as this function names it). */
  private readonly fitCalls: {
    range: TextRange;
    candidates: { key: string; className?: string }[];
    after: InsertionPoint;
    scope: number;
    routine?: boolean;
  }[] = [];

  /** Freezes (`requires_grad = False`) by module and position, with the function they happen in. */
  /** `root`: the frozen module's first two names (`model.backbone`); `part`: the whole path frozen, indexes by a variable as `[*]`. */
  private readonly freezes = new Map<string, { root: string; part: string; start: number; scope: number }>();
  private batchNormKeptInEval = false;
  private readonly moduleModels = new Map<string, ModelInfo>();
  /** The modes module-level code leaves (what a handler that only a framework calls later finds). */
  private moduleExit?: State;
  /** A module-level call of a same-file function: what each argument named held there (a notebook rebinds `model` from cell to cell). */
  private readonly modelsAtModuleCalls = new Map<number, Map<string, ModelInfo | undefined>>();
  /** The models each walked function knows, for the closures defined inside it (`def _trainprocess():` using `model`). */
  private readonly functionModels = new Map<number, Map<string, ModelInfo>>();
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
    this.stepBudget = Math.max(20_000, 100 * (root.endPosition.row + 1));
    this.parens = front.parens;
    this.trainCallsText = OccurrenceIndex.of(text, SWITCH_CALLS.train);
    this.freezeCallsText = OccurrenceIndex.of(text, `${FREEZE.method}(`);
    this.definitionKeywords = OccurrenceIndex.ofNames(text, ['def', 'class']);
  }

  /** False when the text spells no mode marker and no probe: `analyze` then finds nothing (the front end skips such files). */
  static mayFindFacts(text: string): boolean {
    return ANY_MODE_MARKER.test(text) || hasProbeMarker(text) || definesEvaluationCode(text);
  }

  /** Other project files' analyses, for the summaries of their functions; null while one is being built or when it has no mode markers. */
  private static readonly projectFiles = new WeakMap<PythonFrontEnd, PythonModeAnalysis | null>();

  /**
   * The analysis of another project file (the home of an imported function), with its definitions
   * and module-level models read, so its functions can be summarized on demand for a caller.
   */
  private static ofProjectFile(front: PythonFrontEnd, anyNode: SyntaxNode): PythonModeAnalysis | undefined {
    if (PythonModeAnalysis.projectFiles.has(front)) return PythonModeAnalysis.projectFiles.get(front) ?? undefined;
    PythonModeAnalysis.projectFiles.set(front, null);
    let root = anyNode;
    while (root.parent) root = root.parent;
    const modeMarkers = codeMarkers(front.sourceText, root);
    if (modeMarkers.isEmpty) return undefined;
    const analysis = PythonModeAnalysis.ofModuleLevel(front, root, modeMarkers);
    PythonModeAnalysis.projectFiles.set(front, analysis);
    return analysis;
  }

  /** Definitions and module-level models read, so functions can be summarized and calls judged on demand. */
  private static ofModuleLevel(front: PythonFrontEnd, root: SyntaxNode, modeMarkers: OccurrenceIndex): PythonModeAnalysis {
    const analysis = new PythonModeAnalysis(front.sourceText, root, front, modeMarkers);
    analysis.collectDefinitions(root, undefined);
    analysis.recognizeKerasStepClasses();
    const models = analysis.newWalk(undefined, false);
    analysis.block(root, new Map(), models);
    for (const [key, info] of models.models) analysis.moduleModels.set(key, info);
    return analysis;
  }

  private static readonly callerFiles = new WeakMap<PythonFrontEnd, PythonModeAnalysis>();

  /** Another project file that calls a function defined here, read like `ofProjectFile` even without mode markers of its own. */
  private static ofCallerFile(front: PythonFrontEnd): PythonModeAnalysis {
    const known = PythonModeAnalysis.ofProjectFile(front, front.root) ?? PythonModeAnalysis.callerFiles.get(front);
    if (known) return known;
    const analysis = PythonModeAnalysis.ofModuleLevel(front, front.root, codeMarkers(front.sourceText, front.root));
    PythonModeAnalysis.callerFiles.set(front, analysis);
    return analysis;
  }

  static analyze(text: string, root: SyntaxNode, front: PythonFrontEnd): ModeFacts {
    const modeMarkers = codeMarkers(text, root);
    // Markers in comments and strings (`# x = np.zeros(...)`) decide nothing.
    if (
      modeMarkers.isEmpty &&
      !(hasProbeMarker(text) && !OccurrenceIndex.ofMatches(text, PROBE_MARKER_PATTERN).without((at) => notCode(root, at)).isEmpty) &&
      !calledFromOtherFiles(text, front)
    )
      return NO_MODE_FACTS;
    const analysis = new PythonModeAnalysis(text, root, front, modeMarkers);
    try {
      return analysis.run();
    } catch (error) {
      // A file whose flows multiply past any sensible cost (half-typed code can nest a function in
      // itself): the mode rules stay silent rather than guess, and the editor stays responsive.
      if (error instanceof ModeAnalysisTooCostly) return NO_MODE_FACTS;
      throw error;
    }
  }

  private run(): ModeFacts {
    this.collectDefinitions(this.root, undefined);
    this.recognizeKerasStepClasses();
    // Module level (scripts and notebooks): a model made and evaluated at top level. A first pass
    // finds the module-level models, so that the functions using them by their global name (a
    // script's `def train(): model.train() ...`) are summarized with them.
    const models = this.newWalk(undefined, false);
    this.block(this.root, new Map(), models);
    if (models.models.size > 0 && this.functions.size > 0) {
      for (const [key, info] of models.models) this.moduleModels.set(key, info);
      this.summaries.clear();
    }
    const moduleWalk = this.newWalk(undefined, true);
    this.moduleExit = this.block(this.root, new Map(), moduleWalk);
    for (const [key, info] of moduleWalk.models) this.moduleModels.set(key, info);
    // Enclosing functions come first (definitions are collected outside in), so a closure sees their models.
    for (const fn of this.functions.values()) {
      if (!this.isRelevant(fn)) continue;
      const walk = this.newWalk(fn, true);
      this.walkFunction(fn, walk);
      if (walk.models.size > 0) this.functionModels.set(fn.node.id, walk.models);
    }
    return {
      modelCalls: [...this.modelCalls.values()].map((call) => {
        const { callerResolution, ...rest } = call;
        if (!callerResolution) return rest;
        const { fn, key } = callerResolution;
        const callerSeen = this.callSites.some((site) => site.callee === fn && site.calleeKey === key);
        return {
          ...rest,
          callerSwitchesToEval: this.callerSwitchesToEval(fn, key, new Set()) || (!callerSeen && this.foreignCallersSwitchToEval(fn, key)),
          callerSeen,
        };
      }),
      trainingSteps: [...this.trainingSteps.values()],
      frozenTrainCalls: [...this.frozenTrainCalls(), ...this.noGradSubmoduleCalls()],
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
      const decorators = decorated
        ? this.children(statement)
            .filter((c) => c.type === 'decorator')
            .map((d) => this.children(d)[0])
        : [];
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
            return (params ??= named(definition.childForFieldName('parameters')).map((p) =>
              p.type === 'identifier' ? p.text : ((p.childForFieldName('name') ?? named(p)[0])?.text ?? ''),
            ));
          },
          get decorators() {
            return (decoratorNames ??= decorators.map((d) => qualify(d?.type === 'call' ? d.childForFieldName('function') : d) ?? d?.text ?? ''));
          },
          owner,
          analysis: this,
        };
        this.functions.set(definition.id, fn);
        if (owner) owner.methods.set(fn.name, fn);
        else {
          const definitions = this.topLevelDefinitions.get(fn.name);
          if (definitions) definitions.push(fn);
          else this.topLevelDefinitions.set(fn.name, [fn]);
        }
        // Nested functions are analyzed on their own.
        this.collectDefinitions(definition.childForFieldName('body')!, undefined);
      } else if (type === 'class_definition') {
        const name = definition.childForFieldName('name')?.text ?? '';
        const info = this.front.classInfo(definition);
        const cls: ClassDef = { node: definition, name, info, framework: info ? this.classFramework(info, new Set()) : undefined, methods: new Map() };
        this.classes.set(name, cls);
        let up = definition.parent;
        while (up && up.type !== 'function_definition') up = up.parent;
        if (up) this.localClasses.push(cls);
        this.collectDefinitions(definition.childForFieldName('body')!, cls);
      } else if (COMPOUND_STATEMENTS.has(type)) {
        for (const part of this.children(definition)) {
          const partType = part.type;
          if (partType === 'block') this.collectDefinitions(part, owner);
          else if (partType.endsWith('_clause'))
            this.collectDefinitions(part.childForFieldName('body') ?? part.childForFieldName('consequence') ?? part, owner);
        }
      }
    }
  }

  /**
   * A class overriding Keras' `train_step`/`test_step`/`predict_step` in a file that imports
   * TensorFlow/Keras (and not PyTorch) is a Keras model, even when its base comes from the project
   * (`class DetNetTrain(base_models.DetNet)`): those names are Keras' own hooks.
   */
  private recognizeKerasStepClasses(): void {
    const keras = modeConventionsOf('keras');
    if (!keras) return;
    for (const cls of this.classes.values()) {
      if (cls.framework || !cls.info || cls.info.bases.length === 0) continue;
      if (![...cls.methods.keys()].some((m) => keras.trainingStepMethods.has(m) || keras.inferenceStepMethods.has(m))) continue;
      const frameworks = this.fileFrameworks();
      if (!frameworks.has('keras') || frameworks.has('pytorch')) continue;
      if (cls.info.bases.every((b) => b.kind === 'path' && b.path === 'object')) continue;
      cls.framework = 'keras';
      cls.inheritsUnseenLayers = true;
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
        const framework = frameworkOfModelBase(base.path);
        if (framework) return framework;
      }
    }
    return undefined;
  }

  /**
   * Whether a class may hold BatchNorm or Dropout. `includePassed`: modules its constructor is
   * given (`self.net = net`) count too; without, only what the class builds or inherits.
   */
  private classMayContain(cls: ClassDef, includePassed = true): boolean {
    const cached = includePassed ? this.containsCache.get(cls) : undefined;
    if (cached !== undefined) return cached;
    if (cls.inheritsUnseenLayers) return true;
    if (includePassed) this.containsCache.set(cls, true);
    const result = this.classBuildsModeLayers(cls, includePassed) || (includePassed && this.storesPassedModules(cls));
    if (includePassed) this.containsCache.set(cls, result);
    return result;
  }

  /**
   * Whether a helper function a class calls to build a part (`conv_bn(3, 16)`) builds BatchNorm or
   * Dropout: a layer of that kind in its body or in a same-file helper it calls in turn; for a
   * function of another project file, a layer it built for this very call.
   */
  private functionBuildsModeLayers(fn: FunctionInfo, call: SyntaxNode, asBuilt: boolean, depth = 0): boolean {
    if ((fn.home ?? this.front) !== this.front)
      return layersBuiltFor(this.front.project?.session.placed ?? [], rangeOf(call)).some((l) => this.isModeLayer(l, asBuilt));
    const body = rangeOf(fn.node);
    if (this.front.layerConstructions.some((l) => rangeContains(body, l.range) && this.isModeLayer(l, asBuilt))) return true;
    return (
      depth < 3 &&
      this.callsIn(fn.node).some((inner) => {
        const value = this.front.resolveName(inner.childForFieldName('function'));
        return value.kind === 'function' && value.fn.node !== fn.node && this.functionBuildsModeLayers(value.fn, inner, asBuilt, depth + 1);
      })
    );
  }

  /**
   * A layer that computes differently in the two modes. `asBuilt`: a Dropout that every construction
   * of this file evaluates with rate 0 (DeepOD's `dropout=0.0` passed down two classes) is the identity.
   */
  private isModeLayer(layer: LayerConstruction, asBuilt = false): boolean {
    if (layer.spec.role === 'dropout') return !(asBuilt && this.dropoutAlwaysOff(layer));
    return layer.spec.role === 'batchnorm' || PythonModeAnalysis.layerDropsOut(layer) || PythonModeAnalysis.layerTracksStatistics(layer);
  }

  private dropoutsOff?: Map<number, boolean>;

  /** Every evaluation of this Dropout's construction in the file (once per call site of its class or helper) has rate 0. */
  private dropoutAlwaysOff(layer: LayerConstruction): boolean {
    if (!this.dropoutsOff) {
      this.dropoutsOff = new Map();
      for (const l of this.front.layerConstructions)
        if (l.spec.role === 'dropout') this.dropoutsOff.set(l.range.start, (this.dropoutsOff.get(l.range.start) ?? true) && dropoutRate(l) === 0);
    }
    return this.dropoutsOff.get(layer.range.start) === true;
  }

  /**
   * Whether a class may hold BatchNorm or Dropout other than in the modules its constructor is given:
   * what it builds or inherits (`includePassed`: counting the modules its sub-modules are given).
   * `asBuilt`: judged as this file builds it (see isModeLayer), sub-modules by their constructions.
   */
  private classBuildsModeLayers(cls: ClassDef, includePassed = true, asBuilt = false): boolean {
    if (cls.inheritsUnseenLayers) return true;
    const range = rangeOf(cls.node);
    const layers = this.front.layerConstructions.filter((l) => rangeContains(range, l.range));
    let result = layers.some((l) => this.isModeLayer(l, asBuilt));
    if (!result) {
      // Any sub-module built by something other than a known layer or a same-file class may hold them.
      const unknownBuilder = this.callsIn(cls.node).some((call) => {
        const callee = call.childForFieldName('function');
        const value = this.front.resolveName(callee);
        if (value.kind === 'ctor') return false;
        // `self.body = conv_bn(3, 16)`: a helper that builds the layers (in this file, or in another
        // project file that built them for this call).
        if (value.kind === 'function') return this.functionBuildsModeLayers(value.fn, call, asBuilt);
        if (value.kind === 'class') {
          const sub = this.classes.get(value.cls.name);
          if (!sub || sub.framework === undefined) return false;
          return asBuilt ? this.constructionMayContain(sub, call) : this.classMayContain(sub, includePassed);
        }
        // A `Sequential` of unknown parts may hold anything; one of transforms (`T.RandomGrayscale()`) or
        // of same-file classes that hold nothing holds nothing.
        if (value.kind === 'path')
          return (
            MODEL_ZOO_PATH.test(value.path) ||
            (SEQUENTIAL_CONTAINER_NAME.test(value.path) && !layers.length && !this.sequentialOfKnownParts(call, includePassed))
          );
        const parent = call.parent;
        // `self.block = make_block(...)` with an unknown maker (`self.n = len(data)` is no maker).
        return (
          parent?.type === 'assignment' &&
          parent.childForFieldName('left')?.text.startsWith('self.') === true &&
          callee?.type !== 'attribute' &&
          !PLAIN_DATA_BUILTINS.has(callee?.text ?? '')
        );
      });
      result = unknownBuilder;
    }
    return result;
  }

  /**
   * A PyTorch container with a part this file cannot see into: a module passed in (`Sequential(encoder,
   * head)`, `*layers`), or built by something other than a known layer or a mode-free `torch.nn` module
   * (`nn.ReLU()`, `nn.LogSoftmax(dim=1)`, which compute the same in either mode).
   */
  private hasUnknownParts(container: SyntaxNode): boolean {
    return this.children(container.childForFieldName('arguments')).some((part) => part.type !== 'keyword_argument' && this.partMayHold(part));
  }

  /** A container part that may hold BatchNorm or Dropout the container's own range does not show. */
  private partMayHold(part: SyntaxNode): boolean {
    // `nn.ReLU() if k % 2 else nn.Tanh()`: either arm may be the part.
    if (part.type === 'conditional_expression') {
      const [body, , alternative] = this.children(part);
      return !body || !alternative || this.partMayHold(body) || this.partMayHold(alternative);
    }
    // `NL = nn.Tanh()` earlier: a name bound to a layer of the table.
    if (part.type === 'identifier') {
      const value = this.front.resolveName(part);
      if (value.kind !== 'layer') return true;
      const role = value.layer.spec.role;
      return role === 'batchnorm' || role === 'dropout' || PythonModeAnalysis.layerDropsOut(value.layer);
    }
    // `nn.Sequential(*layers)` over a list the front end read completely: its layers decide.
    if (part.type === 'list_splat') {
      const list = this.children(part)[0];
      const value = list?.type === 'identifier' ? this.front.resolveName(list) : undefined;
      if (value?.kind !== 'list' || !value.complete || value.items.length === 0) return true;
      return [...value.items, ...(value.element ? [value.element] : [])].some(
        (item) =>
          item.kind !== 'layer' ||
          item.layer.spec.role === 'batchnorm' ||
          item.layer.spec.role === 'dropout' ||
          PythonModeAnalysis.layerDropsOut(item.layer) ||
          PythonModeAnalysis.layerTracksStatistics(item.layer),
      );
    }
    if (part.type !== 'call') return true;
    const value = this.front.resolveName(part.childForFieldName('function'));
    if (value.kind === 'ctor') return false;
    // A same-file module class (d2l's `Reshape()`): its own layers decide.
    if (value.kind === 'class') {
      const sub = this.classes.get(value.cls.name);
      return sub?.framework === undefined || this.classMayContain(sub);
    }
    if (value.kind !== 'path' || !MODE_FREE_TORCH_PATH.test(value.path)) return true;
    // A nested container: its own parts decide.
    return MODULE_CONTAINER_NAME.test(value.path) && this.hasUnknownParts(part);
  }

  /** Every part of a `Sequential(...)` is a transform or a same-file class that holds no BatchNorm or Dropout. */
  private sequentialOfKnownParts(call: SyntaxNode, includePassed: boolean): boolean {
    const parts = this.children(call.childForFieldName('arguments'));
    return (
      parts.length > 0 &&
      parts.every((part) => {
        if (part.type !== 'call') return false;
        const value = this.front.resolveName(part.childForFieldName('function'));
        if (value.kind === 'path') return NOT_A_LAYER_PATH.test(value.path);
        if (value.kind !== 'class') return false;
        const sub = this.classes.get(value.cls.name);
        return sub !== undefined && sub.framework !== undefined && !this.classMayContain(sub, includePassed);
      })
    );
  }

  /**
   * `self.encoders = nn.ModuleList(encoders)`, `self.head = head`: sub-modules the constructor
   * receives (MultiBench's MMDL) may hold anything.
   */
  private storesPassedModules(cls: ClassDef): boolean {
    return passedModuleParameters(cls.node, this.text).size > 0;
  }

  /** Classes whose construction is being judged: a class that builds itself is not judged again. */
  private readonly constructionsInProgress = new Set<ClassDef>();

  /**
   * An instance built by this call, judged as built: a Dropout every construction of the file leaves at
   * rate 0 drops nothing, and the modules the constructor is given are this call's arguments (d2l's
   * `RNNModel(nn.RNN(...), vocab_size)` holds neither BatchNorm nor Dropout).
   */
  private constructionMayContain(cls: ClassDef, call: SyntaxNode | undefined): boolean {
    if (!this.classMayContain(cls)) return false;
    if (!call || this.constructionsInProgress.has(cls)) return true;
    this.constructionsInProgress.add(cls);
    try {
      if (this.classBuildsModeLayers(cls, true, true)) return true;
      const args = this.children(call.childForFieldName('arguments'));
      return passedModulesMayHold(cls.node, this.text, { args, test: (argument) => this.argumentIsModeFree(argument) });
    } finally {
      this.constructionsInProgress.delete(cls);
    }
  }

  /**
   * A module handed to a constructor that provably holds no BatchNorm or Dropout: a layer of the
   * tables that neither normalizes by statistics nor drops out (`nn.RNN(n, h)`), a same-file class
   * without them as built there, a list of those, or, at module level, a name the module binds once
   * to one of those.
   */
  private argumentIsModeFree(argument: SyntaxNode, depth = 0): boolean {
    switch (argument.type) {
      case 'identifier': {
        // Read at module level, where the one binding is what the name holds.
        if (depth > 0 || this.innermostFunction(argument.startIndex)) return false;
        const bound = this.front.moduleSingleBindings().get(argument.text);
        return bound !== undefined && this.argumentIsModeFree(bound, depth + 1);
      }
      case 'list':
      case 'tuple':
        return this.children(argument).every((item) => this.argumentIsModeFree(item, depth));
      case 'list_comprehension':
      case 'generator_expression': {
        const body = argument.childForFieldName('body');
        return body !== null && this.argumentIsModeFree(body, depth);
      }
      case 'call': {
        const value = this.front.resolveName(argument.childForFieldName('function'));
        if (value.kind === 'class') {
          const sub = this.classes.get(value.cls.name);
          return sub?.framework !== undefined && !this.constructionMayContain(sub, argument);
        }
        const range = rangeOf(argument);
        const modeLayers = this.front.layerConstructions.some((l) => rangeContains(range, l.range) && this.isModeLayer(l, true));
        return !modeLayers && !this.partMayHold(argument);
      }
      default:
        return false;
    }
  }

  private readonly callsCache = new Map<number, SyntaxNode[]>();
  /** Every call of the file in document order (outer before inner), found from its `(`. */
  private fileCalls?: SyntaxNode[];

  /**
   * Every call of the file, read from the positions of its `(` rather than by walking the tree:
   * the file's parentheses are already indexed, and marshalling every node of a big file costs
   * more than the rest of the analysis.
   */
  private allCalls(): SyntaxNode[] {
    if (this.fileCalls) return this.fileCalls;
    const calls: SyntaxNode[] = [];
    for (const offset of this.parens.offsets) {
      // The smallest node holding the character before `(` and the `(` itself is the call.
      // (Asking a node for its parent is slow in tree-sitter: it searches down from the root.)
      // A call's `(` follows its callee (a name, `)` or `]`); others open tuples and groupings.
      let before = offset - 1;
      while (before >= 0 && isSpaceCode(this.text.charCodeAt(before))) before--;
      const code = before >= 0 ? this.text.charCodeAt(before) : 32;
      if (!isNameCode(code) && code < 128 && code !== 41 && code !== 93) continue;
      const call = this.root.descendantForIndex(offset - 1, offset + 1);
      if (call?.type === 'call' && call.childForFieldName('arguments')?.startIndex === offset) calls.push(call);
    }
    // Document order as a walk visits it: by start, and the enclosing call first (`a.b(x).c(y)`).
    calls.sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
    return (this.fileCalls = calls);
  }

  /** Every call inside a node, the node included (memoized: functions and loops are asked about several times). */
  private callsIn(node: SyntaxNode): SyntaxNode[] {
    const cached = this.callsCache.get(node.id);
    if (cached) return cached;
    const calls = this.allCalls();
    let low = 0;
    let high = calls.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (calls[mid].startIndex < node.startIndex) low = mid + 1;
      else high = mid;
    }
    const out: SyntaxNode[] = [];
    for (let i = low; i < calls.length && calls[i].startIndex < node.endIndex; i++) if (calls[i].endIndex <= node.endIndex) out.push(calls[i]);
    this.callsCache.set(node.id, out);
    return out;
  }

  /** Built once per file on first use, so nested functions are not rescanned. */
  private probeMarkers?: OccurrenceIndex;

  private hasMarkers(fn: FunctionDef): boolean {
    if (fn.name === '__init__' && fn.owner?.framework === 'pytorch') {
      this.probeMarkers ??= OccurrenceIndex.ofMatches(this.text, PROBE_MARKER_PATTERN).without((at) => notCode(this.root, at));
      if (this.probeMarkers.within(fn.start, fn.end)) return true;
    }
    return this.modeMarkers.within(fn.start, fn.end);
  }

  /** Whether the function's text names a same-file function it could call (cheap, before any walk). */
  private mentionsSameFileFunction(fn: FunctionDef): boolean {
    return this.mentionedCalls(fn).some((n) => this.topLevelDefinitions.has(n) || fn.owner?.methods.has(n));
  }

  private effectfulNames?: Set<string>;

  /**
   * Names of functions that can switch modes or train: those with markers, and (to a fixpoint)
   * those that mention one of them. Computed on the text once per file, so relevance costs no walk.
   */
  private effectful(): Set<string> {
    if (this.effectfulNames) return this.effectfulNames;
    const all = [...this.functions.values()];
    // An evaluation function counts too: its model's mode is whatever its callers leave.
    const queue = all.filter((fn) => this.hasMarkers(fn) || this.isInferenceFunction(fn)).map((fn) => fn.name);
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
      for (let i = this.parens.firstAtOrAfter(fn.start); i < offsets.length && offsets[i] < fn.end; i++) {
        if (this.calledWords[i]) names.push(this.calledWords[i]);
      }
      this.mentioned.set(fn.node.id, names);
    }
    return names;
  }

  /** Whether the text between two offsets calls a same-file function that can switch modes or train. */
  private callsEffectful(start: number, end: number): boolean {
    const effectful = this.effectful();
    if (effectful.size === 0) return false;
    this.calledWords ??= this.parens.offsets.map((offset) => wordBefore(this.text, offset));
    const offsets = this.parens.offsets;
    for (let i = this.parens.firstAtOrAfter(start); i < offsets.length && offsets[i] < end; i++) if (effectful.has(this.calledWords[i])) return true;
    return false;
  }

  /** Only functions that can hold a mode fact are walked. */
  /** The file freezes parameters: a framework loop's `fit` may train frozen BatchNorm (BN204). */
  private fitMayTrainFrozen(fn: FunctionDef): boolean {
    return fn.text.includes(FRAMEWORK_LOOP_CALL) && FREEZE_SPELLINGS.some((spelling) => this.text.includes(spelling));
  }

  private isRelevant(fn: FunctionDef): boolean {
    if (this.hasMarkers(fn) || this.isInferenceFunction(fn) || this.fitMayTrainFrozen(fn)) return true;
    const effectful = this.effectful();
    return effectful.size > 0 && this.mentionedCalls(fn).some((n) => effectful.has(n) && n !== fn.name);
  }

  /** Text that can build a model: same-file model classes or known model factories. */
  private mayBuildModels(fn: FunctionDef): boolean {
    const body = fn.text;
    if (MODEL_BUILDING_TEXT.test(body)) return true;
    for (const cls of this.classes.values()) if (cls.framework && body.includes(`${cls.name}(`)) return true;
    return false;
  }

  private isInferenceName(name: string): boolean {
    return nameWords(name).some((w) => INFERENCE_WORDS.has(w));
  }

  /**
   * Evaluation code by its name (`evaluate`, `validate`, `predict`...), or by its use: a function
   * the file calls with held-out data that it loops over, training nothing (`compute_accuracy(model,
   * valid_loader)`). Unit tests (pytest's `test_*`, unittest's `Test*` classes) are not, nor hooks
   * whose framework sets the mode.
   */
  private isInferenceFunction(fn: FunctionDef): boolean {
    const isUnitTest = fn.name.startsWith('test_') || /^Test|Tests?$|TestCase$/.test(fn.owner?.name ?? '');
    if (isUnitTest || SELF_MANAGED_HOOKS.has(fn.name)) return false;
    return this.isInferenceName(fn.name) || this.loopsOverHeldOutData(fn);
  }

  private readonly heldOutLoops = new Map<number, boolean>();

  /** A top-level function some call of the file hands held-out data (`valid_loader`) that it loops over, with no training step. */
  private loopsOverHeldOutData(fn: FunctionDef): boolean {
    const known = this.heldOutLoops.get(fn.node.id);
    if (known !== undefined) return known;
    let result = false;
    const calls = this.callsOf(fn);
    const heldOutParams = new Set<string>();
    for (const call of calls) {
      this.children(call.childForFieldName('arguments')).forEach((arg, i) => {
        const keyword = arg.type === 'keyword_argument';
        const value = keyword ? arg.childForFieldName('value') : arg;
        const param = keyword ? arg.childForFieldName('name')?.text : fn.params[i];
        if (param && value && (value.type === 'identifier' || value.type === 'attribute') && isHeldOutName(value.text)) heldOutParams.add(param);
      });
    }
    if (heldOutParams.size > 0 && !this.callsIn(fn.node).some((c) => this.isTrainingStep(c))) {
      const visit = (n: SyntaxNode): boolean => {
        if (n.type === 'function_definition' || n.type === 'class_definition') return false;
        if (n.type === 'for_statement' && this.identifiersOf(n.childForFieldName('right')).some((name) => heldOutParams.has(name))) return true;
        return this.children(n).some(visit);
      };
      result = this.children(fn.node.childForFieldName('body')).some(visit);
    }
    this.heldOutLoops.set(fn.node.id, result);
    return result;
  }

  // ---------------------------------------------------------------- walking

  private newWalk(fn: FunctionDef | undefined, record: boolean): Walk {
    return {
      fn,
      record,
      contexts: [],
      models: new Map(),
      exits: [],
      savedModes: new Map(),
      stepStates: [],
      returned: [],
      returnedModels: [],
      inherited: new Set(),
      withRestores: [],
      loopJumps: [],
      phases: new Map(),
    };
  }

  private walkFunction(fn: FunctionDef, walk: Walk): State {
    this.identifyParameterModels(fn, walk);
    // No model in sight: only BN204's freeze/train events and BN205's probes can matter.
    const text = fn.text;
    const structural =
      FREEZE_SPELLINGS.some((spelling) => text.includes(spelling)) ||
      text.includes(SWITCH_CALLS.train) ||
      this.fitMayTrainFrozen(fn) ||
      (fn.name === '__init__' && fn.owner?.framework === 'pytorch');
    // A call of a function that acts on modes, or of an evaluation function, is a call site whose modes matter.
    const callsModeCode = () => this.callsEffectful(fn.start, fn.end);
    if (walk.models.size === 0 && !structural && !this.mayBuildModels(fn) && !(fn.owner?.framework === 'keras') && !callsModeCode()) return new Map();
    const decorators = new Set(fn.decorators);
    if ([...decorators].some((d) => NO_GRAD_CONTEXTS.has(d))) walk.contexts.push('no-grad');
    if (this.isInferenceFunction(fn)) walk.contexts.push('inference-function');
    const keras = modeConventionsOf('keras');
    if (fn.owner?.framework === 'keras' && keras?.trainingStepMethods.has(fn.name)) walk.contexts.push('gradient-tape');
    if (fn.owner?.framework === 'keras' && keras?.inferenceStepMethods.has(fn.name)) walk.contexts.push('keras-inference');
    if (SELF_MANAGED_HOOKS.has(fn.name) && fn.owner?.framework === 'pytorch') return new Map();
    const body = fn.node.childForFieldName('body');
    // Which call of the closure runs first is not followed: a model it shares starts in an unknown mode.
    const state: State = new Map([...walk.inherited].map((key) => [key, [UNKNOWN_MODE]]));
    for (const [key, token] of this.keptInEvalByConstructor(fn)) if (!state.has(key)) state.set(key, [token]);
    for (const param of this.parametersEvaluatedByDecorators(fn)) if (!state.has(param)) state.set(param, [{ mode: 'eval' }]);
    for (const [key, tokens] of this.entryFromModuleLevel(fn, walk)) if (!state.has(key)) state.set(key, tokens);
    const end = body ? this.block(body, state, walk) : state;
    return joinStates([...(end ? [end] : []), ...walk.exits]);
  }

  /**
   * Parameters a same-file decorator puts in eval before running the function: `def eval_mode(fn):
   * def wrapper(model, *args): model.eval(); ... fn(model, *args)` makes `@eval_mode def predict(model, x)`
   * start with `model` in eval (by position). `restoredOnly`: those of decorators that also switch back
   * (`model.train(was)`), which leave the caller's mode as it was.
   */
  private parametersEvaluatedByDecorators(fn: FunctionDef, restoredOnly = false): string[] {
    const out: string[] = [];
    for (const name of fn.decorators) {
      const decorator = this.topLevelDefinitions.get(name)?.at(-1);
      if (
        !decorator ||
        decorator === fn ||
        !decorator.text.includes(SWITCH_CALLS.evalWithoutArguments) ||
        (restoredOnly && !decorator.text.includes(SWITCH_CALLS.train))
      )
        continue;
      for (const wrapper of this.functions.values()) {
        if (wrapper.start <= decorator.start || wrapper.end > decorator.end) continue;
        for (const call of this.callsIn(wrapper.node)) {
          const receiver = evalReceiverText(call);
          if (receiver === undefined) continue;
          const index = wrapper.params.indexOf(receiver);
          if (index >= 0 && fn.params[index]) out.push(fn.params[index]);
        }
      }
    }
    return out;
  }

  /**
   * A top-level function nothing in the file calls (a Flask, Gradio or Streamlit handler) runs after
   * the module level: a module-level model it uses is in the mode the module left it, when nothing in
   * the file switches that model (no `.eval()`/`.train()` on it anywhere) nor hands it to other code.
   */
  private entryFromModuleLevel(fn: FunctionDef, walk: Walk): [string, ModeToken[]][] {
    const exit = this.moduleExit;
    if (!exit || fn.owner || !this.topLevelDefinitions.get(fn.name)?.includes(fn) || this.innermostFunction(fn.start - 1) || this.callsOf(fn).length > 0)
      return [];
    const out: [string, ModeToken[]][] = [];
    for (const key of walk.models.keys()) {
      const tokens = exit.get(key);
      if (!tokens || !this.moduleModels.has(key) || fn.params.includes(key) || walk.inherited.has(key)) continue;
      // Switched to eval at module level and never to train anywhere (a notebook's `model.eval()` cell):
      // eval, whatever same-file code the model is handed to, unless that code switches to train.
      if (tokens.every((t) => t.mode === 'eval') && !this.text.includes(`${key}${SWITCH_CALLS.train}`) && !this.handedOn(key, true)) {
        out.push([key, tokens]);
        continue;
      }
      if (!tokens.every((t) => t.mode === 'train' && t.via !== 'switch' && !t.fresh)) continue;
      if (this.text.includes(`${key}${SWITCH_CALLS.eval}`) || this.text.includes(`${key}${SWITCH_CALLS.train}`) || this.handedOn(key)) continue;
      out.push([key, tokens]);
    }
    return out;
  }

  /**
   * Some call of the file passes the model as an argument (`setup(net)`, `DataParallel(net)`): that
   * code may switch it. `exceptNonSwitching`: a same-file function that never calls `.train()` does not count.
   */
  private handedOn(key: string, exceptNonSwitching = false): boolean {
    return this.callsIn(this.root).some((call) => {
      if (exceptNonSwitching) {
        const fn = this.calleeFunction(call, undefined);
        if (fn && fn.analysis === this && !fn.text.includes(SWITCH_CALLS.train)) return false;
      }
      return this.children(call.childForFieldName('arguments')).some(
        (a) => this.modelKeyOf(a.type === 'keyword_argument' ? (a.childForFieldName('value') ?? a) : a) === key,
      );
    });
  }

  /** The frameworks whose packages the file imports (a guessed model is a PyTorch one only in a PyTorch file). */
  private importedFrameworks?: Set<Framework>;

  private fileFrameworks(): Set<Framework> {
    if (this.importedFrameworks) return this.importedFrameworks;
    const found = new Set<Framework>();
    const visit = (node: SyntaxNode, depth: number) => {
      for (const statement of this.children(node)) {
        const type = statement.type;
        if (type === 'import_statement' || type === 'import_from_statement') {
          const modules =
            type === 'import_from_statement'
              ? [statement.childForFieldName('module_name')]
              : statement.childrenForFieldName('name').map((n) => (n?.type === 'aliased_import' ? n.childForFieldName('name') : n));
          for (const module of modules) {
            const root = module?.text.split('.')[0] ?? '';
            for (const c of modeConventions()) if (c.importRoots.includes(root)) found.add(c.framework);
          }
        } else if (depth < 2 && (COMPOUND_STATEMENTS.has(type) || type === 'function_definition' || type === 'expression_statement')) {
          if (type === 'expression_statement') continue;
          visit(statement.childForFieldName('body') ?? statement, depth + 1);
        }
      }
    };
    visit(this.root, 0);
    return (this.importedFrameworks = found);
  }

  /** What a value guessed to be a model (by name or use) is: a PyTorch module, in a file that imports PyTorch. */
  private guessedModel(): ModelInfo | undefined {
    return this.fileFrameworks().has('pytorch') ? { framework: 'pytorch', mayContainNormOrDropout: true, known: false } : undefined;
  }

  private static isModelLikeName(name: string): boolean {
    return MODEL_PARAMETER_NAME.test(name) && !NOT_A_MODEL_SUFFIX.test(name);
  }

  /** Parameters used like models (`.eval()`, `.parameters()`, `.to(device)`) are models. */
  private identifyParameterModels(fn: FunctionDef, walk: Walk): void {
    const params = new Set(fn.params);
    const ownerIsModule = fn.owner?.framework !== undefined;
    const guess = this.guessedModel();
    for (const param of guess ? fn.params : []) {
      if (param !== 'self' && PythonModeAnalysis.isModelLikeName(param) && !this.givenPlainFunction(fn, param, 3)) walk.models.set(param, guess!);
    }
    // Parameters of any name (`vae`, `net2`) that a call site in the file gives a module-level model.
    const given = this.parametersGivenModels(fn);
    for (const [param, info] of given) if (!walk.models.has(param)) walk.models.set(param, info);
    // A parameter every call of the file gives a module-level model without BatchNorm or Dropout (a char-RNN's `evaluate(model)`) holds neither.
    const calls = this.callsOf(fn).length;
    for (const param of new Set(given.map(([p]) => p))) {
      const infos = given.filter(([p]) => p === param).map(([, info]) => info);
      if (infos.length === calls && infos.every((info) => !info.mayContainNormOrDropout)) walk.models.set(param, infos[0]);
    }
    const text = fn.text;
    const usesModelMethods = guess !== undefined && [...MODEL_METHODS].some((m) => text.includes(`.${m}(`));
    for (const call of usesModelMethods ? this.callsIn(fn.node) : []) {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'attribute') continue;
      const method = callee.childForFieldName('attribute')?.text ?? '';
      if (!MODEL_METHODS.has(method)) continue;
      const key = normalizeKey(callee.childForFieldName('object')?.text ?? '');
      const root = key.split('.')[0];
      if (params.has(root) && root !== 'self' && key === root && !walk.models.has(key)) walk.models.set(key, guess!);
      if (root === 'self' && !ownerIsModule && /^self\.\w+$/.test(key) && !walk.models.has(key)) walk.models.set(key, guess!);
    }
    // A parameter every call gives only values without BatchNorm or Dropout, also through callers' parameters (`train_ch5(net)` handing its `net` to `evaluate_accuracy(test_iter, net)`).
    for (const [param, info] of walk.models)
      if (params.has(param) && info.mayContainNormOrDropout && this.givenOnlyModeFree(fn, param, 3))
        walk.models.set(param, { ...info, mayContainNormOrDropout: false });
    // `self.model` assigned a model in __init__ of a non-model class (a Trainer), or used like one in any of its methods.
    if (fn.owner && !ownerIsModule) {
      const init = fn.owner.methods.get('__init__');
      const initParams = new Set(init?.params ?? []);
      const modeFree = new Set<string>();
      for (const assignment of init ? this.assignmentsIn(init.node) : []) {
        const left = assignment.childForFieldName('left')?.text ?? '';
        const right = assignment.childForFieldName('right');
        if (!/^self\.\w+$/.test(left)) continue;
        const info =
          this.modelFromExpression(right, walk) ??
          (right?.type === 'identifier' && initParams.has(right.text) && PythonModeAnalysis.isModelLikeName(right.text) ? guess : undefined);
        if (info) walk.models.set(left, info);
        // `self.model = RecurrentAttention(...)`, a class of another project file made of Linear layers only.
        else if (right?.type === 'call' && guess && this.constructsModeFree(right)) modeFree.add(left);
      }
      // `self.model = Net(...)` in `fit()`: an attribute every method of the class binds to a mode-free construction.
      for (const key of guess ? this.ownerModelAttributes(fn.owner) : [])
        if (!walk.models.has(key) && this.alwaysBuiltModeFree(fn.owner, key)) modeFree.add(key);
      const modeFreeGuess = guess && { ...guess, mayContainNormOrDropout: false };
      if (guess)
        for (const key of this.ownerModelAttributes(fn.owner)) if (!walk.models.has(key)) walk.models.set(key, modeFree.has(key) ? modeFreeGuess! : guess);
    }
    // A closure uses its enclosing function's models by name.
    for (let n = fn.node.parent; n; n = n.parent) {
      const enclosing = n.type === 'function_definition' ? this.functionModels.get(n.id) : undefined;
      if (!enclosing) continue;
      for (const [key, info] of enclosing)
        if (!walk.models.has(key) && !params.has(key.split('.')[0]) && text.includes(key)) {
          walk.models.set(key, info);
          walk.inherited.add(key);
        }
      break;
    }
    // A module-level model matters to the functions that name it (summaries follow parameters only).
    for (const [key, info] of this.moduleModels) if (!walk.models.has(key) && !params.has(key) && text.includes(key)) walk.models.set(key, info);
    // A module that trains itself (`def fit(self): self.train(); ... loss.backward()`, a Keras-style
    // PyTorch wrapper) is a model in every method: its evaluation methods switch `self` to eval.
    if (fn.owner?.framework === 'pytorch' && this.trainsItself(fn.owner))
      walk.models.set('self', { framework: 'pytorch', mayContainNormOrDropout: this.instancesMayContain(fn.owner), known: true });
    // A Keras model's own step methods call it as `self(x)`, and the sub-models its `__init__` stores
    // (`self.generator = build_generator()`, or a model its constructor is given) as `self.generator(z)`.
    if (fn.owner?.framework === 'keras' && this.isKerasStep(fn)) {
      walk.models.set('self', { framework: 'keras', mayContainNormOrDropout: this.classMayContain(fn.owner), known: true });
      for (const [key, info] of this.kerasSubModels(fn.owner, walk)) if (!walk.models.has(key)) walk.models.set(key, info);
    }
  }

  private callsByName?: Map<string, SyntaxNode[]>;

  /** A top-level function's parameters that some call of it in the file binds to a module-level model. */
  /** The file's calls of its top-level functions, by name. */
  private callsByFunctionName(): Map<string, SyntaxNode[]> {
    if (!this.callsByName) {
      this.callsByName = new Map();
      for (const call of this.callsIn(this.root)) {
        const callee = call.childForFieldName('function');
        if (callee?.type !== 'identifier' || !this.topLevelDefinitions.has(callee.text)) continue;
        const list = this.callsByName.get(callee.text);
        if (list) list.push(call);
        else this.callsByName.set(callee.text, [call]);
      }
    }
    return this.callsByName;
  }

  /**
   * The top-level function a call at `offset` reaches by `name`: the last definition before it (calls
   * after a notebook cell's redefinition belong to the new one), or the first for a call above all of them.
   */
  private topLevelFunctionAt(name: string, offset: number): FunctionDef | undefined {
    const definitions = this.topLevelDefinitions.get(name);
    if (!definitions) return undefined;
    let found = definitions[0];
    for (const fn of definitions) if (fn.start < offset) found = fn;
    return found;
  }

  /** The file's calls that reach this top-level function by its name (none for a method). */
  private callsOf(fn: FunctionDef): SyntaxNode[] {
    if (fn.owner || !this.topLevelDefinitions.get(fn.name)?.includes(fn)) return [];
    const calls = this.callsByFunctionName().get(fn.name) ?? [];
    return this.topLevelDefinitions.get(fn.name)!.length === 1 ? calls : calls.filter((call) => this.topLevelFunctionAt(fn.name, call.startIndex) === fn);
  }

  /**
   * Every call of the project gives this parameter a value that provably runs nothing mode-dependent: a
   * lambda, a model without BatchNorm or Dropout, or a parameter of the calling function that is itself
   * given only such values (followed `depth` levels). Calls in other project files count too (a
   * library's `train_and_predict(model)` called from its notebooks). A function nothing calls, a
   * caller that cannot be read, or any other value leaves it unknown.
   */
  private givenOnlyModeFree(fn: FunctionDef, param: string, depth: number): boolean {
    if (depth === 0) return false;
    const calls = this.callsOf(fn);
    // The file's own calls first: other files are read only when these leave the answer open.
    if (!calls.every((call) => this.passesModeFree(fn, call, param, depth))) return false;
    const foreign = this.foreignCallsOf(fn);
    return foreign !== undefined && calls.length + foreign.length > 0 && foreign.every(({ analysis, call }) => analysis.passesModeFree(fn, call, param, depth));
  }

  /** This file's call of `fn` (defined here or in another project file) gives `param` a value that provably runs nothing mode-dependent. */
  private passesModeFree(fn: FunctionDef, call: SyntaxNode, param: string, depth: number): boolean {
    const index = fn.params.indexOf(param);
    const args = this.children(call.childForFieldName('arguments'));
    const value =
      args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === param)?.childForFieldName('value') ??
      (args.slice(0, index + 1).every((a) => a.type !== 'keyword_argument' && !isSpread(a)) ? args[index] : undefined);
    if (!value) return false;
    if (value.type === 'lambda') return true;
    const caller = this.innermostFunction(call.startIndex);
    const root = this.modelKeyOf(value).split('.')[0];
    if (caller?.params.includes(root)) return value.type === 'identifier' && this.givenOnlyModeFree(caller, root, depth - 1);
    // A module-level model, unless the calling function binds a local of that name.
    const local = caller && this.assignmentsIn(caller.node).some((a) => this.valueAssignedTo(a, root) !== undefined);
    const info = local ? undefined : this.modelGivenAt(call, value);
    // A module-level call the walk did not record sees the binding before it, not the last one. A model
    // guessed by its name (`model`) may still be proven mode-free by its construction below.
    if (info && (caller || this.modelsAtModuleCalls.has(call.id)) && (info.known || !info.mayContainNormOrDropout)) return !info.mayContainNormOrDropout;
    // `head = MLP(n_latent, 40, classes).cuda()`, an instance of a project class without BatchNorm or Dropout. Inside a
    // function a global may hold any of its module-level bindings; at module level, the last one before the call.
    if (value.type !== 'identifier') return (info !== undefined && !info.mayContainNormOrDropout) || (value.type === 'call' && this.constructsModeFree(value));
    const constructors = local
      ? this.constructorsOf(root, caller.node.id, call.startIndex)
      : this.constructorsOf(root, -1, caller ? this.text.length : call.startIndex);
    const current = caller && !local ? constructors : constructors.slice(-1);
    if (current.length > 0 && current.every((callee) => callee.parent?.type === 'call' && this.constructsModeFree(callee.parent))) return true;
    return info !== undefined && !info.mayContainNormOrDropout;
  }

  /**
   * Statements walked so far, and how many this file may cost (see `ModeAnalysisTooCostly`): 100 per
   * line, at least 20,000. Real code walks at most 10 per line (torch, torchvision and the corpus, 5 Dec).
   */
  private steps = 0;
  private readonly stepBudget: number;

  private readonly foreignCalls = new Map<number, { analysis: PythonModeAnalysis; call: SyntaxNode }[] | null>();

  /**
   * Whether every call of a top-level function from the project's other files hands it the model
   * under `param` in eval mode (`net.eval(); evaluate(net, loader)` in train.py, for `evaluate` in
   * utils.py). No such call, or one whose mode cannot be told, gives false.
   */
  private foreignCallersSwitchToEval(fn: FunctionDef, param: string): boolean {
    if (fn.owner || !fn.params.includes(param)) return false;
    const foreign = this.foreignCallsOf(fn);
    if (!foreign || foreign.length === 0) return false;
    return foreign.every(({ analysis, call }) => {
      const argument = callArgumentFor(fn.node, this.text, analysis.children(call.childForFieldName('arguments')), param);
      if (!argument) return false;
      const tokens = analysis.modesAtCall(call, analysis.modelKeyOf(argument));
      return tokens !== undefined && tokens.length > 0 && tokens.every((t) => t.mode === 'eval');
    });
  }

  /** The modes of `key` where this file's code reaches `call` (in its function, or at module level). */
  private modesAtCall(call: SyntaxNode, key: string): readonly ModeToken[] | undefined {
    const fn = this.innermostFunction(call.startIndex);
    const walk = this.newWalk(fn, false);
    walk.probe = { start: call.startIndex, key };
    try {
      if (fn) this.walkFunction(fn, walk);
      else this.block(this.root, new Map(), walk);
    } catch (error) {
      if (error instanceof ModeAnalysisTooCostly) return undefined;
      throw error;
    }
    return walk.probe.tokens;
  }

  /**
   * The calls of a top-level function from the project's other files (notebooks included), each with
   * its file's analysis; undefined when some file that names the function cannot be read or uses the
   * name otherwise than by calling it. Without a project, or one listed without its notebooks (the
   * editor), none: the file's own calls are all that is seen, as before.
   */
  private foreignCallsOf(fn: FunctionDef): { analysis: PythonModeAnalysis; call: SyntaxNode }[] | undefined {
    const project = this.front.project;
    if (!project || !project.session.index.listsNotebooks || fn.owner || fn.name === '') return [];
    const known = this.foreignCalls.get(fn.node.id);
    if (known !== undefined) return known ?? undefined;
    this.foreignCalls.set(fn.node.id, null);
    const files = project.session.index.filesSpelling(fn.name);
    // A name spelled in many files (`train`, `test`) is rarely one function's: reading them all would cost more than it proves.
    if (!files || files.length > MAX_CALLER_FILES) return undefined;
    // A caller file's analysis may ask its own callers in turn (notebooks that pass models along):
    // past a few files deep the answer stays unknown, which keeps the analysis of one file bounded.
    if (PythonModeAnalysis.callerFileNesting >= MAX_CALLER_FILE_NESTING) return undefined;
    PythonModeAnalysis.callerFileNesting++;
    try {
      const found: { analysis: PythonModeAnalysis; call: SyntaxNode }[] = [];
      for (const file of files) {
        if (file === project.file) continue;
        const front = project.session.module(file);
        // A file defining a function of that name calls its own (see callsNaming), read without walking it.
        const own = front?.moduleValue(fn.name);
        if (own?.kind === 'function' && (own.fn.home ?? front) === front) continue;
        const calls = front && PythonModeAnalysis.ofCallerFile(front).callsNaming(fn.name);
        if (!calls) return undefined;
        for (const call of calls) found.push({ analysis: PythonModeAnalysis.ofCallerFile(front), call });
      }
      this.foreignCalls.set(fn.node.id, found);
      return found;
    } finally {
      PythonModeAnalysis.callerFileNesting--;
    }
  }

  /** How many caller files' analyses are asking for their own callers right now (see foreignCallsOf). */
  private static callerFileNesting = 0;

  /**
   * The calls of this file that may reach another file's function by its name (`train(model)` after
   * `from engine import train`, `d2l.train(model)`); undefined when the name is also used otherwise
   * (passed on, assigned, imported under another name), so that some call may go unseen.
   */
  private callsNaming(name: string): SyntaxNode[] | undefined {
    const calls: SyntaxNode[] = [];
    // Every whole-name occurrence, attributes too (`d2l.train(...)`).
    for (let offset = this.text.indexOf(name); offset >= 0; offset = this.text.indexOf(name, offset + 1)) {
      if ((offset > 0 && isNameCode(this.text.charCodeAt(offset - 1))) || isNameCode(this.text.charCodeAt(offset + name.length))) continue;
      const node = this.root.descendantForIndex(offset, offset + name.length);
      if (!node || node.type !== 'identifier' || node.text !== name) continue;
      const parent = node.parent;
      if (!parent || parent.type === 'comment' || parent.type === 'string') continue;
      // `from engine import train` (not `as t`), a definition of its own, a keyword's name.
      if (parent.type === 'dotted_name' && parent.parent && ['import_from_statement', 'import_statement'].includes(parent.parent.type)) continue;
      if (parent.type === 'aliased_import') return undefined;
      if ((parent.type === 'function_definition' || parent.type === 'class_definition') && parent.childForFieldName('name')?.id === node.id) continue;
      if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) continue;
      if (parent.type === 'call' && parent.childForFieldName('function')?.id === node.id) {
        // A same-named function of this file is its own.
        if (!this.topLevelDefinitions.has(name)) calls.push(parent);
        continue;
      }
      if (parent.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) {
        const object = parent.childForFieldName('object');
        // `self.train(...)`, `model.train()`: a method, not the module's function.
        if (object?.text === 'self' || object?.text.startsWith('self.')) continue;
        const owner = this.front.resolveName(object);
        if (owner.kind === 'path' && isProjectPath(owner.path)) {
          // `d2l.train_and_predict(model, ...)`: the function of a project module, called.
          if (parent.parent?.type !== 'call' || parent.parent.childForFieldName('function')?.id !== parent.id) return undefined;
          calls.push(parent.parent);
          continue;
        }
        // A framework's attribute, or a method of a model or object this file knows: not the function.
        if (owner.kind !== 'unknown' || this.moduleModels.has(object?.text ?? '')) continue;
        return undefined;
      }
      return undefined;
    }
    return calls;
  }

  /** The module-level model an argument names at a call: as bound where a module-level call runs, else its last binding. */
  private modelGivenAt(call: SyntaxNode, value: SyntaxNode): ModelInfo | undefined {
    const key = this.modelKeyOf(value);
    const atCall = this.modelsAtModuleCalls.get(call.id);
    return atCall?.has(key) ? atCall.get(key) : this.moduleModels.get(key);
  }

  private parametersGivenModels(fn: FunctionDef): [string, ModelInfo][] {
    if (this.moduleModels.size === 0) return [];
    const out: [string, ModelInfo][] = [];
    for (const call of this.callsOf(fn)) {
      this.children(call.childForFieldName('arguments')).forEach((arg, i) => {
        const keyword = arg.type === 'keyword_argument';
        const param = keyword ? arg.childForFieldName('name')?.text : fn.params[i];
        const value = keyword ? arg.childForFieldName('value') : arg;
        const info = value ? this.modelGivenAt(call, value) : undefined;
        // Other calls may pass something else: a fix on the parameter stays unsafe.
        if (param && info && fn.params.includes(param)) out.push([param, { ...info, known: false }]);
      });
    }
    return out;
  }

  private readonly ownerAttributes = new Map<ClassDef, string[]>();

  /** `self.X` attributes some method of a (non-model) class uses like a model: `self.model.train()`. */
  private ownerModelAttributes(owner: ClassDef): string[] {
    const known = this.ownerAttributes.get(owner);
    if (known) return known;
    const keys = new Set<string>();
    for (const method of owner.methods.values()) {
      if (![...MODEL_METHODS].some((m) => method.text.includes(`.${m}(`))) continue;
      for (const call of this.callsIn(method.node)) {
        const callee = call.childForFieldName('function');
        if (callee?.type !== 'attribute' || !MODEL_METHODS.has(callee.childForFieldName('attribute')?.text ?? '')) continue;
        const key = normalizeKey(callee.childForFieldName('object')?.text ?? '');
        if (/^self\.\w+$/.test(key)) keys.add(key);
      }
    }
    const out = [...keys];
    this.ownerAttributes.set(owner, out);
    return out;
  }

  /**
   * The Keras models with BatchNorm or Dropout that a Keras model class's `__init__` stores on `self`:
   * built there (`self.generator = build_generator()`), or handed to its constructor by a
   * construction of this file (`GAN(build_generator(), 64)`). A sub-model of unknown make is left out.
   */
  private kerasSubModels(cls: ClassDef, walk: Walk): Map<string, ModelInfo> {
    const found = new Map<string, ModelInfo>();
    const init = cls.methods.get('__init__');
    if (!init) return found;
    const keras = (info: ModelInfo | undefined) => (info?.framework === 'keras' && info.mayContainNormOrDropout ? info : undefined);
    let built: SyntaxNode[] | undefined;
    const constructions = () =>
      (built ??= this.callsIn(this.root).filter((call) => {
        const value = this.front.resolveName(call.childForFieldName('function'));
        return value.kind === 'class' && value.cls.node === cls.node;
      }));
    for (const assignment of this.assignmentsIn(init.node)) {
      const left = assignment.childForFieldName('left')?.text ?? '';
      const right = assignment.childForFieldName('right');
      if (!/^self\.\w+$/.test(left) || !right) continue;
      let info = keras(this.modelFromExpression(right, walk));
      if (!info && right.type === 'identifier' && init.params.includes(right.text))
        for (const call of constructions()) {
          const argument = callArgumentFor(init.node, this.text, this.children(call.childForFieldName('arguments')), right.text);
          info = argument ? keras(this.modelFromExpression(argument, walk)) : undefined;
          if (info) break;
        }
      if (info && this.trainsSubModel(left, walk)) found.set(left, info);
    }
    return found;
  }

  /**
   * Whether a step method updates the sub-model's weights (gradients of `self.generator.trainable_variables`,
   * or of the whole model's): a frozen feature extractor it only runs keeps Keras' inference mode on purpose.
   * An inference step (`test_step`) trains nothing, and only an explicit `training=True` is reported there.
   */
  private trainsSubModel(key: string, walk: Walk): boolean {
    const fn = walk.fn;
    if (!fn || !modeConventionsOf('keras')?.trainingStepMethods.has(fn.name)) return true;
    return [key, 'self'].some((owner) => TRAINED_WEIGHTS.some((weights) => spellsName(fn.text, `${owner}.${weights}`)));
  }

  private readonly trainsItselfCache = new Map<ClassDef, boolean>();

  /** A PyTorch module with a method that switches `self` to train and runs a training step (its own `fit`). */
  private trainsItself(cls: ClassDef): boolean {
    let cached = this.trainsItselfCache.get(cls);
    if (cached === undefined) {
      const switchesSelfToTrain = (call: SyntaxNode) => {
        const callee = call.childForFieldName('function');
        const args = this.children(call.childForFieldName('arguments'));
        return (
          callee?.type === 'attribute' &&
          callee.childForFieldName('object')?.text === 'self' &&
          callee.childForFieldName('attribute')?.text === SWITCH_METHODS.train &&
          (args.length === 0 || (args.length === 1 && args[0].text === 'True'))
        );
      };
      cached = [...cls.methods.values()].some((m) => {
        const calls = this.callsIn(m.node);
        return calls.some(switchesSelfToTrain) && calls.some((c) => this.isTrainingStep(c));
      });
      this.trainsItselfCache.set(cls, cached);
    }
    return cached;
  }

  /**
   * Whether `self` in the class's methods may hold BatchNorm or Dropout: the class itself, a subclass
   * of this file, or a subclass another project file may define (a `BaseModel` whose `fit` trains the
   * networks its subclasses build).
   */
  private instancesMayContain(cls: ClassDef): boolean {
    if (this.classMayContain(cls)) return true;
    const subclassOf = (sub: ClassDef) => sub.info?.bases.some((b) => b.kind === 'class' && b.cls.name === cls.name && b.cls.node === cls.node) === true;
    if ([...this.classes.values()].some((sub) => sub !== cls && subclassOf(sub) && this.classMayContain(sub))) return true;
    const project = this.front.project;
    const files = project?.session.index.filesSpelling(cls.name);
    return files === undefined ? project !== undefined : files.some((file) => file !== project!.file);
  }

  private isKerasStep(fn: FunctionDef): boolean {
    const keras = modeConventionsOf('keras');
    return keras !== undefined && (keras.trainingStepMethods.has(fn.name) || keras.inferenceStepMethods.has(fn.name));
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

  /** The object a mode-keeping method is called on (`model` in `model.to(device)`, `model.eval()`), if it is one. */
  private modeKeepingReceiver(call: SyntaxNode): SyntaxNode | undefined {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute') return undefined;
    const method = callee.childForFieldName('attribute')?.text ?? '';
    return MODE_SHARING_METHODS.has(method) || method === SWITCH_METHODS.eval || method === SWITCH_METHODS.train
      ? (callee.childForFieldName('object') ?? undefined)
      : undefined;
  }

  /** `pretrained=True`, `weights=...`, `checkpoint=...`: the constructor loads trained weights. */
  private hasPretrainedArgument(call: SyntaxNode): boolean {
    return this.children(call.childForFieldName('arguments')).some((a) => {
      if (a.type !== 'keyword_argument') return false;
      const name = a.childForFieldName('name')?.text ?? '';
      const value = a.childForFieldName('value')?.type;
      return PRETRAINED_KEYWORD.test(name) && value !== 'false' && value !== 'none';
    });
  }

  /** The wrapped module of a wrapper sharing its mode (`DataParallel(model)`, `nnx.view(model, ...)`). */
  private wrappedModule(call: SyntaxNode): SyntaxNode | undefined {
    const name = this.qualified(call.childForFieldName('function'));
    if (!name || !MODE_SHARING_WRAPPERS.has(name)) return undefined;
    const first = this.children(call.childForFieldName('arguments'))[0];
    return first && first.type !== 'keyword_argument' ? first : undefined;
  }

  private relativeImports?: Set<string>;

  /** Names bound by `from .models import Net` (the front end resolves them only within a project). */
  private relativelyImported(name: string): boolean {
    if (!this.relativeImports) {
      this.relativeImports = new Set();
      for (const statement of this.children(this.root)) {
        if (statement.type !== 'import_from_statement' || statement.childForFieldName('module_name')?.type !== 'relative_import') continue;
        for (const n of statement.childrenForFieldName('name'))
          if (n) this.relativeImports.add(n.type === 'aliased_import' ? (n.childForFieldName('alias')?.text ?? '') : n.text);
      }
    }
    return this.relativeImports.has(name);
  }

  private moduleOnlyCalls?: OccurrenceIndex;

  /**
   * Whether the text calls a module-only method on `key` (`net.parameters(`): searched from the
   * file's few `.parameters(`-like occurrences, since big files assign hundreds of calls.
   */
  private hasModuleOnlyMethodCall(key: string): boolean {
    this.moduleOnlyCalls ??= OccurrenceIndex.of(
      this.text,
      MODULE_ONLY_METHODS.map((m) => `.${m}(`),
    );
    return this.moduleOnlyCalls.offsets.some((offset) => offset >= key.length && this.text.startsWith(key, offset - key.length));
  }

  /**
   * A model built by the project's own code, recognised by construction and use rather than by
   * name: `from models import vgg19; net = vgg19().cuda()` where the file also calls
   * `net.parameters()` (or `.state_dict()`, `.eval()`...), which tensors and other libraries'
   * objects do not have. Guessed (not known), so its fixes stay unsafe; it starts in training mode.
   */
  private projectModelBuilt(key: string, right: SyntaxNode | null | undefined): { info: ModelInfo; mode: ModeToken } | undefined {
    let call = right ?? undefined;
    while (call?.type === 'call') {
      const receiver = this.modeKeepingReceiver(call);
      if (!receiver || receiver.type !== 'call') break;
      call = receiver;
    }
    if (call?.type !== 'call') return undefined;
    let guess = this.guessedModel();
    if (!guess || !this.hasModuleOnlyMethodCall(key)) return undefined;
    const callee = call.childForFieldName('function');
    const value = this.front.resolveName(callee);
    const fromProject =
      value.kind === 'path'
        ? !FRAMEWORK_PACKAGES.has(value.path.split('.')[0]) &&
          !NON_PROJECT_PACKAGES.has(value.path.split('.')[0]) &&
          lookupModelConstructor(value.path) === undefined
        : // A relative import the project cannot resolve names code no one can read (vendored with a
          // broken path): like another library's class, not taken for a model. Without a project, it may be one.
          callee?.type === 'identifier' && this.relativelyImported(callee.text) && !this.front.project;
    if (!fromProject) return undefined;
    if (this.buildsModeFreeProjectClass(call)) guess = { ...guess, mayContainNormOrDropout: false };
    return { info: guess, mode: { mode: 'train', origin: rangeOf(call), ...(this.hasPretrainedArgument(call) ? {} : { fresh: true }) } };
  }

  /**
   * Every binding of `self.X` in the class's methods is a construction without BatchNorm or Dropout,
   * and the class has no base but a framework's or `object` (a base could bind it too).
   */
  private alwaysBuiltModeFree(owner: ClassDef, key: string): boolean {
    if (!owner.info || this.basesMayBind(owner.info, key, 0)) return false;
    const bindings = [...owner.methods.values()].flatMap((method) => this.assignmentsIn(method.node).filter((a) => a.childForFieldName('left')?.text === key));
    return (
      bindings.length > 0 &&
      bindings.every((a) => {
        const right = a.childForFieldName('right');
        let call = right?.type === 'call' ? right : undefined;
        // `Net(...).to(device)` binds the construction.
        for (let receiver = call && this.modeKeepingReceiver(call); receiver?.type === 'call'; receiver = this.modeKeepingReceiver(receiver)) call = receiver;
        return call !== undefined && this.constructsModeFree(call);
      })
    );
  }

  /** A base of the class (of this file or the project) may bind `self.X`: it assigns it, or it cannot be read. */
  private basesMayBind(info: ClassInfo, key: string, depth: number): boolean {
    if (depth > 4) return true;
    return info.bases.some((base) => {
      let value = base;
      if (value.kind === 'path' && isProjectPath(value.path)) value = (info.home ?? this.front).projectDefinition(value.path);
      if (value.kind === 'path') return !frameworkOfModelBase(value.path) && value.path !== 'abc.ABC';
      if (value.kind !== 'class') return true;
      const text = (value.cls.home ?? this.front).sourceText;
      const assigns = (n: SyntaxNode): boolean => (n.type === 'assignment' && n.childForFieldName('left')?.text === key) || codeChildren(n, text).some(assigns);
      return assigns(value.cls.node) || this.basesMayBind(value.cls, key, depth + 1);
    });
  }

  /** `Net(...)` of a model class of this file or of the project that provably holds no BatchNorm or Dropout as built here. */
  private constructsModeFree(call: SyntaxNode): boolean {
    const value = this.front.resolveName(call.childForFieldName('function'));
    if (value.kind !== 'class') return this.buildsModeFreeProjectClass(call);
    const cls = this.classes.get(value.cls.name);
    return cls?.framework !== undefined && !this.constructionMayContain(cls, call);
  }

  /**
   * `Net(cfg)` where Net is a class of another project file whose definition (read there, and
   * through the project classes it builds) holds no BatchNorm and no Dropout as constructed here.
   */
  private buildsModeFreeProjectClass(call: SyntaxNode): boolean {
    const value = this.front.resolveName(call.childForFieldName('function'));
    const definition = value.kind === 'path' && isProjectPath(value.path) ? this.front.projectDefinition(value.path) : undefined;
    if (definition?.kind !== 'class') return false;
    const args = this.children(call.childForFieldName('arguments'));
    const construction = {
      positional: args.filter((a) => a.type !== 'keyword_argument').length,
      keywords: new Set(args.flatMap((a) => (a.type === 'keyword_argument' ? [a.childForFieldName('name')?.text ?? ''] : []))),
      opaque: args.some(isSpread),
      modeFreeArgument: { args, test: (argument: SyntaxNode) => this.argumentIsModeFree(argument) },
    };
    return !projectClassMayHoldModeLayers(definition.cls, construction);
  }

  /** A mode a function returns, as its caller sees it: set by the routine called there (a model it built fresh stays fresh). */
  private static returnedAt(token: ModeToken, call: SyntaxNode): ModeToken {
    return { mode: token.mode, origin: rangeOf(call), via: 'routine', ...(token.fresh ? { fresh: true } : {}) };
  }

  private readonly factories = new Map<number, (ReturnedModel | undefined)[][] | null>();

  /**
   * A same-file function that builds and returns a model (`def get_model(): ... return model, loss_fn,
   * optimizer`), called here: the model at `index` of a result of `arity` values, when every `return` gives
   * one there, with its modes moved to the call (a fresh one stays fresh). A model the caller passed in is not one it built.
   */
  private factoryMade(call: SyntaxNode, index: number, arity: number, walk: Walk): ReturnedModel | undefined {
    const fn = this.calleeFunction(call, walk.fn);
    if (!fn || fn.analysis !== this || fn.owner || !fn.text.includes('return')) return undefined;
    let returns = this.factories.get(fn.node.id);
    if (returns === undefined) {
      this.factories.set(fn.node.id, null);
      const factoryWalk = this.newWalk(fn, false);
      this.walkFunction(fn, factoryWalk);
      returns = factoryWalk.returnedModels;
      this.factories.set(fn.node.id, returns);
    }
    if (!returns || returns.length === 0 || returns.some((parts) => parts.length !== arity || parts[index] === undefined)) return undefined;
    const made = returns.map((parts) => parts[index]!);
    // Keras factories are judged by the layers they build (see modelFromExpression); a parameter handed back is not built here.
    if (made.some((m) => m.info.framework !== 'pytorch' || m.modes.some((t) => t.mode === 'caller'))) return undefined;
    return {
      info: { ...made[0].info, mayContainNormOrDropout: made.some((m) => m.info.mayContainNormOrDropout), known: made.every((m) => m.info.known) },
      modes: union(
        [],
        made.flatMap((m) => m.modes.map((t) => PythonModeAnalysis.returnedAt(t, call))),
      ),
    };
  }

  /** The last class of this name defined inside `fn` before `offset`. */
  private localClassAt(name: string, fn: FunctionDef, offset: number): ClassDef | undefined {
    let found: ClassDef | undefined;
    for (const cls of this.localClasses)
      if (cls.name === name && cls.node.startIndex > fn.start && cls.node.endIndex <= fn.end && cls.node.startIndex < offset) found = cls;
    return found;
  }

  /** A model class's instance. */
  private classModel(cls: ClassDef, construction?: SyntaxNode): ModelInfo | undefined {
    if (!cls.framework) return undefined;
    const params = cls.methods.get(kerasCallMethod)?.params ?? [];
    const trainingFlag = cls.framework === 'keras' && !params.includes(kerasTrainingKeyword) ? params.find((p) => CUSTOM_TRAINING_FLAG.test(p)) : undefined;
    return {
      framework: cls.framework,
      mayContainNormOrDropout: this.constructionMayContain(cls, construction),
      known: true,
      ...(trainingFlag ? { trainingFlag } : {}),
    };
  }

  /** What model an expression builds or passes on, if any. */
  private modelFromExpression(node: SyntaxNode | null | undefined, walk: Walk): ModelInfo | undefined {
    if (!node) return undefined;
    if (node.type === 'identifier' || node.type === 'attribute') return walk.models.get(normalizeKey(node.text));
    if (node.type !== 'call') return undefined;
    // `model.to(device)`, `model.cuda()`, `model.eval()` return the model itself.
    const receiver = this.modeKeepingReceiver(node);
    if (receiver) return this.modelFromExpression(receiver, walk);
    const wrapped = this.wrappedModule(node);
    if (wrapped) {
      const inner = this.modelFromExpression(wrapped, walk);
      const name = this.qualified(node.childForFieldName('function'))!;
      return (
        inner ??
        (modeConventions().find((c) => c.modeSharingWrappers.has(name))?.framework === 'pytorch'
          ? { framework: 'pytorch', mayContainNormOrDropout: true, known: true }
          : undefined)
      );
    }
    const made = this.factoryMade(node, 0, 1, walk);
    if (made) return made.info;
    const callee = node.childForFieldName('function');
    const value = this.front.resolveName(callee);
    // A class the walked function defines itself (the front end reads module scope only).
    const local = walk.fn && callee?.type === 'identifier' ? this.localClassAt(callee.text, walk.fn, node.startIndex) : undefined;
    if (local) return this.classModel(local, node);
    // A same-file function returning a functional Keras model (`return keras.Model(inputs, outputs)`) whose layers include BatchNorm or Dropout.
    if (value.kind === 'function' && (value.fn.home ?? this.front) === this.front && this.fileFrameworks().has('keras')) {
      const built = this.front.layerConstructions.filter((l) => rangeContains(rangeOf(value.fn.node), l.range));
      return holdsKerasModeLayers(built) && isKerasModelBuilder(value) ? { framework: 'keras', mayContainNormOrDropout: true, known: true } : undefined;
    }
    if (value.kind === 'class') {
      const cls = this.classes.get(value.cls.name);
      return cls && this.classModel(cls, node);
    }
    if (value.kind !== 'path') return undefined;
    const path = value.path;
    // A Keras model built by another project file (`from resnet import resnet18; model = resnet18()`)
    // whose layers, shown at this call by the front end, provably include BatchNorm or Dropout.
    if (isProjectPath(path) && this.fileFrameworks().has('keras')) {
      const definition = this.front.projectDefinition(path);
      const built = layersBuiltFor(this.front.project?.session.placed ?? [], rangeOf(node));
      if (holdsKerasModeLayers(built) && isKerasModelBuilder(definition)) return { framework: 'keras', mayContainNormOrDropout: true, known: true };
    }
    const convention = modeConventions().find((c) => c.containers.has(path));
    if (convention) {
      const spelledOut = this.front.layerConstructions.some((l) => rangeContains(rangeOf(node), l.range));
      // A functional Keras `Model(inputs, outputs)` spells nothing out: its layers are the file's.
      const fileLayers = this.front.layerConstructions;
      const unknownParts =
        convention.framework === 'pytorch'
          ? this.hasUnknownParts(node)
          : !spelledOut && (fileLayers.length === 0 || fileLayers.some((l) => l.spec.role === 'batchnorm' || l.spec.role === 'dropout'));
      return { framework: convention.framework, mayContainNormOrDropout: this.rangeHasNormOrDropout(rangeOf(node)) || unknownParts, known: true };
    }
    const built = lookupModelConstructor(path);
    const frozenBatchNorm = FROZEN_BATCHNORM_WHEN_TRAINED_PATH.test(path) && this.hasPretrainedArgument(node);
    return built ? { framework: built.framework, mayContainNormOrDropout: !frozenBatchNorm, known: true } : undefined;
  }

  /**
   * The modes a model expression can be in: a fresh module trains, `.eval()` returns it in eval,
   * `.to(device)` and `DataParallel(model)` share its mode, `from_pretrained` returns it in eval,
   * and a same-file function returns what its summary says.
   */
  private modeOfExpression(node: SyntaxNode | null | undefined, state: State, walk: Walk): ModeToken[] | undefined {
    if (!node) return undefined;
    if (node.type === 'identifier' || node.type === 'attribute') {
      const key = normalizeKey(node.text);
      return state.get(key) ?? (walk.models.has(key) ? [CALLER] : undefined);
    }
    if (node.type === 'parenthesized_expression') return this.modeOfExpression(this.children(node)[0], state, walk);
    if (node.type !== 'call') return undefined;
    const callee = node.childForFieldName('function');
    const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    const args = this.children(node.childForFieldName('arguments'));
    if (method === SWITCH_METHODS.eval && args.length === 0) return [{ mode: 'eval', origin: rangeOf(node) }];
    if (method === SWITCH_METHODS.train) {
      const token = this.switchToken(SWITCH_METHODS.train, args, node, this.statementOf(node), walk);
      return [token];
    }
    const receiver = this.modeKeepingReceiver(node);
    if (receiver) return this.modeOfExpression(receiver, state, walk);
    const wrapped = this.wrappedModule(node);
    if (wrapped) return this.modeOfExpression(wrapped, state, walk) ?? [UNKNOWN_MODE];
    const fn = this.calleeFunction(node, walk.fn);
    const returns = fn && this.summary(fn).returns;
    if (returns) return returns.map((t) => PythonModeAnalysis.returnedAt(t, node));
    const made = this.factoryMade(node, 0, 1, walk);
    if (made) return [...made.modes];
    if (fn) return undefined;
    const value = this.front.resolveName(callee);
    const fresh: ModeToken = { mode: 'train', origin: rangeOf(node), ...(this.hasPretrainedArgument(node) ? {} : { fresh: true }) };
    if (value.kind === 'class' || (walk.fn && callee?.type === 'identifier' && this.localClassAt(callee.text, walk.fn, node.startIndex))) return [fresh];
    if (value.kind !== 'path') return undefined;
    if (modeConventions().some((c) => c.containers.has(value.path))) {
      // A container of other modules' parts (`Sequential(*list(model.children())[:-1])`) carries their weights.
      const ownLayersOnly = this.callsIn(node).every((c) => c.id === node.id || this.front.resolveName(c.childForFieldName('function')).kind === 'ctor');
      return [ownLayersOnly ? fresh : { mode: 'train', origin: rangeOf(node) }];
    }
    const built = lookupModelConstructor(value.path);
    if (!built) return undefined;
    // `from_pretrained` switched the model itself: an eval with nothing to point at.
    return [built.constructor.mode === 'train' ? fresh : built.constructor.mode === 'eval' ? { mode: 'eval' } : UNKNOWN_MODE];
  }

  private kerasContainerMayContain(node: SyntaxNode): boolean {
    return this.rangeHasNormOrDropout(rangeOf(node)) || !this.front.layerConstructions.some((l) => rangeContains(rangeOf(node), l.range));
  }

  private rangeHasNormOrDropout(range: TextRange): boolean {
    return this.front.layerConstructions.some(
      (l) => rangeContains(range, l.range) && (l.spec.role === 'batchnorm' || l.spec.role === 'dropout' || PythonModeAnalysis.layerDropsOut(l)),
    );
  }

  /**
   * A PyTorch recurrent or attention layer with dropout inside, which only training mode applies:
   * built with a `dropout` that is not 0 (`nn.GRU(..., dropout=0.5)`), or a Transformer layer left at
   * its default of 0.1. Without one, an `nn.GRU` computes the same in both modes.
   */
  private static layerDropsOut(layer: LayerConstruction): boolean {
    if (layer.spec.framework !== 'pytorch' || (layer.spec.role !== 'recurrent' && layer.spec.role !== 'attention')) return false;
    const dropout = layer.args.find((a) => a.param === 'dropout' || a.keyword === 'dropout');
    const value = dropout === undefined ? undefined : typeof dropout.value === 'number' ? dropout.value : 'unknown';
    return sequenceLayerDropsOut(layer.spec.name, value, layer.hasOpaqueArguments);
  }

  /** `nn.InstanceNorm2d(c, track_running_stats=True)`: a normalization layer keeping running statistics on request. */
  private static layerTracksStatistics(layer: LayerConstruction): boolean {
    if (layer.spec.framework !== 'pytorch' || layer.spec.role !== 'normalization' || isModeFreeTorchLayer(layer.spec.name)) return false;
    return boundNormalizationTracksStatistics(layer.spec, layer.args, layer.hasOpaqueArguments);
  }

  private block(node: SyntaxNode, state: State, walk: Walk): State | undefined {
    let current: State | undefined = state;
    for (const statement of this.children(node)) {
      if (!current) break;
      if (++this.steps > this.stepBudget) throw new ModeAnalysisTooCostly();
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
      case 'return_statement': {
        this.expressions(node, state, walk, node);
        walk.exits.push(PythonModeAnalysis.leavingWithBlocks(state, walk));
        const value = this.children(node)[0];
        if (!walk.record) walk.returned.push(this.modelFromExpression(value, walk) ? this.modeOfExpression(value, state, walk) : undefined);
        if (!walk.record && value)
          walk.returnedModels.push(
            (value.type === 'expression_list' ? this.children(value) : [value]).map((part) => {
              const info = this.modelFromExpression(part, walk);
              return info && { info, modes: this.modeOfExpression(part, state, walk) ?? [UNKNOWN_MODE] };
            }),
          );
        return undefined;
      }
      case 'raise_statement':
        return undefined;
      // `model.eval(); ...; break`: that state leaves the loop and never reaches the next iteration's step.
      case 'break_statement':
      case 'continue_statement': {
        const jumps = walk.loopJumps.at(-1);
        if (!jumps) return state;
        (node.type === 'break_statement' ? jumps.breaks : jumps.continues).push(new Map(state));
        return undefined;
      }
      case 'assert_statement': {
        // `else: assert False`: that path ends here, like a raise.
        if (this.children(node)[0]?.type === 'false') return undefined;
        // `assert not model.training`: past it, the model is in eval.
        const test = this.modeTest(this.children(node)[0], walk);
        if (test) state.set(test.key, [{ mode: test.whenTrue }]);
        return state;
      }
      case 'if_statement':
        return this.ifStatement(node, state, walk);
      case 'for_statement':
      case 'while_statement':
        return this.loop(node, state, walk);
      case 'with_statement':
        return this.withStatement(node, state, walk);
      case 'try_statement': {
        const exitsBefore = walk.exits.length;
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
        const finalBlock = final && (this.children(final).find((c) => c.type === 'block') ?? final);
        if (finalBlock) {
          // A `return` in the body leaves through `finally` too (`finally: model.train()` restores the mode).
          const record = walk.record;
          walk.record = false;
          for (let i = exitsBefore; i < walk.exits.length; i++) walk.exits[i] = this.block(finalBlock, new Map(walk.exits[i]), walk) ?? walk.exits[i];
          walk.record = record;
        }
        if (finalBlock && merged) merged = this.block(finalBlock, merged, walk);
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
    // `if use_attn:` on a configuration constant: only the arm that runs is followed.
    const constant = this.constantCondition(node.childForFieldName('condition'), walk);
    const alternatives = node.childrenForFieldName('alternative').filter((a): a is SyntaxNode => a !== null);
    if (constant === true) {
      const consequence = node.childForFieldName('consequence');
      return consequence ? this.block(consequence, new Map(state), walk) : state;
    }
    if (constant === false && alternatives.length === 0) return state;
    if (constant === false && alternatives.length === 1 && alternatives[0].type === 'else_clause') {
      const body = alternatives[0].childForFieldName('body');
      return body ? this.block(body, new Map(state), walk) : state;
    }
    const branches: State[] = [];
    let hasElse = false;
    // `if model.training: raise ...`: each branch knows the mode it tested.
    const test = this.modeTest(node.childForFieldName('condition'), walk);
    const narrowed = (mode: 'train' | 'eval' | undefined) => {
      const copy = new Map(state);
      if (test && mode) copy.set(test.key, [{ mode }]);
      return copy;
    };
    const otherwise = test ? (test.whenTrue === 'train' ? 'eval' : 'train') : undefined;
    const consequence = node.childForFieldName('consequence');
    const first = consequence ? this.block(consequence, narrowed(test?.whenTrue), walk) : state;
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
        // `if isinstance(net, nn.Module): ... else: net(X)`: in the `else` the value is no module, so
        // its calls run none (no tokens); after the `if` it has the module arm's mode.
        const guarded = test ? undefined : this.moduleGuarded(node.childForFieldName('condition'));
        const start = narrowed(otherwise);
        if (guarded !== undefined) start.set(guarded, []);
        const end = body ? this.block(body, start, walk) : start;
        if (end && guarded !== undefined) {
          if (first?.has(guarded)) end.set(guarded, first.get(guarded)!);
          else end.delete(guarded);
        }
        if (end) branches.push(end);
      }
    }
    if (!hasElse) {
      // `if isinstance(model, nn.Module): <switch model>`: where the test fails the value has no
      // mode to speak of, so the fall-through takes the arm's mode for it.
      const fallthrough = narrowed(otherwise);
      const guarded = this.moduleGuarded(node.childForFieldName('condition'));
      if (guarded !== undefined && first?.has(guarded) && node.childrenForFieldName('alternative').every((a) => !a))
        fallthrough.set(guarded, first.get(guarded)!);
      branches.push(fallthrough);
    }
    return branches.length ? joinStates(branches) : undefined;
  }

  /** The value of a condition that is a configuration constant or its negation (`use_attn`, `not use_attn`). */
  private constantCondition(condition: SyntaxNode | null, walk: Walk): boolean | undefined {
    let test = condition;
    let negated = false;
    while (test?.type === 'parenthesized_expression' || test?.type === 'not_operator') {
      if (test.type === 'not_operator') negated = !negated;
      test = test.type === 'not_operator' ? test.childForFieldName('argument') : this.children(test)[0];
    }
    if (test?.type === 'comparison_operator') {
      const phase = this.phaseTest(test, walk);
      return phase === undefined ? undefined : phase !== negated;
    }
    if (test?.type !== 'identifier' || walk.fn?.params.includes(test.text)) return undefined;
    const value = this.front.constantFlag(test.text);
    return value === undefined ? undefined : value !== negated;
  }

  /** `phase == 'train'` / `phase != 'val'` on a phase loop's variable, in the iteration being read. */
  private phaseTest(test: SyntaxNode, walk: Walk): boolean | undefined {
    const [left, right] = this.children(test);
    const operators = test.childrenForFieldName('operators').map((o) => o?.text ?? '');
    if (operators.length !== 1 || (operators[0] !== '==' && operators[0] !== '!=') || !left || !right) return undefined;
    const [name, literal] = left.type === 'identifier' ? [left, right] : [right, left];
    const value = walk.phases.get(name.text);
    if (value === undefined || literal.type !== 'string' || literal.text.includes('{')) return undefined;
    return (stringLiteral(literal.text) === value) === (operators[0] === '==');
  }

  /**
   * `for phase in ['train', 'val']:` (the PyTorch transfer-learning tutorial's loop): the phases
   * as written, when the body tests the variable and neither breaks nor continues; each is then
   * read in turn, so the mode after the loop is the last phase's (eval after `val`).
   */
  private phaseValues(node: SyntaxNode): string[] | undefined {
    const variable = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const body = node.childForFieldName('body');
    if (variable?.type !== 'identifier' || (right?.type !== 'list' && right?.type !== 'tuple') || !body) return undefined;
    const items = this.children(right);
    if (items.length < 2 || items.length > 4 || items.some((item) => item.type !== 'string' || item.text.includes('{'))) return undefined;
    if (body.descendantsOfType(['break_statement', 'continue_statement']).length > 0 || !spellsName(body.text, variable.text)) return undefined;
    return items.map((item) => stringLiteral(item.text) ?? item.text);
  }

  /** A phase loop read iteration by iteration, in order (see `phaseValues`). */
  private phaseLoop(node: SyntaxNode, phases: readonly string[], state: State, walk: Walk): State {
    const name = node.childForFieldName('left')!.text;
    const body = node.childForFieldName('body')!;
    const outerLoop = walk.trainingLoop;
    if (this.containsTrainingStep(body, walk.fn) && !outerLoop) walk.trainingLoop = rangeOf(node);
    const outerPhase = walk.phases.get(name);
    let current = state;
    for (const phase of phases) {
      walk.phases.set(name, phase);
      current = this.block(body, new Map(current), walk) ?? current;
    }
    if (outerPhase === undefined) walk.phases.delete(name);
    else walk.phases.set(name, outerPhase);
    walk.trainingLoop = outerLoop;
    return current;
  }

  /**
   * The name a condition tests for being a module, when that is the whole condition (with `and`,
   * the other test could fail instead): `isinstance(model, nn.Module)`, `encoder is not None`,
   * `if encoder:`. Where the test fails the value is no module, and calling it later would not run one.
   */
  private moduleGuarded(condition: SyntaxNode | null): string | undefined {
    let test = condition;
    while (test?.type === 'parenthesized_expression') test = this.children(test)[0];
    if (test?.type === 'identifier' || test?.type === 'attribute') return normalizeKey(test.text);
    if (test?.type === 'comparison_operator') {
      const [value, none] = this.children(test);
      const operators = test.childrenForFieldName('operators').map((o) => o?.text ?? '');
      const isNot = operators.length === 2 ? operators.join(' ') === 'is not' : operators[0] === 'is not';
      return isNot && none?.type === 'none' && (value?.type === 'identifier' || value?.type === 'attribute') ? normalizeKey(value.text) : undefined;
    }
    if (test?.type !== 'call' || test.childForFieldName('function')?.text !== 'isinstance') return undefined;
    const [value, classes] = this.children(test.childForFieldName('arguments'));
    if (value?.type !== 'identifier' || !classes) return undefined;
    const names = classes.type === 'tuple' ? this.children(classes) : [classes];
    return names.some((n) => isModuleBaseClass(this.qualified(n) ?? '')) ? value.text : undefined;
  }

  private loop(node: SyntaxNode, state: State, walk: Walk): State {
    const phases = node.type === 'for_statement' ? this.phaseValues(node) : undefined;
    if (phases) return this.phaseLoop(node, phases, state, walk);
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
    const pass = (entry: State) => {
      const jumps = { breaks: [] as State[], continues: [] as State[] };
      walk.loopJumps.push(jumps);
      const end = this.block(body, entry, walk);
      walk.loopJumps.pop();
      // What reaches the next iteration: the end of the body and every `continue`; a `break` leaves.
      const next = [...(end ? [end] : []), ...jumps.continues];
      return { next: next.length > 0 ? joinStates(next) : undefined, breaks: jumps.breaks };
    };
    const first = pass(new Map(state));
    const once = first.next ?? state;
    walk.exits.length = exitsBefore;
    walk.record = outerRecord;
    const second = pass(joinStates([state, once]));
    walk.trainingLoop = outerLoop;
    // A `for` loop is taken to run at least once (`for epoch in range(epochs)`): the path that skips it
    // would make every model built before it "maybe in training mode" after it.
    return joinStates([
      ...(node.type === 'for_statement' ? [] : [state]),
      ...(first.next ? [first.next] : []),
      ...(second.next ? [second.next] : []),
      ...first.breaks,
      ...second.breaks,
      ...(!first.next && first.breaks.length === 0 ? [state] : []),
    ]);
  }

  /** The state a `return` hands back: every enclosing `with` block is left, restoring the modes its contexts changed. */
  private static leavingWithBlocks(state: State, walk: Walk): State {
    if (!walk.withRestores.some((frame) => frame.length > 0)) return state;
    const out = new Map(state);
    for (const frame of [...walk.withRestores].reverse()) for (const [key, tokens] of [...frame].reverse()) out.set(key, [...tokens]);
    return out;
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
          } else if (name && GRADIENT_TAPES.has(name) && this.tapeTrainsWeights(node, walk)) {
            // A tape whose gradients only reach the inputs (attribution, adversarial examples, style transfer) is inference.
            walk.contexts.push('gradient-tape');
            pushed++;
          }
          // `with eval_mode(model):`, `with _set_model_to_eval(model):`: eval inside the block.
          const modelArgument = this.evalContextModel(expression, walk);
          if (modelArgument) {
            restored.push([modelArgument, state.get(modelArgument) ?? [CALLER]]);
            state.set(modelArgument, [{ mode: 'eval', origin: rangeOf(expression), after: this.after(node), via: 'routine' }]);
          }
        }
        this.expressions(expression, state, walk, node);
      }
    }
    const body = node.childForFieldName('body');
    walk.withRestores.push(restored);
    const end = body ? this.block(body, state, walk) : state;
    walk.withRestores.pop();
    walk.contexts.length -= pushed;
    // In reverse: the first context entered is the last one left.
    for (const [key, tokens] of restored.reverse()) end?.set(key, tokens);
    return end;
  }

  /**
   * The model a context manager puts in eval for its block: `eval_mode(model)`, a same-file
   * `@contextmanager` function or class whose entry calls `.eval()`, or a framework's own.
   */
  private evalContextModel(expression: SyntaxNode, walk: Walk): string | undefined {
    const args = this.children(expression.childForFieldName('arguments'));
    const modelArgument = args[0] ? this.modelKeyOf(args[0]) : undefined;
    if (!modelArgument || !walk.models.has(modelArgument)) return undefined;
    const manager = expression.childForFieldName('function');
    const managerName = manager?.type === 'attribute' ? manager.childForFieldName('attribute')?.text : manager?.text;
    if (managerName && EVAL_CONTEXT_NAME.test(managerName)) return modelArgument;
    const qualified = this.qualified(manager);
    if (qualified && EVAL_CONTEXTS.has(qualified)) return modelArgument;
    const switchesToEval = (text: string | undefined) => text !== undefined && EVAL_SWITCHES.some((spelling) => text.includes(spelling));
    const fn = this.calleeFunction(expression, walk.fn);
    if (fn && fn.decorators.some((d) => d.endsWith('contextmanager')) && switchesToEval(fn.text)) return modelArgument;
    const value = this.front.resolveName(manager);
    if (value.kind === 'class' && switchesToEval(this.classes.get(value.cls.name)?.methods.get('__enter__')?.text)) return modelArgument;
    return undefined;
  }

  /** A tape in code that updates a model's weights: gradients of its trainable variables, or `minimize`. */
  private tapeTrainsWeights(tape: SyntaxNode, walk: Walk): boolean {
    const text = walk.fn?.text ?? tape.parent?.text ?? '';
    return TAPE_TRAINING_TEXT.some((marker) => text.includes(marker));
  }

  /**
   * A binding inside a branch (`if use_attn: decoder = AttnDecoderRNN(...) else: decoder = DecoderRNN(...)`)
   * may not be the one that runs: the name may hold what any of its bindings holds, so one that may
   * hold BatchNorm or Dropout keeps it "may".
   */
  private mergedWithBranches(key: string, model: ModelInfo, statement: SyntaxNode, walk: Walk): ModelInfo {
    const previous = walk.models.get(key);
    if (!previous || model.mayContainNormOrDropout || !previous.mayContainNormOrDropout || previous.framework !== model.framework) return model;
    for (let n: SyntaxNode | null = statement.parent; n && n.id !== walk.fn?.node.id; n = n.parent)
      if (['if_statement', 'try_statement', 'match_statement', 'for_statement', 'while_statement'].includes(n.type))
        return { ...model, mayContainNormOrDropout: true };
    return model;
  }

  /** `model.training` tested in a condition: the model and the mode it is in when the condition holds. */
  private modeTest(condition: SyntaxNode | null | undefined, walk: Walk): { key: string; whenTrue: 'train' | 'eval' } | undefined {
    if (!condition) return undefined;
    if (condition.type === 'not_operator') {
      const inner = this.modeTest(condition.childForFieldName('argument'), walk);
      return inner && { key: inner.key, whenTrue: inner.whenTrue === 'train' ? 'eval' : 'train' };
    }
    if (condition.type === 'parenthesized_expression') return this.modeTest(this.children(condition)[0], walk);
    if (condition.type !== 'attribute' || condition.childForFieldName('attribute')?.text !== pytorchTrainingAttribute) return undefined;
    const key = normalizeKey(condition.childForFieldName('object')?.text ?? '');
    return walk.models.has(key) || this.isSelfModuleKey(key, walk) ? { key, whenTrue: 'train' } : undefined;
  }

  private expressionStatement(node: SyntaxNode, statement: SyntaxNode, state: State, walk: Walk): void {
    if (node.type === 'assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      this.expressions(right, state, walk, statement);
      if (left && (left.type === 'identifier' || left.type === 'attribute')) {
        const key = normalizeKey(left.text);
        const model = this.modelFromExpression(right, walk);
        const projectModel = model ? undefined : this.projectModelBuilt(key, right);
        if (model) {
          walk.models.set(key, this.mergedWithBranches(key, model, statement, walk));
          // A freshly built module starts in training mode; a passed-on or wrapped one keeps its mode.
          state.set(key, this.modeOfExpression(right, state, walk) ?? [UNKNOWN_MODE]);
        } else if (projectModel) {
          walk.models.set(key, this.mergedWithBranches(key, projectModel.info, statement, walk));
          // `Net(cfg).eval().to(device)`: the chain's own switch decides.
          state.set(key, this.modeOfExpression(right, state, walk) ?? [projectModel.mode]);
        }
        // `was_training = model.training` saves the mode for a later `model.train(was_training)`.
        if (left.type === 'identifier' && right?.type === 'attribute' && right.childForFieldName('attribute')?.text === pytorchTrainingAttribute) {
          walk.savedModes.set(left.text, normalizeKey(right.childForFieldName('object')?.text ?? ''));
        }
        // `p.requires_grad = False` in a loop over `model.backbone.parameters()`.
        if (left.type === 'attribute' && left.childForFieldName('attribute')?.text === FREEZE.attribute && right?.type === 'false')
          this.recordFreeze(left, statement, walk);
      } else if ((left?.type === 'pattern_list' || left?.type === 'tuple_pattern') && right?.type === 'call') {
        // `model, loss_fn, optimizer = get_model()`: the model a same-file factory returns at that place.
        const targets = this.children(left);
        targets.forEach((target, i) => {
          const made = target.type === 'identifier' ? this.factoryMade(right, i, targets.length, walk) : undefined;
          if (!made) return;
          walk.models.set(target.text, this.mergedWithBranches(target.text, made.info, statement, walk));
          state.set(target.text, [...made.modes]);
        });
      }
      return;
    }
    this.expressions(node, state, walk, statement);
  }

  private recordFrozen(part: string, start: number, walk: Walk): void {
    const root = part.split('.').slice(0, 2).join('.');
    this.freezes.set(`${root}@${start}`, { root, part: modulePart(part), start, scope: walk.fn?.node.id ?? -1 });
  }

  private recordFreeze(target: SyntaxNode, statement: SyntaxNode, walk: Walk): void {
    const owner = this.parameterOwner(target, statement, false);
    if (owner) this.recordFrozen(owner, statement.startIndex, walk);
  }

  /**
   * `model.backbone` for `p.requires_grad = ...` in a loop over `model.backbone.parameters()`: the
   * first two names, or with `twoNames` false the whole path (`self.net.convnets[i]`).
   */
  private parameterOwner(target: SyntaxNode, statement: SyntaxNode, twoNames = true): string | undefined {
    const variable = target.childForFieldName('object')?.text;
    for (let n: SyntaxNode | null = statement.parent; n; n = n.parent) {
      // `for p in m.parameters()` and `for name, p in m.named_parameters()`.
      if (n.type === 'for_statement' && variable !== undefined && this.identifiersOf(n.childForFieldName('left')).includes(variable)) {
        const iterated = n.childForFieldName('right');
        const callee = iterated?.type === 'call' ? iterated.childForFieldName('function') : undefined;
        if (callee?.type === 'attribute' && pytorchParameterMethods.has(callee.childForFieldName('attribute')?.text ?? '')) {
          const owner = normalizeKey(callee.childForFieldName('object')?.text ?? '');
          return twoNames ? owner.split('.').slice(0, 2).join('.') : owner;
        }
        return undefined;
      }
    }
    return undefined;
  }

  /**
   * Modules whose parameters the file also unfreezes (`requires_grad = True`, `requires_grad_()`):
   * an `unfreeze()` or a GAN's discriminator toggled per step, not frozen BatchNorm.
   */
  private unfrozenRoots(): string[] {
    const roots: string[] = [];
    const visit = (n: SyntaxNode) => {
      for (const c of this.children(n)) {
        if (c.type === 'assignment') {
          const left = c.childForFieldName('left');
          if (left?.type === 'attribute' && left.childForFieldName('attribute')?.text === FREEZE.attribute && c.childForFieldName('right')?.type !== 'false') {
            const root = this.parameterOwner(left, this.statementOf(c));
            if (root) roots.push(root);
          }
        } else if (c.type === 'call') {
          const callee = c.childForFieldName('function');
          const args = this.children(c.childForFieldName('arguments'));
          if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === FREEZE.method && args[0]?.type !== 'false') {
            roots.push(
              normalizeKey(callee.childForFieldName('object')?.text ?? '')
                .split('.')
                .slice(0, 2)
                .join('.'),
            );
          }
        }
        if (c.text.includes(FREEZE.attribute)) visit(c);
      }
    };
    visit(this.root);
    return roots;
  }

  /** Visits the calls of an expression in evaluation order (arguments before the call). */
  private expressions(node: SyntaxNode | null | undefined, state: State, walk: Walk, statement?: SyntaxNode): void {
    if (!node) return;
    const start = node.startIndex;
    const end = node.endIndex;
    if (!this.parens.within(start, end)) return;
    // With no model in scope, only `.train()` and freezing calls (BN204) and __init__ probes (BN205) matter.
    if (
      walk.models.size === 0 &&
      walk.fn?.name !== '__init__' &&
      !this.modeMarkers.within(start, end) &&
      !this.freezeCallsText.within(start, end) &&
      !this.callsEffectful(start, end)
    )
      return;
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
    if (walk.probe?.start === node.startIndex) walk.probe.tokens = union(walk.probe.tokens ?? [], state.get(walk.probe.key) ?? [CALLER]);
    const callee = node.childForFieldName('function');
    const args = this.children(node.childForFieldName('arguments'));
    if (callee?.type === 'attribute') {
      const method = callee.childForFieldName('attribute')?.text ?? '';
      const objectNode = callee.childForFieldName('object');
      const key = normalizeKey(objectNode?.text ?? '');
      // Mode switches: `nn.Module.train(mode=True)` takes one flag; `engine.train(model=model, ...)` is another project file's routine.
      const switchArguments =
        method === SWITCH_METHODS.eval
          ? args.length === 0
          : args.length <= 1 && args.every((a) => a.type !== 'keyword_argument' || a.childForFieldName('name')?.text === pytorchTrainModeKeyword);
      if ((method === SWITCH_METHODS.eval || method === SWITCH_METHODS.train) && switchArguments && !this.projectFunction(callee)) {
        // `model.to(device).train()` switches `model`: the chain hands back the same module.
        const switched = objectNode?.type === 'call' ? this.modelKeyOf(objectNode) : key;
        const token = this.switchToken(method, args, node, statement, walk);
        // Anything switched like a module is followed, so that a caller's `net.eval()` counts for the callee.
        if (walk.models.has(switched) || this.isSelfModuleKey(switched, walk) || (/^[\w.]+$/.test(switched) && args.length <= 1)) state.set(switched, [token]);
        // BN204 looks at every `.train()`, models or parts of them (`detector.backbone.train()`); `self.train()` in a
        // class that defines its own `train` runs that method (a learner's, which puts its frozen parts back in eval).
        const ownTrain = switched === 'self' && walk.fn?.owner?.methods.has(SWITCH_METHODS.train) === true;
        if (token.mode === 'train' && token.origin && walk.record && !ownTrain && !this.restoresSavedMode(statement, switched, walk))
          this.trainCalls.push({ range: rangeOf(node), key: switched, after: this.after(statement), scope: walk.fn?.node.id ?? -1 });
        return;
      }
      if (method === FRAMEWORK_LOOP_METHOD && walk.record && this.fileFrameworks().has('pytorch')) this.recordFit(node, key, args, statement, walk);
      // Loading weights makes a fresh model a trained one: its mode now matters.
      if (WEIGHT_LOADERS.has(method) && state.has(key))
        state.set(
          key,
          state.get(key)!.map((t) => (t.fresh ? { ...t, fresh: undefined } : t)),
        );
      // `stack.enter_context(eval_mode(model))`: eval from here on.
      if (method === 'enter_context' && args[0]?.type === 'call') {
        const entered = this.evalContextModel(args[0], walk);
        if (entered) {
          // The `with ExitStack() as stack:` around it leaves the context, and restores the mode, when its block ends.
          walk.withRestores.at(-1)?.push([entered, state.get(entered) ?? [CALLER]]);
          state.set(entered, [{ mode: 'eval', origin: rangeOf(args[0]), after: this.after(statement), via: 'routine' }]);
        }
        return;
      }
      if (method === FREEZE.method && args[0]?.type === 'false') {
        this.recordFrozen(key, node.startIndex, walk);
        return;
      }
      if (FORWARD_METHODS.has(method) && walk.models.has(key)) {
        this.modelCall(node, key, state, walk);
        return;
      }
    }
    const calleeText = normalizeKey(callee?.text ?? '');
    // Keras `train_step`/`test_step` call the model itself: `self(x, training=True)`.
    if (calleeText === 'self' && walk.fn?.owner?.framework === 'keras' && this.isKerasStep(walk.fn)) {
      this.modelCall(node, 'self', state, walk);
      return;
    }
    // A sub-model a Keras step method calls (`self.generator(z)`) is run like a model, not wired like a layer.
    const kerasStepSubModel = calleeText.startsWith('self.') && walk.fn?.owner?.framework === 'keras' && this.isKerasStep(walk.fn);
    if (walk.models.has(calleeText) && (!this.isOwnSubmodule(calleeText, walk) || kerasStepSubModel)) {
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
    if (!walk.fn && args.length > 0) {
      const given = new Map<string, ModelInfo | undefined>();
      for (const arg of args) {
        const key = this.modelKeyOf(arg.type === 'keyword_argument' ? (arg.childForFieldName('value') ?? arg) : arg);
        given.set(key, walk.models.get(key));
      }
      this.modelsAtModuleCalls.set(node.id, given);
    }
    if (fn) this.forgetModesSpreadTo(fn, node, args, state, walk);
    // A training step reached through a callee: with the modes the callee sets before its steps.
    if (this.isTrainingStep(node) || (fn !== undefined && this.summary(fn).trains)) {
      const atStep = fn ? this.entryState(fn, node, args, state, walk) : state;
      walk.stepStates.push(new Map(atStep));
      if (walk.record && walk.trainingLoop) this.recordTrainingStep(node, atStep, walk);
      this.trainedAtStep(node, fn ? args : undefined, state);
    }
    if (fn) this.applySummary(fn, node, args, state, walk, statement);
    if (this.isBatchNormFreezer(node)) this.batchNormKeptInEval = true;
  }

  /**
   * A training step makes the fresh models it trains trained ones (their mode now matters, as after
   * `load_state_dict`), and a `model.train()` before it a switch for training, not for a BatchNorm
   * statistics pass: the models passed to a routine that trains, or those called in the loop (or block) around a step.
   */
  private trainedAtStep(step: SyntaxNode, passed: readonly SyntaxNode[] | undefined, state: State): void {
    const marked = (t: ModeToken) => t.fresh || (t.mode === 'train' && t.via === 'switch' && !t.trainedSince);
    const fresh = [...state.keys()].filter((key) => state.get(key)!.some(marked));
    if (fresh.length === 0) return;
    let scope: SyntaxNode | null = step.parent;
    while (scope && scope.type !== 'for_statement' && scope.type !== 'while_statement' && scope.type !== 'function_definition') scope = scope.parent;
    const around = scope && scope.type !== 'function_definition' ? scope.text : (this.statementOf(step).parent?.text ?? '');
    const keys = passed
      ? passed.map((a) => this.modelKeyOf(a.type === 'keyword_argument' ? (a.childForFieldName('value') ?? a) : a))
      : fresh.filter((key) => around.includes(`${key}(`));
    for (const key of keys) {
      const tokens = state.get(key);
      if (tokens?.some(marked))
        state.set(
          key,
          tokens.map((t) => (t.fresh ? { ...t, fresh: undefined } : t.mode === 'train' && t.via === 'switch' ? { ...t, trainedSince: true } : t)),
        );
    }
  }

  private isSelfModuleKey(key: string, walk: Walk): boolean {
    return key === 'self' && walk.fn?.owner?.framework !== undefined;
  }

  /** Inside a model class, `self.backbone(x)` is the model's own forward pass, not a call of a model. */
  private isOwnSubmodule(key: string, walk: Walk): boolean {
    return key.startsWith('self') && walk.fn?.owner?.framework !== undefined;
  }

  /** The `if` branches around a node within its function, innermost first (`elif` branches are left out). */
  private guardsOf(node: SyntaxNode, walk: Walk): BranchGuard[] {
    const guards: BranchGuard[] = [];
    for (let n: SyntaxNode | null = node; n && n.parent && n.id !== walk.fn?.node.id; n = n.parent) {
      const parent = n.parent;
      if (parent.type === 'if_statement' && n.type === 'block' && parent.childForFieldName('consequence')?.id === n.id) {
        guards.push({ condition: normalizeKey(parent.childForFieldName('condition')?.text ?? ''), holds: true });
      } else if (
        parent.type === 'else_clause' &&
        parent.parent?.type === 'if_statement' &&
        !parent.parent.childrenForFieldName('alternative').some((a) => a?.type === 'elif_clause')
      ) {
        guards.push({ condition: normalizeKey(parent.parent.childForFieldName('condition')?.text ?? ''), holds: false });
      }
    }
    return guards;
  }

  private switchToken(method: string, args: readonly SyntaxNode[], node: SyntaxNode, statement: SyntaxNode, walk: Walk): ModeToken {
    const origin = rangeOf(node);
    const after = this.after(statement);
    const guard = this.guardsOf(node, walk)[0];
    const guarded = guard ? { guard } : {};
    if (method === SWITCH_METHODS.eval)
      return { mode: 'eval', origin, after, via: 'switch', ...guarded, ...(this.armOfModeChoice(statement) ? { chosenForTraining: true } : {}) };
    const argument = args[0]?.type === 'keyword_argument' ? args[0].childForFieldName('value') : args[0];
    if (!argument || argument.type === 'true')
      return { mode: 'train', origin, after, via: 'switch', ...(this.isInferenceSwitch(node, walk) ? { inInference: true } : {}) };
    if (argument.type === 'false') return { mode: 'eval', origin, after, via: 'switch', ...guarded };
    // `model.train(was_training)` restores what the caller had.
    if (argument.type === 'identifier' && walk.savedModes.has(argument.text)) return CALLER;
    return { mode: 'unknown', origin, after };
  }

  /**
   * `self._model.eval()` in `__init__` of a class none of whose methods switches `self._model` back to
   * train (an evaluation wrapper): its other methods find it in eval mode.
   */
  private keptInEvalByConstructor(fn: FunctionDef): [string, ModeToken][] {
    const owner = fn.owner;
    const init = owner?.methods.get('__init__');
    if (!owner || !init || fn === init || !init.text.includes(SWITCH_CALLS.evalWithoutArguments)) return [];
    const out: [string, ModeToken][] = [];
    for (const call of this.callsIn(init.node)) {
      const receiver = evalReceiverText(call);
      if (receiver === undefined) continue;
      const key = normalizeKey(receiver);
      if (!key.startsWith('self.') || this.statementOf(call).parent?.id !== init.node.childForFieldName('body')?.id) continue;
      if ([...owner.methods.values()].some((m) => m.text.includes(`${key}${SWITCH_CALLS.train}`))) continue;
      out.push([key, { mode: 'eval', origin: rangeOf(call), via: 'switch' }]);
    }
    return out;
  }

  /** An `if` around `node` (inside `fn`) whose condition reads a training-flag parameter of `fn` (`train`, `is_training`). */
  private guardedByTrainingFlag(node: SyntaxNode, fn: FunctionDef): boolean {
    const params = new Set(fn.params.filter((p) => CUSTOM_TRAINING_FLAG.test(p)));
    if (params.size === 0) return false;
    for (let n: SyntaxNode | null = node.parent; n && n.id !== fn.node.id; n = n.parent) {
      const condition = n.type === 'if_statement' || n.type === 'elif_clause' ? n.childForFieldName('condition') : null;
      if (condition && this.identifiersOf(condition).some((name) => params.has(name))) return true;
    }
    return false;
  }

  /**
   * `if finetune: model.train() elif freeze: model.eval()`: the `.eval()` statement is one arm of an
   * `if` chain another arm of which is a `.train()` of the same model: the mode is chosen, not left over.
   */
  private armOfModeChoice(statement: SyntaxNode): boolean {
    const block = statement.parent;
    const arm = block?.parent;
    const chain = arm?.type === 'if_statement' ? arm : arm?.type === 'elif_clause' || arm?.type === 'else_clause' ? arm.parent : undefined;
    if (!chain || chain.type !== 'if_statement') return false;
    const object = (s: SyntaxNode) => {
      const call = s.type === 'expression_statement' ? this.children(s)[0] : undefined;
      const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
      return callee?.type === 'attribute'
        ? { key: normalizeKey(callee.childForFieldName('object')?.text ?? ''), method: callee.childForFieldName('attribute')?.text }
        : undefined;
    };
    const switched = object(statement)?.key;
    const arms = [
      chain.childForFieldName('consequence'),
      ...chain.childrenForFieldName('alternative').map((a) => a?.childForFieldName('consequence') ?? a?.childForFieldName('body')),
    ];
    return arms.some(
      (body) =>
        body !== null &&
        body !== undefined &&
        body.id !== block!.id &&
        this.children(body).some((s) => {
          const o = object(s);
          return o?.key === switched && o?.method === SWITCH_METHODS.train;
        }),
    );
  }

  private readonly statisticsPasses = new Map<number, boolean>();

  /**
   * A `.train()` written in inference code: under no_grad (the validation loop of MultiBench's
   * issue #26), or in an evaluation function that trains nothing. A pass recomputing BatchNorm
   * statistics (PreciseBN, `update_bn`, a momentum reset) writes the same line on purpose.
   */
  private isInferenceSwitch(node: SyntaxNode, walk: Walk): boolean {
    const underNoGrad = walk.contexts.includes('no-grad');
    const inEvaluation = walk.contexts.includes('inference-function') && walk.fn !== undefined && !this.containsTrainingStep(walk.fn.node, walk.fn);
    if (!underNoGrad && !inEvaluation) return false;
    // `if train: model.train()` on a training-flag parameter: the caller picks the mode on purpose.
    if (walk.fn && this.guardedByTrainingFlag(node, walk.fn)) return false;
    if (walk.fn) return !this.isStatisticsPass(walk.fn);
    // Module level: the no_grad block around the switch is the pass.
    for (let n: SyntaxNode | null = node.parent; n; n = n.parent)
      if (n.type === 'with_statement' && this.isNoGradWith(n)) return !STATISTICS_MARKERS.some((m) => n.text.includes(m));
    return true;
  }

  /**
   * A deliberate train-mode pass that recomputes BatchNorm statistics: named so (`update_bn_stats`,
   * `recalibrate_bn`, `precise_bn`), resetting running statistics or momentum, or calling a library's own.
   */
  private isStatisticsPass(fn: FunctionDef): boolean {
    const known = this.statisticsPasses.get(fn.node.id);
    if (known !== undefined) return known;
    const words = nameWords(fn.name);
    const aboutNorms = words.some((w) => w === 'bn' || w === 'batchnorm' || w === 'norm' || w === 'stats' || w === 'statistics');
    let result = words.some((w) => STATISTICS_RECALIBRATION_WORDS.has(w)) || (aboutNorms && words.some((w) => STATISTICS_UPDATE_WORDS.has(w)));
    if (!result && STATISTICS_MARKERS.some((m) => fn.text.includes(m))) result = true;
    if (!result && STATISTICS_RECALIBRATIONS.size > 0 && fn.text.includes('(')) {
      result = this.callsIn(fn.node).some((c) => STATISTICS_RECALIBRATIONS.has(this.qualified(c.childForFieldName('function')) ?? ''));
    }
    this.statisticsPasses.set(fn.node.id, result);
    return result;
  }

  /**
   * `if was_training: model.train()` after `was_training = model.training`: the mode the caller had
   * comes back, which switches nothing the caller did not already run in.
   */
  private restoresSavedMode(statement: SyntaxNode, key: string, walk: Walk): boolean {
    for (let n = statement.parent; n && n.type !== 'function_definition'; n = n.parent) {
      if (n.type !== 'if_statement') continue;
      const condition = n.childForFieldName('condition');
      return condition?.type === 'identifier' && walk.savedModes.get(condition.text) === key;
    }
    return false;
  }

  /**
   * `model.net.eval()` and then `model(x)`: the code put a part of the model in eval on purpose (a
   * wrapper whose forward runs its backbone), so the call runs as that part's mode says, not as a
   * forgotten `model.eval()`. The part's eval tokens, when every token of some part is eval and the
   * model itself was not switched since.
   */
  private partSwitchedToEval(key: string, state: State): ModeToken[] | undefined {
    const own = state.get(key);
    if (own?.every((t) => t.mode === 'eval')) return undefined;
    for (const [part, tokens] of state) {
      if (!part.startsWith(`${key}.`) || !tokens.every((t) => t.mode === 'eval' && t.origin)) continue;
      const switchedAfter = (t: ModeToken) => tokens.every((p) => p.origin!.start > (t.origin?.start ?? -1));
      if (!own || own.every(switchedAfter)) return tokens;
    }
    return undefined;
  }

  /**
   * `def validate(net, ...): net.eval(); ... model(x)` where every call in the file is
   * `validate(model, ...)`: the parameter is the module-level model, so the model has the mode the
   * function gave the parameter.
   */
  private switchedAsParameter(key: string, state: State, walk: Walk): ModeToken[] | undefined {
    const fn = walk.fn;
    if (!fn || key.includes('.') || fn.params.includes(key) || !this.moduleModels.has(key)) return undefined;
    const calls = this.callsOf(fn);
    if (calls.length === 0) return undefined;
    for (const param of fn.params) {
      const tokens = state.get(param);
      if (!tokens?.every((t) => t.origin && (t.mode === 'eval' || t.mode === 'train'))) continue;
      const index = fn.params.indexOf(param);
      const passes = (call: SyntaxNode) => {
        const args = this.children(call.childForFieldName('arguments'));
        const keyword = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === param);
        const value = keyword
          ? keyword.childForFieldName('value')
          : args.slice(0, index + 1).every((a) => a.type !== 'keyword_argument' && !isSpread(a))
            ? args[index]
            : undefined;
        return value?.type === 'identifier' && value.text === key;
      };
      if (calls.every(passes)) return tokens;
    }
    return undefined;
  }

  private modelCall(node: SyntaxNode, key: string, state: State, walk: Walk, kind: 'call' | 'jit-export' = 'call'): void {
    if (!walk.record || (walk.fn && this.isStatisticsPass(walk.fn))) return;
    const info = walk.models.get(key) ?? this.guessedModel();
    if (!info) return;
    // A per-call mode keyword of another framework (`training=`, `use_running_average=`) on a guessed model: not a PyTorch call.
    const keywords = this.children(node.childForFieldName('arguments'))
      .filter((a) => a.type === 'keyword_argument')
      .map((a) => a.childForFieldName('name')?.text ?? '');
    if (!info.known && keywords.some((k) => modeConventions().some((c) => c.framework !== info.framework && c.perCallModeKeywords.has(k)))) return;
    const contexts = new Set<ExecutionContext>(walk.contexts);
    if (walk.trainingLoop) contexts.add('training-loop');
    if (info.framework === 'keras' && contexts.has('inference-function') && !contexts.has('gradient-tape')) contexts.add('keras-inference');
    const tokens = this.partSwitchedToEval(key, state) ?? this.switchedAsParameter(key, state, walk) ?? state.get(key) ?? [CALLER];
    const model: ModelRef = {
      text: key,
      framework: info.framework,
      mayContainNormOrDropout: info.mayContainNormOrDropout,
      known: info.known,
      ...(info.trainingFlag ? { trainingFlag: info.trainingFlag } : {}),
    };
    const args = this.children(node.childForFieldName('arguments'));
    // Keras' `training=`, or the model's own flag (`model(x, is_training=True)`): the call decides its mode.
    const keywordNamed = (test: (name: string) => boolean) => args.find((a) => a.type === 'keyword_argument' && test(a.childForFieldName('name')?.text ?? ''));
    const trainingArgument =
      keywordNamed((name) => name === kerasTrainingKeyword) ??
      (info.framework === 'keras' ? keywordNamed((name) => CUSTOM_TRAINING_FLAG.test(name)) : undefined);
    const trainingValue =
      trainingArgument?.childForFieldName('value') ?? (info.framework === 'keras' && args[1] && args[1].type !== 'keyword_argument' ? args[1] : undefined);
    const shape = argumentListShape(node.childForFieldName('arguments'));
    const editorArgs = trainingValue
      ? [
          {
            param: kerasTrainingKeyword,
            keyword: trainingArgument?.childForFieldName('name')?.text ?? kerasTrainingKeyword,
            valueRange: rangeOf(trainingValue),
            range: rangeOf(trainingArgument ?? trainingValue),
            value: trainingValue.type === 'true' ? true : trainingValue.type === 'false' ? false : undefined,
            valueText: trainingValue.text,
          },
        ]
      : [];
    const calleeNode = node.childForFieldName('function')!;
    const inLoop = this.repeatsWithin(node, walk);
    const evalInsertion = this.evalInsertionPoint(node, key, walk);
    const heldOut = info.framework === 'pytorch' && kind === 'call' ? this.heldOutEvaluation(node, key, walk) : undefined;
    const scored = kind === 'call' ? this.scoredModel(args, key, walk) : undefined;
    this.modelCalls.set(node.startIndex, {
      range: rangeOf(node),
      kind,
      model,
      contexts,
      modes: tokens,
      callerSwitchesToEval: false,
      // A loop over data makes a top-level evaluation helper's parameter worth a finding without a caller in view; a
      // method's parameter (a hook such as `inference_forward(self, batch, net)`) is given by the class's framework or
      // base class, which sets the mode there (a caller in this file still counts).
      ...(inLoop && !(walk.fn?.owner && key.split('.')[0] !== 'self' && walk.fn.params.includes(key.split('.')[0])) ? { repeated: true } : {}),
      ...(inLoop ? { inLoop: true } : {}),
      ...(args[0] && this.isOneSample(args[0]) ? { oneSample: true } : {}),
      ...(evalInsertion ? { evalInsertion } : {}),
      ...(heldOut ? { heldOutEvaluation: heldOut } : {}),
      ...(scored ? { scoresOutputOf: scored } : {}),
      ...(info.framework === 'keras'
        ? {
            training: trainingValue
              ? { value: trainingValue.type === 'true' ? true : trainingValue.type === 'false' ? false : undefined, range: rangeOf(trainingValue) }
              : undefined,
          }
        : {}),
      handlesTrainingNone: false,
      editor: pythonArgumentEditor(
        this.text,
        () => this.lines,
        shape,
        rangeOf(calleeNode),
        () => editorArgs,
      ),
      ...(tokens.some((t) => t.mode === 'caller') && walk.fn ? { callerResolution: { fn: walk.fn, key } } : {}),
    });
  }

  /**
   * The other model whose output this call takes beside a second positional value (`psnr(sr, gt)`
   * after `sr = g_model(lr)`, or `lpips(g_model(x), y)`): such a call scores a model, it is not one.
   */
  private scoredModel(args: readonly SyntaxNode[], key: string, walk: Walk): string | undefined {
    const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    if (positional.length < 2) return undefined;
    const otherModelCalled = (call: SyntaxNode) => {
      const callee = normalizeKey(call.childForFieldName('function')?.text ?? '');
      return callee !== key && walk.models.has(callee) ? callee : undefined;
    };
    const names = new Set(positional.filter((a) => a.type === 'identifier').map((a) => a.text));
    for (const arg of positional) if (arg.type === 'call' && otherModelCalled(arg)) return otherModelCalled(arg);
    if (names.size === 0) return undefined;
    for (const call of this.callsIn(walk.fn?.node ?? this.root)) {
      const binding = call.parent;
      const target = binding?.type === 'assignment' ? binding.childForFieldName('left') : undefined;
      if (target?.type === 'identifier' && names.has(target.text) && binding!.childForFieldName('right')?.startIndex === call.startIndex) {
        const other = otherModelCalled(call);
        if (other) return other;
      }
    }
    return undefined;
  }

  /**
   * Inline evaluation inside a training loop (pointnet's periodic test batch): the call's input
   * comes from a loader named like val/test, the outermost statement of the loop holding the call
   * trains nothing, and the loop also runs the model with gradients elsewhere.
   */
  private heldOutEvaluation(node: SyntaxNode, key: string, walk: Walk): { before: InsertionPoint; after: InsertionPoint } | undefined {
    const loop = walk.trainingLoop;
    if (!loop) return undefined;
    let evaluation = this.statementOf(node);
    for (let n = evaluation.parent; n && n.startIndex > loop.start && n.id !== walk.fn?.node.id; n = n.parent) {
      if (n.type === 'block' || n.type.endsWith('_clause')) continue;
      if (this.containsTrainingStep(n, walk.fn)) break;
      evaluation = n;
    }
    // A statement of its own beside the training step is part of the step; an evaluation is a block (`if i % 10 == 0:`, `for x in val_loader:`).
    if (evaluation.id === this.statementOf(node).id || this.containsTrainingStep(evaluation, walk.fn) || evaluation.startIndex <= loop.start) return undefined;
    const args = this.children(node.childForFieldName('arguments'));
    // `mvae(x, training=False)`: the model's own API picks the mode per call.
    if (args.some((a) => a.type === 'keyword_argument' && PER_CALL_MODE_KEYWORDS.has(a.childForFieldName('name')?.text ?? ''))) return undefined;
    const tainted = this.heldOutNames(walk.fn?.node.childForFieldName('body') ?? this.root, node.startIndex);
    if (!args.some((a) => this.mentionsHeldOut(a, tainted))) return undefined;
    const loopNode = this.root.descendantForIndex(loop.start, loop.end);
    const trainedElsewhere = this.callsIn(loopNode ?? this.root).some((call) => {
      if (call.startIndex >= evaluation.startIndex && call.endIndex <= evaluation.endIndex) return false;
      if (normalizeKey(call.childForFieldName('function')?.text ?? '') !== key) return false;
      for (let n: SyntaxNode | null = call.parent; n && n.startIndex >= loop.start; n = n.parent)
        if (n.type === 'with_statement' && this.isNoGradWith(n)) return false;
      return true;
    });
    return trainedElsewhere ? { before: this.before(evaluation), after: this.after(evaluation) } : undefined;
  }

  private identifiersOf(node: SyntaxNode | null | undefined): string[] {
    return this.front.identifiersIn(node);
  }

  /**
   * Whether an expression mentions held-out data: a val/test-named value or a tainted name. A
   * subscript with a string key names the split by its key (`loaders['train']` is training data
   * even when `loaders` also holds the validation loader).
   */
  private mentionsHeldOut(node: SyntaxNode | null | undefined, tainted: ReadonlySet<string>): boolean {
    if (!node) return false;
    if (node.type === 'identifier') return tainted.has(node.text) || isHeldOutName(node.text);
    if (node.type === 'keyword_argument') return this.mentionsHeldOut(node.childForFieldName('value'), tainted);
    const key = node.type === 'subscript' ? node.childForFieldName('subscript') : null;
    if (key?.type === 'string') {
      const split = this.children(key).find((c) => c.type === 'string_content')?.text ?? '';
      return HELD_OUT_WORDS.has(split.toLowerCase()) || isHeldOutName(split);
    }
    return this.children(node).some((c) => this.mentionsHeldOut(c, tainted));
  }

  /**
   * Names holding held-out data before `offset`: bound (in source order) from an expression that
   * mentions a val/test-named value or another such name; a later binding from other data clears it.
   */
  private heldOutNames(scope: SyntaxNode, offset: number): Set<string> {
    const tainted = new Set<string>();
    const bindings: { targets: SyntaxNode | null; source: SyntaxNode | null; start: number }[] = [];
    const visit = (n: SyntaxNode) => {
      for (const c of this.children(n)) {
        if (c.startIndex >= offset) return;
        const type = c.type;
        if (type === 'function_definition' || type === 'class_definition' || type === 'lambda') continue;
        if (type === 'assignment') bindings.push({ targets: c.childForFieldName('left'), source: c.childForFieldName('right'), start: c.startIndex });
        else if (type === 'for_statement') bindings.push({ targets: c.childForFieldName('left'), source: c.childForFieldName('right'), start: c.startIndex });
        visit(c);
      }
    };
    visit(scope);
    const isHeldOut = (source: SyntaxNode | null) => this.mentionsHeldOut(source, tainted);
    for (const { targets, source } of bindings) {
      // `train, val = data[:k], data[k:]`: each name from its own element.
      const targetItems = targets && ['pattern_list', 'tuple_pattern'].includes(targets.type) ? this.children(targets) : undefined;
      const sourceItems = source && ['expression_list', 'tuple'].includes(source.type) ? this.children(source) : undefined;
      const pairs: [SyntaxNode | null, SyntaxNode | null][] =
        targetItems && sourceItems && targetItems.length === sourceItems.length ? targetItems.map((t, i) => [t, sourceItems[i]]) : [[targets, source]];
      // Judged before any name of the statement is rebound (`x, y = y, x`).
      const verdicts = pairs.map(([, from]) => isHeldOut(from));
      pairs.forEach(([to], i) => {
        for (const name of this.identifiersOf(to)) {
          if (verdicts[i]) tainted.add(name);
          else tainted.delete(name);
        }
      });
    }
    return tainted;
  }

  /** Whether a call sits in a loop or comprehension of its own function. */
  /** `x.unsqueeze(0)`, `x[None]`, `x[None, ...]`, `torch.randn(1, 3, 224, 224)`: an input batch of one sample. */
  private isOneSample(arg: SyntaxNode): boolean {
    if (arg.type === 'subscript') {
      const first = arg.childForFieldName('subscript');
      return first?.type === 'none';
    }
    if (arg.type !== 'call') return false;
    const callee = arg.childForFieldName('function');
    const args = this.children(arg.childForFieldName('arguments'));
    const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    if (method === undefined) return false;
    if (method === pytorchOneSampleInputs.batchDimensionMethod) return args.length === 1 && args[0].text === '0';
    return pytorchOneSampleInputs.factories.has(method) && args[0]?.text === '1' && args.length > 1;
  }

  private repeatsWithin(node: SyntaxNode, walk: Walk): boolean {
    for (let n: SyntaxNode | null = node.parent; n && n.id !== walk.fn?.node.id; n = n.parent) {
      const type = n.type;
      if (type === 'for_statement' || type === 'while_statement' || type.endsWith('_comprehension') || type === 'generator_expression') return true;
    }
    return false;
  }

  /** Before the outermost no_grad block holding the call, else at the top of the function body. */
  /**
   * Before the outermost no_grad block holding the call, else at the top of the function body; in
   * either case after every binding of the model's name that precedes the call (else right before
   * the call's statement, or nowhere when the call's own statement binds it).
   */
  private evalInsertionPoint(node: SyntaxNode, key: string, walk: Walk): InsertionPoint | undefined {
    let block: SyntaxNode | undefined;
    for (let n: SyntaxNode | null = node.parent; n && n.id !== walk.fn?.node.id; n = n.parent) {
      if (n.type === 'with_statement' && this.isNoGradWith(n)) block = n;
    }
    let candidate: InsertionPoint | undefined;
    if (block) candidate = this.before(block);
    else {
      const body = walk.fn?.node.childForFieldName('body');
      const statements = body ? this.children(body) : [];
      // After a docstring.
      const first = statements[0]?.type === 'expression_statement' && this.children(statements[0])[0]?.type === 'string' ? statements[1] : statements[0];
      candidate = body ? (first ? this.before(first) : undefined) : this.before(this.statementOf(node));
    }
    if (!candidate) return undefined;
    // `if encoder is not None:` somewhere here: an unguarded `encoder.eval()` could raise.
    if (this.testedForNone(walk.fn?.node ?? this.root, key)) return undefined;
    const name = key.split('.')[0];
    const scopeBody = walk.fn?.node.childForFieldName('body') ?? this.root;
    // `model.teacher = build()` in this function: `model.teacher.eval()` must come after it (sweep 7 S7-U1).
    const parts = key.split('.');
    const chains = parts.slice(1).map((_, i) => parts.slice(0, i + 2).join('.'));
    const attributeBindings = this.assignmentsIn(scopeBody)
      .filter((a) => chains.includes(normalizeKey(a.childForFieldName('left')?.text ?? '')))
      .map((a) => a.startIndex);
    if (name === 'self' && attributeBindings.length === 0) return candidate;
    const bindings = [...(name === 'self' ? [] : this.bindingOffsets(scopeBody, name)), ...attributeBindings];
    const between = (from: number) => bindings.filter((offset) => offset >= from && offset < node.startIndex);
    const late = between(candidate.offset);
    if (late.length === 0) return candidate;
    // Right after the last binding, when its statement sits in a block that holds the call.
    const lastBinding = this.statementOf(this.root.descendantForIndex(Math.max(...late)) ?? node);
    const holder = lastBinding.parent;
    if (
      holder &&
      lastBinding.endIndex <= node.startIndex &&
      holder.startIndex <= node.startIndex &&
      node.endIndex <= holder.endIndex &&
      !rangeContains(rangeOf(lastBinding), rangeOf(node))
    ) {
      const after = this.after(lastBinding);
      if (between(after.offset).length === 0) return after;
    }
    const statement = this.before(this.statementOf(node));
    return between(statement.offset).length > 0 ? undefined : statement;
  }

  /** `key is None` / `key is not None` / `key == None` anywhere in a scope. */
  private testedForNone(scope: SyntaxNode, key: string): boolean {
    if (!scope.text.includes('None')) return false;
    const visit = (n: SyntaxNode): boolean => {
      if (n.type === 'comparison_operator') {
        const [left, right] = this.children(n);
        if (right?.type === 'none' && left && normalizeKey(left.text) === key) return true;
      }
      return this.children(n).some(visit);
    };
    return visit(scope);
  }

  private isNoGradWith(node: SyntaxNode): boolean {
    return this.front.gradientContextOf(node) !== undefined;
  }

  /** Where `name` is bound in a scope (assignment, loop or `with` target, import), outside nested definitions. */
  private bindingOffsets(scope: SyntaxNode, name: string): number[] {
    const out: number[] = [];
    const targets = (target: SyntaxNode | null | undefined) => {
      if (!target) return;
      if (target.type === 'identifier') {
        if (target.text === name) out.push(target.startIndex);
        return;
      }
      if (
        ['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'list_splat_pattern', 'as_pattern_target'].includes(
          target.type,
        )
      )
        for (const c of this.children(target)) targets(c);
    };
    const visit = (n: SyntaxNode) => {
      for (const c of this.children(n)) {
        const type = c.type;
        if (type === 'function_definition' || type === 'class_definition' || type === 'lambda') {
          if (c.childForFieldName('name')?.text === name) out.push(c.startIndex);
          continue;
        }
        if (type === 'assignment' || type === 'augmented_assignment') targets(c.childForFieldName('left'));
        else if (type === 'for_statement' || type === 'for_in_clause') targets(c.childForFieldName('left'));
        else if (type === 'named_expression') targets(c.childForFieldName('name'));
        else if (type === 'as_pattern') targets(c.childForFieldName('alias') ?? this.children(c)[1]);
        else if ((type === 'import_statement' || type === 'import_from_statement') && c.text.includes(name)) out.push(c.startIndex);
        visit(c);
      }
    };
    visit(scope);
    return out;
  }

  // ---------------------------------------------------------------- training steps and summaries

  private isTrainingStep(call: SyntaxNode): boolean {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute') return false;
    const method = callee.childForFieldName('attribute')?.text;
    const object = callee.childForFieldName('object')?.text ?? '';
    if (method === undefined) return false;
    if (TRAINING_STEP_CALLS.has(method)) return true;
    if (OPTIMIZER_STEPS.has(method))
      return OPTIMIZER_NAME.test(object) || OPTIMIZER_ARGUMENT.test(this.children(call.childForFieldName('arguments'))[0]?.text ?? '');
    return false;
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
    if (callee?.type === 'identifier')
      return (from && this.closureFunction(from, callee.text)) ?? this.topLevelFunctionAt(callee.text, call.startIndex) ?? this.projectFunction(callee);
    if (callee?.type === 'attribute' && callee.childForFieldName('object')?.text === 'self' && from?.owner) {
      return from.owner.methods.get(callee.childForFieldName('attribute')?.text ?? '');
    }
    return callee?.type === 'attribute' ? this.projectFunction(callee) : undefined;
  }

  /**
   * A function of another project file (`from engine import train`, `engine.train(...)`), read
   * through that file's own analysis: what it does to the models passed to it is known there.
   */
  private projectFunction(callee: SyntaxNode): FunctionDef | undefined {
    let value = this.front.resolveName(callee);
    if (value.kind === 'path' && isProjectPath(value.path)) value = this.front.projectDefinition(value.path);
    if (value.kind !== 'function' || !value.fn.home || value.fn.home === this.front) return undefined;
    return PythonModeAnalysis.ofProjectFile(value.fn.home, value.fn.node)?.functions.get(value.fn.node.id);
  }

  /**
   * A function defined inside `from` or inside a function enclosing it: a closure of `main()` that
   * another closure of `main()` calls (`_train_epoch` calling `_eval_epoch`).
   */
  private closureFunction(from: FunctionDef, name: string): FunctionDef | undefined {
    for (let scope: FunctionDef | undefined = from; scope; scope = this.enclosingFunction(scope)) {
      const found = this.nestedFunction(scope, name);
      if (found) return found;
    }
    return undefined;
  }

  private enclosingFunction(fn: FunctionDef): FunctionDef | undefined {
    for (let n = fn.node.parent; n; n = n.parent) if (n.type === 'function_definition') return this.functions.get(n.id);
    return undefined;
  }

  private readonly nested = new Map<string, FunctionDef | undefined>();

  /** A function defined inside `from` (a `_backward` closure of a training loop). */
  private nestedFunction(from: FunctionDef, name: string): FunctionDef | undefined {
    const id = `${from.node.id}:${name}`;
    if (this.nested.has(id)) return this.nested.get(id);
    let found: FunctionDef | undefined;
    if (this.definitionKeywords.within(from.start + 1, from.end)) {
      for (const fn of this.functions.values()) if (fn.name === name && fn.start > from.start && fn.end <= from.end && !fn.owner) found = fn;
    }
    this.nested.set(id, found);
    return found;
  }

  private static readonly EMPTY_SUMMARY: FunctionSummary = { effects: new Map(), entry: new Map(), trains: false };

  private summary(fn: FunctionDef): FunctionSummary {
    if (fn.analysis !== this) return fn.analysis.summary(fn);
    const known = this.summaries.get(fn.node.id);
    if (known) return known;
    if (this.summarizing.has(fn.node.id)) return PythonModeAnalysis.EMPTY_SUMMARY;
    this.summarizing.add(fn.node.id);
    // Without markers a function can only act on models through the functions it calls.
    if (!this.hasMarkers(fn) && !this.mentionsSameFileFunction(fn)) {
      this.summaries.set(fn.node.id, PythonModeAnalysis.EMPTY_SUMMARY);
      this.summarizing.delete(fn.node.id);
      return PythonModeAnalysis.EMPTY_SUMMARY;
    }
    const trains = this.callsIn(fn.node).some(
      (c) =>
        this.isTrainingStep(c) ||
        ((): boolean => {
          const callee = this.calleeFunction(c, fn);
          return callee !== undefined && callee !== fn && this.summary(callee).trains;
        })(),
    );
    const walk = this.newWalk(fn, false);
    const exit = this.walkFunction(fn, walk);
    const effects = new Map<string, Effect>();
    for (const [key, tokens] of exit) effects.set(key, PythonModeAnalysis.effectOf(tokens));
    // A decorator that switches to eval and restores afterwards (`finally: model.train(was)`) leaves the caller's mode.
    for (const param of this.parametersEvaluatedByDecorators(fn, true)) effects.set(param, 'none');
    // The mode a model is in at every training step: what the function set on entry.
    const entry = new Map<string, 'train' | 'eval'>();
    const keys = new Set(walk.stepStates.flatMap((state) => [...state.keys()]));
    for (const key of keys) {
      const effect = PythonModeAnalysis.effectOf(walk.stepStates.flatMap((state) => state.get(key) ?? [CALLER]));
      if (effect === 'train' || effect === 'eval') entry.set(key, effect);
    }
    const returned = walk.returned.length > 0 && walk.returned.every((r) => r !== undefined) ? walk.returned.flatMap((r) => r) : undefined;
    const result: FunctionSummary = { effects, entry, trains, ...(returned ? { returns: union([], returned) } : {}) };
    this.summaries.set(fn.node.id, result);
    this.summarizing.delete(fn.node.id);
    return result;
  }

  private static effectOf(tokens: readonly ModeToken[]): Effect {
    const modes = new Set(tokens.map((t) => t.mode));
    if (modes.size === 2 && modes.has('train') && modes.has('caller')) return 'maybe-train';
    if (modes.size !== 1) return 'mixed';
    return modes.has('eval') ? 'eval' : modes.has('train') ? 'train' : modes.has('caller') ? 'none' : 'mixed';
  }

  /** The caller's model keys bound to a callee's parameters (and `self.X` for a method on self). */
  private bindings(fn: FunctionDef, call: SyntaxNode, args: readonly SyntaxNode[]): Map<string, { key: string; node?: SyntaxNode }> {
    const bindings = new Map<string, { key: string; node?: SyntaxNode }>();
    const offset = fn.owner && fn.params[0] === 'self' ? 1 : 0;
    // After `*args` the positions of the arguments that follow are unknown.
    const spread = args.findIndex(isSpread);
    args.forEach((arg, i) => {
      if (arg.type === 'keyword_argument') {
        const value = arg.childForFieldName('value');
        if (value) bindings.set(arg.childForFieldName('name')?.text ?? '', { key: this.modelKeyOf(value), node: value });
      } else if ((spread < 0 || i < spread) && fn.params[i + offset]) bindings.set(fn.params[i + offset], { key: this.modelKeyOf(arg), node: arg });
    });
    const onSelf = call.childForFieldName('function')?.childForFieldName('object')?.text === 'self';
    // `self.X` for a method on self; a module-level model the function uses by its global name; a model of an
    // enclosing function a closure uses by its name (`model` of `main()` in its `_eval_epoch()`).
    const closure = fn.analysis === this && !fn.owner && this.enclosingFunction(fn) !== undefined;
    const free = (root: string) => !fn.params.includes(root) && !this.assignmentsIn(fn.node).some((a) => this.valueAssignedTo(a, root) !== undefined);
    const shared = (key: string) =>
      (onSelf && (key.startsWith('self.') || (key === 'self' && fn.owner !== undefined && this.trainsItself(fn.owner)))) ||
      (this.moduleModels.has(key) && !fn.params.includes(key)) ||
      (closure && !key.startsWith('self.') && free(key.split('.')[0]));
    if (fn.analysis !== this) return bindings;
    const summary = this.summary(fn);
    for (const key of [...summary.effects.keys(), ...summary.entry.keys()]) if (shared(key) && !bindings.has(key)) bindings.set(key, { key });
    return bindings;
  }

  /** The model a passed expression stands for: `model` for `model.eval()`, `model.to(device)`, `DataParallel(model)`. */
  private modelKeyOf(node: SyntaxNode): string {
    if (node.type === 'call') {
      const inner = this.modeKeepingReceiver(node) ?? this.wrappedModule(node);
      if (inner) return this.modelKeyOf(inner);
    }
    return normalizeKey(node.text);
  }

  /**
   * `run_epoch(*params, epoch)`: which parameter receives which model is unknown. When the callee
   * switches a parameter that no argument is bound to, any model of the caller may be that one: their
   * modes become unknown (a BN202 on the switch the callee makes would be a guess).
   */
  private forgetModesSpreadTo(fn: FunctionDef, call: SyntaxNode, args: readonly SyntaxNode[], state: State, walk: Walk): void {
    if (!args.some(isSpread)) return;
    const summary = this.summary(fn);
    const bound = this.bindings(fn, call, args);
    const switched = [...summary.entry.keys(), ...summary.effects.keys()].some((param) => fn.params.includes(param) && !bound.has(param));
    if (!switched) return;
    for (const key of walk.models.keys()) if (!key.startsWith('self.')) state.set(key, [UNKNOWN_MODE]);
  }

  /** The state at a callee's training steps: the modes it sets on entry replace the caller's. */
  private entryState(fn: FunctionDef, call: SyntaxNode, args: readonly SyntaxNode[], state: State, walk: Walk): State {
    const entry = this.summary(fn).entry;
    if (entry.size === 0) return state;
    const out = new Map(state);
    for (const [param, { key: callerKey }] of this.bindings(fn, call, args)) {
      const mode = entry.get(param);
      // No origin: the switch is inside the callee, not something in the caller's loop.
      if (mode && walk.models.has(callerKey)) out.set(callerKey, [{ mode }]);
    }
    return out;
  }

  /** Maps a callee's effect on its parameters and `self.X` onto the caller's models. */
  private applySummary(fn: FunctionDef, call: SyntaxNode, args: readonly SyntaxNode[], state: State, walk: Walk, statement: SyntaxNode): void {
    const summary = this.summary(fn);
    const origin = rangeOf(call);
    let afterCall: InsertionPoint | undefined;
    const after = () => (afterCall ??= this.after(statement));
    const apply = (calleeKey: string, callerKey: string) => {
      if (!walk.models.has(callerKey) && !state.has(callerKey) && !(callerKey.startsWith('self.') && calleeKey === callerKey)) return;
      if (walk.record)
        this.callSites.push({ callee: fn, calleeKey, tokens: state.get(callerKey) ?? [CALLER], caller: walk.fn, callerKey, start: call.startIndex });
      const effect = summary.effects.get(calleeKey);
      const trainer = summary.trains ? { byTrainingRoutine: true } : {};
      if (effect === 'eval') state.set(callerKey, [{ mode: 'eval', origin, after: after(), via: 'routine', ...trainer }]);
      else if (effect === 'train') state.set(callerKey, [{ mode: 'train', origin, after: after(), via: 'routine' }]);
      else if (effect === 'maybe-train')
        state.set(callerKey, union(state.get(callerKey) ?? [CALLER], [{ mode: 'train', origin, after: after(), via: 'routine' }]));
      else if (effect === 'mixed')
        state.set(callerKey, union(state.get(callerKey) ?? [CALLER], [{ mode: 'eval', origin, after: after(), via: 'routine', ...trainer }]));
    };
    // A method called on self acts on the same attributes.
    for (const [param, { key, node }] of this.bindings(fn, call, args)) {
      // Another file's routine that switches the model to train before its steps (`engine.train(model=model)`):
      // for a frozen model it is a training loop like Lightning's `fit` (BN204).
      if (fn.analysis !== this && walk.record && summary.entry.get(param) === 'train' && /^[\w.]+$/.test(key))
        this.fitCalls.push({ range: origin, candidates: [{ key }], after: after(), scope: walk.fn?.node.id ?? -1, routine: true });
      // A model built in the argument itself (`export(Net(), x)`): a call site with that model's mode.
      if (walk.record && node?.type === 'call' && key === normalizeKey(node.text) && this.modelFromExpression(node, walk)) {
        this.callSites.push({
          callee: fn,
          calleeKey: param,
          tokens: this.modeOfExpression(node, state, walk) ?? [UNKNOWN_MODE],
          caller: walk.fn,
          callerKey: key,
          start: call.startIndex,
        });
      } else apply(param, key);
    }
    // `evaluate(loader)` reading the module-level `model` by its global name runs it in the mode this
    // caller left it in (a call after `model.eval()` is a caller that switches it).
    if (walk.record && !fn.owner && fn.analysis === this) {
      for (const [key, tokens] of state)
        if (this.moduleModels.has(key) && !key.includes('.') && !this.topLevelDefinitions.has(key) && !fn.params.includes(key) && spellsName(fn.text, key))
          this.callSites.push({ callee: fn, calleeKey: key, tokens, caller: walk.fn, callerKey: key, start: call.startIndex });
    }
    // `self.inference(loader)` right after `self.net.eval()`: the method runs `self.net` in the mode this
    // one left it in, whether or not it switches it itself (a caller that evaluates, for BN201).
    const callee = call.childForFieldName('function');
    if (walk.record && fn.owner && fn.owner === walk.fn?.owner && callee?.type === 'attribute' && callee.childForFieldName('object')?.text === 'self') {
      const bound = new Set(this.bindings(fn, call, args).keys());
      for (const [key, tokens] of state)
        if (key.startsWith('self.') && !bound.has(key))
          this.callSites.push({ callee: fn, calleeKey: key, tokens, caller: walk.fn, callerKey: key, start: call.startIndex });
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
      return (
        [...modes].every((m) => m === 'eval' || m === 'caller') && site.caller !== undefined && this.callerSwitchesToEval(site.caller, site.callerKey, seen)
      );
    });
  }

  /** Whether the training loop runs the model's forward pass with gradients on (outside no_grad). */
  private calledWithGradients(key: string, loop: TextRange): boolean {
    return this.forwardWithGradients(key, loop) !== undefined;
  }

  /** The first call of `key` inside the loop that runs with gradients on (outside no_grad). */
  private forwardWithGradients(key: string, loop: TextRange): SyntaxNode | undefined {
    const loopNode = this.root.descendantForIndex(loop.start, loop.end);
    if (!loopNode) return undefined;
    return this.callsIn(loopNode).find((call) => {
      if (normalizeKey(call.childForFieldName('function')?.text ?? '') !== key) return false;
      for (let n: SyntaxNode | null = call.parent; n && n.startIndex >= loop.start; n = n.parent)
        if (n.type === 'with_statement' && this.isNoGradWith(n)) return false;
      return true;
    });
  }

  /**
   * Whether the loop trains the value `key` names: it runs its forward pass with gradients, or hands
   * it to a call outside no_grad that is not the evaluation routine (`train_step(model, x, y)`). An
   * evaluation-only wrapper sharing the trained model's encoder does neither.
   */
  private trainedInLoop(key: string, modes: readonly ModeToken[], loop: TextRange): boolean {
    if (this.calledWithGradients(key, loop)) return true;
    const loopNode = this.root.descendantForIndex(loop.start, loop.end);
    if (!loopNode) return false;
    const evaluations = new Set(modes.filter((t) => t.mode === 'eval' && t.origin).map((t) => t.origin!.start));
    const names = (n: SyntaxNode | null | undefined) => (n?.type === 'identifier' || n?.type === 'attribute') && normalizeKey(n.text) === key;
    const passed = (call: SyntaxNode) =>
      this.children(call.childForFieldName('arguments')).some((a) => names(a) || (a.type === 'keyword_argument' && names(a.childForFieldName('value'))));
    const underNoGrad = (call: SyntaxNode) => {
      for (let n: SyntaxNode | null = call.parent; n && n.startIndex >= loop.start; n = n.parent)
        if (n.type === 'with_statement' && this.isNoGradWith(n)) return true;
      return false;
    };
    return this.callsIn(loopNode).some((call) => !evaluations.has(call.startIndex) && passed(call) && !underNoGrad(call));
  }

  /**
   * Whether the name under `key` is bound on every path to the loop: a parameter, `self`, a model of
   * the module, or bound by a statement of a block enclosing the loop that ends before it (not
   * under an `if`, a loop or a `try`, which may not run). Only then can a fix name it at the top of the loop.
   */
  private boundBeforeLoop(key: string, loop: TextRange, walk: Walk): boolean {
    const root = key.split('.')[0];
    if (root === 'self' || walk.fn?.params.includes(root)) return true;
    const loopNode = this.root.descendantForIndex(loop.start, loop.end);
    const scope = walk.fn?.node ?? this.root;
    const offsets = this.bindingOffsets(scope, root);
    if (offsets.length === 0) return walk.fn !== undefined && this.moduleModels.has(root);
    return offsets.some((offset) => {
      if (offset >= loop.start) return false;
      const bound = this.root.descendantForIndex(offset, offset);
      const statement = bound && this.statementOf(bound);
      const block = statement?.parent;
      // A loop's target is not bound when it runs zero times.
      if (!statement || !block || !loopNode || statement.type === 'for_statement') return false;
      for (let n: SyntaxNode | null = loopNode.parent; n; n = n.parent) if (n.id === block.id) return statement.endIndex <= loop.start;
      return false;
    });
  }

  private recordTrainingStep(node: SyntaxNode, state: State, walk: Walk): void {
    const models = [...walk.models.entries()]
      .filter(([key]) => state.has(key))
      .map(([key, info]) => ({
        model: { text: key, framework: info.framework, mayContainNormOrDropout: info.mayContainNormOrDropout },
        modes: state.get(key)!,
        calledInLoop: this.calledWithGradients(key, walk.trainingLoop!),
        trainedInLoop: this.trainedInLoop(key, state.get(key)!, walk.trainingLoop!),
        boundBeforeLoop: this.boundBeforeLoop(key, walk.trainingLoop!, walk),
      }));
    const loops: { range: TextRange; bodyTop: InsertionPoint }[] = [];
    for (let n: SyntaxNode | null = node.parent; n && n.id !== walk.fn?.node.id; n = n.parent) {
      if (n.type !== 'for_statement' && n.type !== 'while_statement') continue;
      const first = this.children(n.childForFieldName('body'))[0];
      if (first) loops.unshift({ range: rangeOf(n), bodyTop: this.before(first) });
    }
    this.trainingSteps.set(`${node.startIndex}`, { range: rangeOf(node), loop: walk.trainingLoop!, loops, models, guards: this.guardsOf(node, walk) });
  }

  // ---------------------------------------------------------------- BN204, BN205

  private isBatchNormFreezer(call: SyntaxNode): boolean {
    const callee = call.childForFieldName('function');
    const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
    if (name && BN_FREEZE_NAME.test(name)) return true;
    // `model.apply(set_bn_eval)`
    const first = this.children(call.childForFieldName('arguments'))[0];
    if (name === pytorchModuleApply && first?.type === 'identifier' && BN_FREEZE_NAME.test(first.text)) return true;
    // `m.eval()` under `if isinstance(m, nn.BatchNorm2d)`.
    if (name === SWITCH_METHODS.eval && callee?.type === 'attribute') {
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
    return value.kind === 'ctor' && value.spec.role === 'batchnorm';
  }

  /**
   * A framework training loop: Lightning's `trainer.fit(model, ...)` (the model as first argument
   * or `model=`), or `model.fit(...)` on the module itself. Both call `model.train()` before training.
   */
  private recordFit(node: SyntaxNode, receiver: string, args: readonly SyntaxNode[], statement: SyntaxNode, walk: Walk): void {
    const passed = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'model')?.childForFieldName('value') ?? args[0];
    const keys = [receiver, ...(passed && passed.type !== 'keyword_argument' ? [this.modelKeyOf(passed)] : [])].filter((k) => /^[\w.]+$/.test(k));
    const scope = walk.fn?.node.id ?? -1;
    const classOf = (key: string) => {
      for (const callee of this.constructorsOf(key, scope, node.startIndex)) {
        const value = this.front.resolveName(callee);
        if (value.kind === 'class') return value.cls.name;
      }
      return undefined;
    };
    this.fitCalls.push({
      range: rangeOf(node),
      candidates: keys.map((key) => ({ key, className: classOf(key) })),
      after: this.after(statement),
      scope: walk.fn?.node.id ?? -1,
    });
  }

  /**
   * A frozen model trained by a loop of this file without any `.train()`: it has been in train mode
   * since it was built or loaded (a linear probe in a notebook), so its frozen BatchNorm layers
   * update with every batch. Reported at its forward call in the loop, once per model and loop.
   */
  private frozenTrainedWithoutSwitch(
    freezes: readonly { root: string; start: number; scope: number }[],
    reported: readonly { key: string }[],
    precedes: (freeze: { root: string; start: number; scope: number }, call: { range: TextRange; scope: number }) => boolean,
    sharedName: (key: string) => boolean,
  ): { range: TextRange; key: string; after: InsertionPoint; scope: number; neverSwitched: true }[] {
    if (freezes.length === 0) return [];
    const out: { range: TextRange; key: string; after: InsertionPoint; scope: number; neverSwitched: true }[] = [];
    for (const step of this.trainingSteps.values()) {
      const scope = this.innermostFunction(step.range.start)?.node.id ?? -1;
      for (const { model, modes, calledInLoop } of step.models) {
        const key = model.text;
        // Built in train mode (pretrained or loaded) and never switched on the way to this step. At
        // module level no caller exists: a path that bound nothing (`if/elif` without `else`) cannot reach it.
        const reaching = scope === -1 ? modes.filter((t) => t.mode !== 'caller') : modes;
        const neverSwitched = reaching.length > 0 && reaching.every((t) => t.mode === 'train' && t.via === undefined && !t.fresh);
        if (!calledInLoop || !neverSwitched || model.framework !== 'pytorch' || !model.mayContainNormOrDropout || !/^[\w.]+$/.test(key)) continue;
        if (reported.some((c) => sameModulePath(c.key, key)) || out.some((c) => c.key === key && c.scope === scope)) continue;
        const frozen = freezes.some((f) => sameModulePath(f.root, key) && precedes(f, { range: step.range, scope }) && (f.scope === scope || sharedName(key)));
        const forward = frozen ? this.forwardWithGradients(key, step.loop) : undefined;
        const loopNode = forward ? this.root.descendantForIndex(step.loop.start, step.loop.end) : undefined;
        if (forward && loopNode) out.push({ range: rangeOf(forward), key, after: this.before(loopNode), scope, neverSwitched: true });
      }
    }
    return out;
  }

  /** Whether the function (by id) returns the value of local `name` (`return model`). */
  private returnsName(scope: number, name: string): boolean {
    const fn = this.functions.get(scope);
    if (!fn) return false;
    const visit = (n: SyntaxNode): boolean =>
      n.type === 'return_statement'
        ? this.children(n).some((v) => v.text === name || (v.type === 'expression_list' && this.children(v).some((e) => e.text === name)))
        : n.type !== 'function_definition' && n.type !== 'class_definition' && this.children(n).some(visit);
    return this.children(fn.node.childForFieldName('body')).some(visit);
  }

  /**
   * Some call of the file hands this parameter a plain function (`def net(X)` or a lambda: from-scratch
   * code) or an instance of a plain same-file class, which is no module: the name does not make it a model. Followed through the callers'
   * own parameters (`train(net)` calling `evaluate_accuracy(test_iter, net)`), `depth` levels.
   */
  private givenPlainFunction(fn: FunctionDef, param: string, depth: number): boolean {
    if (depth === 0) return false;
    return this.callsOf(fn).some((call) =>
      this.children(call.childForFieldName('arguments')).some((arg, i) => {
        const keyword = arg.type === 'keyword_argument';
        if ((keyword ? arg.childForFieldName('name')?.text : fn.params[i]) !== param) return false;
        const value = keyword ? arg.childForFieldName('value') : arg;
        if (value?.type === 'lambda') return true;
        if (value?.type !== 'identifier') return false;
        const caller = this.innermostFunction(call.startIndex);
        if (caller?.params.includes(value.text)) return this.givenPlainFunction(caller, value.text, depth - 1);
        // `net = lambda X: linreg(X, w, b)` in the calling scope.
        const scope = caller?.node.childForFieldName('body') ?? this.root;
        // ... or an instance of a same-file class that is no module (a from-scratch `MultilayerPerceptron()`).
        const plainBinding = this.assignmentsIn(scope).some((a) => {
          const right = this.valueAssignedTo(a, value.text);
          if (right?.type === 'lambda') return true;
          const built = right?.type === 'call' ? right.childForFieldName('function') : undefined;
          const cls = built?.type === 'identifier' ? this.classes.get(built.text) : undefined;
          const plainBases = cls?.info?.bases.every((base) => base.kind === 'path' && base.path === 'object') ?? false;
          return cls !== undefined && cls.framework === undefined && plainBases;
        });
        if (plainBinding) return true;
        const named = this.topLevelFunctionAt(value.text, call.startIndex);
        return named !== undefined && !this.moduleModels.has(value.text) && !this.classes.has(value.text);
      }),
    );
  }

  /** The value an assignment gives `name`: its right side, or the matching element of a tuple (`net, loss = lambda X: ..., squared_loss`). */
  private valueAssignedTo(assignment: SyntaxNode, name: string): SyntaxNode | null | undefined {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.text === name) return right;
    if (!left || !right || !['pattern_list', 'tuple_pattern'].includes(left.type) || !['expression_list', 'tuple'].includes(right.type)) return undefined;
    const targets = this.children(left);
    const values = this.children(right);
    return targets.length === values.length ? values[targets.findIndex((t) => t.text === name)] : undefined;
  }

  /** The innermost function whose span holds `offset`. */
  private innermostFunction(offset: number): FunctionDef | undefined {
    let found: FunctionDef | undefined;
    for (const fn of this.functions.values()) if (fn.start <= offset && offset < fn.end && (!found || fn.start > found.start)) found = fn;
    return found;
  }

  /** The callees of the calls that bind `key` in a scope (a function's id, -1: module level) before `before`: `Net` of `model = Net().to(device)`. */
  private constructorsOf(key: string, scope: number, before: number): SyntaxNode[] {
    const body = this.functions.get(scope)?.node.childForFieldName('body') ?? this.root;
    return this.assignmentsIn(body).flatMap((assignment) => {
      if (assignment.startIndex > before || normalizeKey(assignment.childForFieldName('left')?.text ?? '') !== key) return [];
      let right = assignment.childForFieldName('right');
      while (right?.type === 'call' && this.modeKeepingReceiver(right)?.type === 'call') right = this.modeKeepingReceiver(right)!;
      // `model = model.to(device)` binds the same module again: no new construction.
      if (right?.type === 'call' && normalizeKey(this.modeKeepingReceiver(right)?.text ?? '') === key) return [];
      const callee = right?.type === 'call' ? right.childForFieldName('function') : null;
      return callee ? [callee] : [];
    });
  }

  /**
   * Every binding of `key` in the scope before `before` is a model-zoo network without BatchNorm (a
   * torchvision ViT) or a single layer of the tables that is no BatchNorm (`nn.Linear(512, 10)`).
   */
  private builtWithoutBatchNorm(key: string, scope: number, before: number): boolean {
    const callees = this.constructorsOf(key, scope, before);
    return (
      callees.length > 0 &&
      callees.every((callee) => {
        const value = this.front.resolveName(callee);
        return (value.kind === 'ctor' && value.spec.role !== 'batchnorm') || NO_BATCHNORM_ZOO_PATH.test(this.qualified(callee) ?? '');
      })
    );
  }

  /**
   * The modules switched to eval by the statements right after the one holding `range`
   * (`model.backbone.eval()`), also by a loop or branch of such calls right after it (`for i in
   * range(k): net.convnets[i].eval()`); indexes by a variable read `[*]`.
   */
  private switchedToEvalRightAfter(range: TextRange): string[] {
    const node = this.root.descendantForIndex(range.start, range.end);
    if (!node) return [];
    const out: string[] = [];
    const evaluated = (statement: SyntaxNode): boolean => {
      if (statement.type === 'for_statement' || statement.type === 'if_statement') {
        const body = statement.childForFieldName(statement.type === 'for_statement' ? 'body' : 'consequence');
        const inner = this.children(body);
        return inner.length > 0 && inner.every(evaluated);
      }
      const call = statement.type === 'expression_statement' ? statement.namedChild(0) : undefined;
      const receiver = call?.type === 'call' ? evalReceiverText(call) : undefined;
      if (receiver === undefined) return false;
      out.push(modulePart(normalizeKey(receiver)));
      return true;
    };
    for (let next = this.statementOf(node).nextNamedSibling; next && (next.type === 'comment' || evaluated(next)); next = next.nextNamedSibling);
    return out;
  }

  /**
   * `net = models.resnet50()` between a freeze (at `from`) and a use (at `to`) in the same scope, in a
   * block that holds the use: the name now holds a fresh model the freeze never touched (a later
   * notebook cell). A rebinding that mentions the name (`net = net.to(device)`, `DataParallel(net)`)
   * keeps the module.
   */
  private reboundBetween(root: string, scope: number, from: number, to: number): boolean {
    const name = root.split('.')[0];
    const body = this.functions.get(scope)?.node.childForFieldName('body') ?? this.root;
    return this.assignmentsIn(body).some((a) => {
      if (a.startIndex <= from || a.startIndex >= to) return false;
      const left = normalizeKey(a.childForFieldName('left')?.text ?? '');
      if ((left !== name && left !== root) || this.identifiersOf(a.childForFieldName('right')).includes(name)) return false;
      const block = a.parent?.parent;
      return block !== null && block !== undefined && block.startIndex <= to && to < block.endIndex;
    });
  }

  /** What a class's methods switch to eval (`self.backbone.eval()` in a Lightning hook). */
  private evaluatedInMethods(className: string): string[] {
    const cls = this.classes.get(className);
    return [...(cls?.methods.values() ?? [])].flatMap((method) =>
      this.callsIn(method.node).flatMap((call) => {
        const receiver = evalReceiverText(call);
        return receiver === undefined ? [] : [normalizeKey(receiver)];
      }),
    );
  }

  private frozenTrainCalls(): FrozenModelTrainCall[] {
    // A `.train()` on an expression (`build(...).train()`) names no module the file can follow.
    // A freeze counts for a `.train()` it can precede: in another function, earlier in the same one, or in a loop around both.
    const precedes = (freeze: { root: string; start: number; scope: number }, call: { range: TextRange; scope: number }) =>
      freeze.scope !== call.scope ||
      ((freeze.start < call.range.start || this.shareLoop(freeze.start, call.range.start)) &&
        !this.reboundBetween(freeze.root, freeze.scope, freeze.start, call.range.start));
    const freezes = [...this.freezes.values()];
    // A `.train()` on an expression (`build(...).train()`) names no module the file can follow.
    // `train_val(model, ...)` whose `net.train()` switches the caller's frozen `model`: the key as each call site names it.
    const asPassed = (c: { range: TextRange; key: string; scope: number }) => {
      const [root, ...rest] = c.key.split('.');
      return this.callSites
        .filter((site) => site.callee.analysis === this && site.callee.node.id === c.scope && site.calleeKey === root)
        .map((site) => ({ key: [site.callerKey, ...rest].join('.'), range: { start: site.start, end: site.start }, scope: site.caller?.node.id ?? -1 }));
    };
    // A name frozen in one function and switched in another is the same module only when it can be:
    // an attribute (`self.backbone` is `detector.backbone`), a module-level model, or a model the
    // freezing function returns (`build()`); two functions' locals `model` are not.
    const sharedName = (key: string) => key.startsWith('self.') || this.moduleModels.has(key.split('.')[0]);
    const sameModule = (f: { root: string; scope: number }, k: { key: string; scope: number }) =>
      sameModulePath(f.root, k.key) &&
      (f.scope === k.scope || f.root.startsWith('self.') || sharedName(k.key) || this.returnsName(f.scope, f.root.split('.')[0]));
    let affected: { range: TextRange; key: string; after: InsertionPoint; scope: number; frameworkLoop?: boolean; neverSwitched?: boolean }[] =
      this.trainCalls.filter((c) => /^[\w.]+$/.test(c.key) && freezes.some((f) => [c, ...asPassed(c)].some((k) => sameModule(f, k) && precedes(f, k))));
    // A framework loop trains a module frozen by name, or an instance of a class whose methods freeze `self.X`.
    const ownerOf = (scope: number) => [...this.functions.values()].find((fn) => fn.node.id === scope)?.owner?.name;
    for (const fit of this.fitCalls) {
      const trained = fit.candidates.find(({ key, className }) =>
        freezes.some(
          (f) =>
            (sameModulePath(f.root, key) &&
              precedes(f, { range: fit.range, scope: fit.scope }) &&
              (!fit.routine || f.scope === fit.scope || sharedName(key))) ||
            (className !== undefined &&
              f.root.startsWith('self.') &&
              ownerOf(f.scope) === className &&
              !this.evaluatedInMethods(className).some((key) => sameModulePath(f.root, key))),
        ),
      );
      if (trained && !this.trainCalls.some((c) => rangeContains(fit.range, c.range)))
        affected.push({ range: fit.range, key: trained.key, after: fit.after, scope: fit.scope, frameworkLoop: true });
    }
    affected.push(...this.frozenTrainedWithoutSwitch(freezes, affected, precedes, sharedName));
    // A frozen network that has no BatchNorm (a ViT) has no statistics to drift.
    // ... also where the freeze happened (a `get_model()` factory freezing the VGG16 it returns).
    // ... and a frozen part assigned a single layer (`model.fc = nn.Linear(512, 10)`, then only `model.fc` frozen).
    const frozenWithoutBatchNorm = (key: string) => {
      const matching = freezes.filter((f) => sameModulePath(f.root, key));
      return (
        matching.length > 0 &&
        matching.every((f) => this.builtWithoutBatchNorm(f.root.split('.')[0], f.scope, f.start) || this.builtWithoutBatchNorm(f.root, f.scope, f.start))
      );
    };
    // `model.train()` then `model.backbone.eval()` right after it: the frozen part is put back in eval (the usual remedy),
    // also part by part (`for i in range(k): net.convnets[i].eval()` for parts frozen the same way).
    const frozenPartsEvaluatedRightAfter = (c: { range: TextRange; key: string }) => {
      const evaluated = this.switchedToEvalRightAfter(c.range);
      const matching = freezes.filter((f) => sameModulePath(f.root, c.key));
      const covers = (k: string, path: string) => k === path || path.startsWith(`${k}.`);
      return matching.length > 0 && matching.every((f) => evaluated.some((k) => covers(k, f.root) || covers(k, f.part)));
    };
    affected = affected.filter(
      (c) => !this.builtWithoutBatchNorm(c.key.split('.')[0], c.scope, c.range.start) && !frozenWithoutBatchNorm(c.key) && !frozenPartsEvaluatedRightAfter(c),
    );
    if (affected.length === 0 || !this.mayBuildBatchNorm()) return [];
    const unfrozen = this.unfrozenRoots();
    affected = affected.filter((c) => !freezes.some((f) => sameModulePath(f.root, c.key) && unfrozen.some((u) => sameModulePath(u, f.root))));
    if (affected.length === 0) return [];
    // Only then scan the whole file: a freeze_bn method or isinstance loop defined anywhere counts.
    if (!this.batchNormKeptInEval)
      this.batchNormKeptInEval =
        this.callsIn(this.root).some((c) => this.isBatchNormFreezer(c)) ||
        [...this.functions.values()].some(
          (f) =>
            BN_FREEZE_NAME.test(f.name) ||
            (f.name === SWITCH_METHODS.train && f.owner?.framework !== undefined && f.text.includes(SWITCH_CALLS.evalWithoutArguments)) ||
            // A plain class's own mode setter (a continual-learning learner's `train()` that puts its old extractors back in eval), not a training loop.
            (f.name === SWITCH_METHODS.train &&
              f.owner !== undefined &&
              f.text.includes(SWITCH_CALLS.evalWithoutArguments) &&
              !this.callsIn(f.node).some((c) => this.isTrainingStep(c))),
        );
    const nn = this.torchNnName;
    return affected.map((c) => ({
      range: c.range,
      model: c.key,
      after: c.after,
      batchNormKeptInEval: this.batchNormKeptInEval,
      torchNnName: nn,
      ...(c.frameworkLoop ? { frameworkLoop: true } : {}),
      ...(c.neverSwitched ? { neverSwitched: true } : {}),
    }));
  }

  private buildsBatchNorm: boolean | undefined;

  /**
   * Whether anything here may build BatchNorm: a BatchNorm layer (also one a project class builds
   * for this file), a zoo network that has them (`models.resnet50()`), or a string naming such a
   * network for a builder that takes names (`timm.create_model('resnet50')`, `--arch resnet18`).
   * Without any, a frozen model (a BERT, a CLIP ViT, an MLP, a checkpoint of unknown make) shows no
   * running statistics that could drift, and BN204 stays silent.
   */
  private mayBuildBatchNorm(): boolean {
    this.buildsBatchNorm ??=
      this.front.layerConstructions.some((l) => l.spec.role === 'batchnorm') ||
      this.callsIn(this.root).some((call) => {
        if (BATCHNORM_ZOO_PATH.test(this.qualified(call.childForFieldName('function')) ?? '')) return true;
        return this.children(call.childForFieldName('arguments')).some((argument) => {
          const value = argument.type === 'keyword_argument' ? argument.childForFieldName('value') : argument;
          return value?.type === 'string' && BATCHNORM_NETWORK_NAME.test(stringLiteral(value.text) ?? '');
        });
      }) ||
      this.importedProjectModules().some((module) => BATCHNORM_SPELLING.test(module));
    return this.buildsBatchNorm;
  }

  /** The texts of the project files this file imports from (`from model import Model`, `import utils`). */
  private importedProjectModules(): string[] {
    const project = this.front.project;
    if (!project) return [];
    const index = project.session.index;
    const texts: string[] = [];
    const add = (module: string | undefined) => {
      const text = module?.endsWith('.py') ? index.text(module) : undefined;
      if (text !== undefined) texts.push(text);
    };
    const visit = (node: SyntaxNode) => {
      for (const statement of this.children(node)) {
        if (statement.type === 'import_from_statement') {
          const module = statement.childForFieldName('module_name');
          if (module?.type === 'relative_import') {
            const dots = module.text.match(/^\.+/)?.[0].length ?? 0;
            add(index.resolveRelative(dots, module.text.slice(dots), project.file));
          } else if (module) add(index.resolveAbsolute(module.text, project.file));
        } else if (statement.type === 'import_statement') {
          for (const name of statement.childrenForFieldName('name')) {
            const dotted = name?.type === 'aliased_import' ? name.childForFieldName('name') : name;
            if (dotted) add(index.resolveAbsolute(dotted.text, project.file));
          }
        } else if (COMPOUND_STATEMENTS.has(statement.type)) visit(statement.childForFieldName('body') ?? statement);
      }
    };
    visit(this.root);
    return texts;
  }

  /**
   * `with torch.no_grad(): features = self.resnet(images)` in a module's forward: a pretrained part
   * kept frozen by running it without gradients. no_grad does not stop BatchNorm: whenever the
   * module trains, the part's running statistics drift (yunjey's image captioning EncoderCNN).
   * Only a part that provably holds BatchNorm, in a class that never puts it (or itself) in eval.
   */
  private noGradSubmoduleCalls(): FrozenModelTrainCall[] {
    const out: FrozenModelTrainCall[] = [];
    for (const cls of this.classes.values()) {
      const forward = cls.methods.get(pytorchForwardMethod);
      const init = cls.methods.get('__init__');
      if (cls.framework !== 'pytorch' || !forward || !init || cls.methods.has(SWITCH_METHODS.train) || !forward.text.includes(pytorchNoGradName)) continue;
      const classText = this.text.slice(cls.node.startIndex, cls.node.endIndex);
      for (const call of this.callsIn(forward.node)) {
        const callee = call.childForFieldName('function');
        if (callee?.type !== 'attribute' || callee.childForFieldName('object')?.text !== 'self') continue;
        const part = callee.text;
        if (
          classText.includes(`${part}${SWITCH_CALLS.evalWithoutArguments}`) ||
          classText.includes(`self${SWITCH_CALLS.evalWithoutArguments}`) ||
          !this.underNoGrad(call, forward.node)
        )
          continue;
        if (!this.holdsBatchNorm(part, init.node)) continue;
        if (this.batchNormKeptInEval || this.callsIn(this.root).some((c) => this.isBatchNormFreezer(c))) return [];
        out.push({
          range: rangeOf(call),
          model: part,
          after: this.after(this.statementOf(call)),
          batchNormKeptInEval: false,
          torchNnName: this.torchNnName,
          noGradForward: true,
        });
      }
    }
    return out;
  }

  private underNoGrad(node: SyntaxNode, scope: SyntaxNode): boolean {
    for (let n: SyntaxNode | null = node.parent; n && n.id !== scope.id; n = n.parent) if (n.type === 'with_statement' && this.isNoGradWith(n)) return true;
    return false;
  }

  /** `self.X = ...` in `__init__` builds BatchNorm: a BatchNorm layer or a zoo network that has one, also through a local (`resnet = models.resnet152()`; `modules = list(resnet.children())`). */
  private holdsBatchNorm(part: string, init: SyntaxNode): boolean {
    const assignments = this.assignmentsIn(init);
    const valueOf = (name: string) => assignments.filter((a) => a.childForFieldName('left')?.text === name).map((a) => a.childForFieldName('right'));
    const builds = (value: SyntaxNode | null, depth: number): boolean => {
      if (!value) return false;
      const range = rangeOf(value);
      if (this.front.layerConstructions.some((l) => l.spec.role === 'batchnorm' && rangeContains(range, l.range))) return true;
      const calls = value.type === 'call' ? [value, ...this.callsIn(value)] : this.callsIn(value);
      if (calls.some((c) => BATCHNORM_ZOO_PATH.test(this.qualified(c.childForFieldName('function')) ?? ''))) return true;
      // Through two locals at most (`modules = list(resnet.children())[:-1]`).
      if (depth > 1) return false;
      const locals = new Set<string>();
      const collect = (n: SyntaxNode) => {
        if (n.type === 'identifier') locals.add(n.text);
        for (const c of this.children(n)) collect(c);
      };
      collect(value);
      return [...locals].some((name) => valueOf(name).some((v) => builds(v, depth + 1)));
    };
    return valueOf(part).some((v) => builds(v, 0));
  }

  /** Every value `__init__` assigns to the part is a known layer or a Sequential of known layers, none a BatchNorm. */
  private builtWithoutBatchNormIn(part: string, init: SyntaxNode): boolean {
    const values = this.assignmentsIn(init)
      .filter((a) => a.childForFieldName('left')?.text === part)
      .map((a) => a.childForFieldName('right'));
    const known = (call: SyntaxNode) => {
      const layer = this.front.layerConstructions.find((l) => l.range.start === call.startIndex && l.range.end === call.endIndex);
      if (layer) return layer.spec.role !== 'batchnorm';
      return SEQUENTIAL_CONTAINER_NAME.test(this.qualified(call.childForFieldName('function')) ?? '');
    };
    return values.length > 0 && values.every((v) => v?.type === 'call' && [v, ...this.callsIn(v)].every(known));
  }

  /** `torch.nn` as the file names it, for inserted code; spelled out without an import of it. */
  private get torchNnName(): string {
    return this.front.torchNnName() ?? pytorchNn.module;
  }

  private shareLoop(a: number, b: number): boolean {
    for (let n: SyntaxNode | null = this.root.descendantForIndex(a); n; n = n.parent) {
      if ((n.type === 'for_statement' || n.type === 'while_statement') && n.startIndex <= b && b < n.endIndex) return true;
    }
    return false;
  }

  private isProbe(call: SyntaxNode, walk: Walk): boolean {
    if (walk.fn?.name !== '__init__' || walk.fn.owner?.framework !== 'pytorch') return false;
    const callee = call.childForFieldName('function');
    const target =
      callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === pytorchForwardMethod ? callee.childForFieldName('object') : callee;
    if (!target || !/^self(\.\w+)*$/.test(target.text)) return false;
    // Only a call that reaches a forward pass: `self(x)`, or a sub-module this __init__ assigned;
    // `self.register_buffer(...)`, `self.apply(...)`, `self.to(...)` are bookkeeping.
    const parts = target.text.split('.').slice(1);
    if (parts.some((p) => NON_FORWARD_METHODS.has(p))) return false;
    const assigned = parts.length > 0 ? this.assignmentsIn(walk.fn.node).filter((a) => a.childForFieldName('left')?.text === `self.${parts[0]}`) : [];
    if (parts.length > 0 && assigned.length === 0) return false;
    // `self.packed.set_weight_bias(w, b)`: a method of the same-file class the part is built from, not its forward.
    if (parts.length === 2 && assigned.some((a) => this.builtClass(a.childForFieldName('right'))?.methods.has(parts[1]))) return false;
    return this.children(call.childForFieldName('arguments')).some((arg) => this.isProbeTensor(arg, walk.fn!.node));
  }

  /** The same-file class a `Class(...)` expression builds. */
  private builtClass(value: SyntaxNode | null): ClassDef | undefined {
    if (value?.type !== 'call') return undefined;
    const resolved = this.front.resolveName(value.childForFieldName('function'));
    return resolved.kind === 'class' ? this.classes.get(resolved.cls.name) : undefined;
  }

  /** `torch.zeros(...)` and friends, directly or through a local variable assigned from one. */
  private isProbeTensor(arg: SyntaxNode, fn: SyntaxNode): boolean {
    if (arg.type === 'call') {
      const name = this.qualified(arg.childForFieldName('function'));
      return name !== undefined && PROBE_TENSORS.has(name);
    }
    if (arg.type === 'identifier') {
      return this.assignmentsIn(fn).some(
        (a) =>
          a.childForFieldName('left')?.text === arg.text &&
          a.childForFieldName('right')?.type === 'call' &&
          this.isProbeTensor(a.childForFieldName('right')!, fn),
      );
    }
    return false;
  }

  private recordProbe(call: SyntaxNode, statement: SyntaxNode, state: State, walk: Walk): void {
    if (!walk.record) return;
    const owner = walk.fn!.owner!;
    // A wrapper probing a network it was given (a self-supervised trainer building its heads lazily)
    // trains it right away; only BatchNorm the class builds itself is reported.
    if (!this.classMayContain(owner, false)) return;
    // `self.body.eval()` before probing `self.body(...)` counts as `self.eval()` does.
    const callee = call.childForFieldName('function');
    const probed =
      callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === pytorchForwardMethod ? callee.childForFieldName('object') : callee;
    const target = normalizeKey(probed?.text ?? '');
    const inEval = (key: string) => state.get(key)?.every((t) => t.mode === 'eval') === true;
    if (inEval('self') || (target !== 'self' && inEval(target))) return;
    // A probed part built only of known layers without BatchNorm (the conv stack before a BN classifier).
    if (target.startsWith('self.') && this.builtWithoutBatchNormIn(target, walk.fn!.node)) return;
    const line = this.lines.positionAt(statement.startIndex).line;
    this.initProbes.push({ range: rangeOf(call), statement: rangeOf(statement), indent: this.lines.indentation(line), lineStart: this.lines.lineStart(line) });
  }
}
