/**
 * The TypeScript/JavaScript (TensorFlow.js) front end as the analyzer sees it: text in, semantic
 * model + comments + syntax problems out. Parsed with @typescript-eslint/typescript-estree, which is
 * loaded on the first TS/JS file (see parser.ts).
 */
import { registerFrameworkTable } from '../frameworks/registry';
import { MENTIONS_TFJS, tfjsApi, tfjsFitMethod, tfjsLayerCall, tfjsTable } from '../frameworks/tfjs';
import type { AnalysisContext, AnalysisNeed, FrontEnd, FrontEndResult } from '../frontend';
import { projectSession } from '../project/typescript';
import type { SourceComment } from '../suppressions';
import type { TextRange } from '../types';
import { TypeScriptFrontEnd } from './frontend';
import type { TypeScriptSemanticModel } from './mode';
import type { ArgumentEditor } from '../model/model';
import { NO_MODE_FACTS, type ExecutionContext, type ModelCall as ModeModelCall } from '../model/modes';
import { ganParts, SMALL_BATCH, type SmallBatchTraining, type TrainingFacts } from '../model/training';
import { jsxFor, triviaOf } from './editor';
import { parseTolerant, type EstreeParse } from './parser';

export { tfjsModeFacts } from './mode';
export type { GradientScope, ModelCall, TfjsModeFacts, TypeScriptSemanticModel } from './mode';

/**
 * Every finding on layers rests on a layer this file builds (`tf.layers.*`, `layers` imported from
 * a tfjs package): a file that never names `layers` gets nothing from its imports but their
 * parsing cost (a third of the CLI's time on tfjs-models), so it is read alone.
 */
const MAY_BUILD_LAYERS = new RegExp(String.raw`\b${tfjsApi.layersNamespace}\b`);

export interface TypeScriptFrontEndOptions {
  /** typescript-estree's `parse`; defaults to requiring the package on first use. */
  readonly parse?: () => EstreeParse;
}

export function createTypeScriptFrontEnd(options: TypeScriptFrontEndOptions = {}): FrontEnd | undefined {
  registerFrameworkTable(tfjsTable);
  return {
    language: 'typescript',
    /** `fileName`, when the caller passes it, decides JSX by extension (.tsx/.jsx on, .ts/.mts/.cts off). */
    parse(text: string, fileName?: string, needs?: ReadonlySet<AnalysisNeed>, context?: AnalysisContext): FrontEndResult {
      // A file that never names TensorFlow.js builds no layer the analyzer could resolve: not parsed.
      if (!MENTIONS_TFJS.test(text)) return { model: emptyModel(text), comments: [], problems: [] };
      const parsed = parseTolerant(text, jsxFor(fileName), options.parse?.());
      const program = parsed.program;
      if (!program) return { model: emptyModel(text), comments: [], problems: parsed.problems };
      const trivia = triviaOf(text, program);
      const session = MAY_BUILD_LAYERS.test(text) ? projectSession(context?.project, fileName, options.parse?.()) : undefined;
      const front = new TypeScriptFrontEnd(text, program, trivia, session && { session, file: session.file });
      return {
        model: withFacts(session ? session.run(() => front.build()) : front.build(), needs),
        comments: directiveComments(text, trivia.comments),
        problems: parsed.problems,
      };
    },
  } satisfies FrontEnd;
}

/** The mode and training facts the enabled rules read (all of them when the caller does not say). */
function withFacts(model: TypeScriptSemanticModel, needs: ReadonlySet<AnalysisNeed> | undefined): TypeScriptSemanticModel {
  const withModes = !needs || needs.has('modes') ? withModeFacts(model) : model;
  return !needs || needs.has('training') ? withTrainingFacts(withModes) : withModes;
}

/**
 * The TF.js training-flag facts in the framework-neutral form the mode rules read (TF.js follows
 * Keras: `apply(x, {training: true})` inside gradient functions, never in inference code).
 */
function withModeFacts(model: TypeScriptSemanticModel): TypeScriptSemanticModel {
  const modelCalls: ModeModelCall[] = [];
  // A model from another module (`vaeModel.apply(x)`, built in model.js) may hold BatchNorm or
  // Dropout only as far as this file shows: without a flag TF.js runs both in inference mode, which
  // changes nothing for dense-only models (the tfjs-examples VAE).
  const fileBuildsNormOrDropout = model.layers.some((l) => l.spec.role === 'batchnorm' || l.spec.role === 'dropout');
  for (const call of model.tfjsModes.modelCalls) {
    // Symbolic inputs build the graph (no data flows); an expression flag is the author's decision.
    if (!tfjsLayerCall.methods.has(call.method) || call.input === 'symbolic' || call.training.given === 'expression') continue;
    const contexts = new Set<ExecutionContext>();
    if (call.context === 'gradient') contexts.add('gradient-tape');
    if (call.context === 'inference' && !call.alsoOutsideGradient) contexts.add('keras-inference');
    if (contexts.size === 0) continue;
    const editor: ArgumentEditor = {
      literal: (v) => JSON.stringify(v),
      argumentText: (param, v) => `{${param}: ${JSON.stringify(v)}}`,
      setArgument: (param, v) => (param === 'training' && typeof v === 'boolean' ? call.setTraining(v) : []),
      setArgumentCode: () => [],
      conditionCode: (c) => (c.negated ? `!${c.name}` : c.name),
      renameKeyword: () => [],
      replaceCalleeName: () => [],
    };
    modelCalls.push({
      range: call.range,
      kind: 'call',
      model: { text: call.receiver.text, framework: 'keras', mayContainNormOrDropout: call.receiver.containsBatchNorm ?? fileBuildsNormOrDropout },
      contexts,
      modes: [],
      callerSwitchesToEval: false,
      training: call.training.given === 'constant' ? { value: call.training.value, range: call.training.valueRange ?? call.range } : undefined,
      handlesTrainingNone: false,
      editor,
    });
  }
  return { ...model, modes: { ...NO_MODE_FACTS, modelCalls } };
}

/** Batch-size (BN403) and GAN (BN406) facts, in the neutral form the Python front end also gives. */
function withTrainingFacts(model: TypeScriptSemanticModel): TypeScriptSemanticModel {
  const smallBatches: SmallBatchTraining[] = [];
  for (const call of model.tfjsModes.modelCalls) {
    const { batchSize, batchNorm } = call;
    if (!batchSize || !batchNorm || batchSize.value < 1 || batchSize.value > SMALL_BATCH) continue;
    smallBatches.push({
      range: call.range,
      batchSize: batchSize.value,
      batchSizeRange: batchSize.range,
      source: call.method === tfjsFitMethod ? 'keras-fit' : 'single-sample',
      // TF.js follows Keras: a batch of one normalizes each sample by itself, it does not raise.
      model: {
        name: call.receiver.text,
        framework: 'keras',
        evidence: { range: batchNorm.range, description: batchNorm.spec.displayName },
        failsAtBatchOne: false,
      },
      step: call.range,
    });
  }
  const training: TrainingFacts = {
    distributedWraps: [],
    smallBatches,
    unfrozenBaseCalls: [],
    tf1TrainOps: [],
    ganParts: ganParts(model.definitions),
    sequenceIntoBatchNorm: [],
  };
  return { ...model, training };
}

function directiveComments(text: string, comments: readonly TextRange[]): SourceComment[] {
  const out: SourceComment[] = [];
  for (const c of comments) {
    const body = text.slice(c.start, c.end);
    if (body.includes('normlint') || body.includes('noqa')) out.push({ text: body, range: c });
  }
  return out;
}

function emptyModel(text: string): TypeScriptSemanticModel {
  return {
    language: 'typescript',
    text,
    layers: [],
    edges: [],
    partials: [],
    attributeAssignments: [],
    tfjsModes: { gradientScopes: [], modelCalls: [] },
    definitions: [],
  };
}
