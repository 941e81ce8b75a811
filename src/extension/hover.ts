/**
 * Hover on a normalization layer (or a conv/linear/dense call): what the layer computes, its
 * framework's momentum convention with the value translated to the other convention, the
 * effective averaging window, eps and its default, and links to the rule pages and the calculator.
 */
import * as vscode from 'vscode';
import type { ConstValue, Framework, LayerSpec } from '../analyzer/frameworks/types';
import { argumentFor, type BoundArgument, type SemanticModel } from '../analyzer/model/model';
import { formatNumber } from '../analyzer/numbers';
import { ruleByCode } from '../analyzer/rules';
import { convertMomentum, describeWindow, updateRule } from '../analyzer/rules/momentum';
import type { TextRange } from '../analyzer/types';
import { docsLink, SHOW_DOCUMENTATION } from './docs';
import { notebookOfCell, sourceLanguageOf } from './documents';
import { loadedEngine, loadEngine } from './engine';
import type { Linter } from './diagnostics';
import type { Log } from './log';
import { locateInNotebook, programOffset, snapshotNotebook } from './notebooks';

export const OPEN_CALCULATOR = 'normlint.openCalculator';

const FRAMEWORK_NAME: Record<Framework, string> = { pytorch: 'PyTorch', keras: 'Keras', flax: 'Flax', tfjs: 'TensorFlow.js' };

/** A construction (call or `partial(...)`) the hover can describe. */
interface Subject {
  readonly spec: LayerSpec;
  readonly args: readonly BoundArgument[];
  readonly hasOpaqueArguments?: boolean;
  readonly range: TextRange;
  /** Where hovering shows it: the callee and each argument. */
  readonly hot: readonly TextRange[];
  readonly layerId?: number;
}

const DESCRIBED_ROLES = new Set(['batchnorm', 'normalization', 'conv', 'linear']);

function subjects(model: SemanticModel): Subject[] {
  const out: Subject[] = [];
  for (const layer of model.layers) {
    if (!DESCRIBED_ROLES.has(layer.spec.role)) continue;
    out.push({
      spec: layer.spec,
      args: layer.args,
      hasOpaqueArguments: layer.hasOpaqueArguments,
      range: layer.range,
      hot: [layer.calleeRange, ...layer.args.filter((a) => !a.fromPartial).map((a) => a.range)],
      layerId: layer.id,
    });
  }
  for (const partial of model.partials) {
    if (DESCRIBED_ROLES.has(partial.spec.role)) out.push({ spec: partial.spec, args: partial.args, range: partial.range, hot: [partial.range] });
  }
  return out;
}

/** The innermost described construction whose callee or arguments contain `offset`, and that part. */
export function subjectAt(model: SemanticModel, offset: number): { subject: Subject; hot: TextRange } | undefined {
  const inside = (r: TextRange) => r.start <= offset && offset <= r.end;
  const subject = subjects(model)
    .filter((s) => s.hot.some(inside))
    .sort((a, b) => a.range.end - a.range.start - (b.range.end - b.range.start))[0];
  return subject && { subject, hot: subject.hot.filter(inside).sort((a, b) => a.end - a.start - (b.end - b.start))[0] };
}

function valueText(value: ConstValue | undefined): string {
  if (value === undefined) return '(not a constant)';
  if (value === null) return 'None';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return JSON.stringify(value);
}

function epsParamOf(spec: LayerSpec): string | undefined {
  return spec.epsParam ?? spec.params.find((p) => p.name === 'eps' || p.name === 'epsilon')?.name;
}

function formula(spec: LayerSpec): string[] {
  const name = spec.name.toLowerCase();
  if (spec.role === 'conv') return ['y = W ⋆ x + b', 'A convolution; b adds one constant per output channel.'];
  if (spec.role === 'linear') return ['y = x·Wᵀ + b', 'A dense layer; b adds one constant per output feature.'];
  if (name.includes('rms'))
    return ['y = x / √(mean(x²) + ε) · γ', 'Per sample, over the normalized (last) dimensions; no mean is subtracted and no running statistics are kept.'];
  const normalize = 'y = (x − E[x]) / √(Var[x] + ε) · γ + β';
  if (spec.role === 'batchnorm') {
    return [
      normalize,
      'Statistics per channel, over the batch and spatial axes; in evaluation mode the running estimates (updated with momentum while training) replace them.',
    ];
  }
  if (name.includes('layernorm'))
    return [normalize, 'Per sample, over the normalized (last) dimensions: the same in training and evaluation, no running statistics.'];
  if (name.includes('groupnorm'))
    return [normalize, 'Per sample, over each group of channels and the spatial axes: independent of the batch size, no running statistics.'];
  if (name.includes('instancenorm'))
    return [normalize, 'Per sample and channel, over the spatial axes; running statistics only with `track_running_stats=True`.'];
  return [normalize, 'A normalization layer.'];
}

function describe(subject: Subject, lineOf: (r: TextRange) => number, model: SemanticModel): { markdown: string; calculatorArgs?: Record<string, unknown> } {
  const { spec } = subject;
  const lines: string[] = [];
  const [math, meaning] = formula(spec);
  lines.push(
    `**${spec.displayName}** · ${FRAMEWORK_NAME[spec.framework]} ${spec.role === 'batchnorm' ? 'batch normalization' : spec.role === 'normalization' ? 'normalization' : spec.role === 'conv' ? 'convolution' : 'dense layer'}`,
  );
  lines.push('', '```text', math, '```', meaning, '');
  const rows: [string, string][] = [];
  const links = new Set<string>();
  let calculatorArgs: Record<string, unknown> | undefined;
  /** A parameter's value as shown: the literal as written (`1e-3`), and where it comes from. */
  const explicit = (param: string) => {
    const arg = argumentFor(subject, param);
    const written = arg.argument?.valueText;
    const literal = written !== undefined && (written === valueText(arg.value) || (typeof arg.value === 'number' && Number(written) === arg.value));
    const how = arg.isDefault ? 'default' : arg.argument?.fromPartial ? 'from the partial' : written !== undefined && !literal ? `\`${written}\`` : 'set here';
    return { value: arg.value, shown: literal ? written : valueText(arg.value), how };
  };

  if (spec.momentum) {
    const { param, convention } = spec.momentum;
    const { value, shown, how } = explicit(param);
    const other = convention === 'pytorch' ? 'Keras/Flax/TF.js' : 'PyTorch';
    const stat = convention === 'pytorch' ? 'running' : 'moving';
    const conventionText =
      convention === 'pytorch' ? `PyTorch: \`${param}\` weighs the **new batch**` : `Keras, Flax, TF.js: \`${param}\` weighs the **old value**`;
    rows.push([param, `\`${shown}\` (${how})`]);
    rows.push(['convention', conventionText]);
    if (typeof value === 'number') {
      rows.push(['update', updateRule(value, convention, stat)]);
      rows.push([`same in ${other}`, `\`${param}=${formatNumber(convertMomentum(value))}\``]);
      rows.push(['averaging window', `${describeWindow(value, convention)} (1 / weight of the new batch)`]);
      calculatorArgs = { framework: spec.framework, momentum: value };
    } else if (value === null) {
      rows.push(['averaging window', 'every batch since the last reset, equally (cumulative moving average)']);
      calculatorArgs = { framework: spec.framework, momentum: null };
    }
    links.add(convention === 'pytorch' ? 'BN301' : 'BN302');
  }
  const epsParam = epsParamOf(spec);
  if (epsParam) {
    const { value, shown, how } = explicit(epsParam);
    const fallback = spec.params.find((p) => p.name === epsParam)?.default;
    rows.push([
      epsParam,
      `\`${shown}\` (${how}${how !== 'default' ? `; default ${valueText(fallback)}` : ''})${value === null ? ' — None: the machine epsilon of the input dtype' : ''}`,
    ]);
    if (typeof value === 'number') calculatorArgs = { framework: spec.framework, ...calculatorArgs, eps: value };
    links.add('BN304');
  }
  if (spec.role === 'batchnorm' || spec.role === 'normalization') calculatorArgs ??= { framework: spec.framework };
  if (spec.role === 'batchnorm') {
    links.add('BN401');
    links.add('BN402');
    for (const edge of model.edges.filter((e) => e.to.id === subject.layerId)) {
      rows.push(['input from', `${edge.from.spec.displayName} (line ${lineOf(edge.from.range) + 1})`]);
    }
  }
  if (spec.biasParam) {
    const { value, shown, how } = explicit(spec.biasParam);
    rows.push([spec.biasParam, `\`${shown}\` (${how})`]);
    for (const edge of model.edges.filter((e) => e.from.id === subject.layerId && e.to.spec.role === 'batchnorm')) {
      rows.push([
        'output into',
        `${edge.to.spec.displayName} (line ${lineOf(edge.to.range) + 1})${value === true ? ': its mean subtraction cancels this bias' : ''}`,
      ]);
    }
    links.add('BN101');
    links.add('BN401');
  }
  if (rows.length > 0) {
    lines.push('| | |', '|---|---|');
    for (const [k, v] of rows) lines.push(`| ${k} | ${v.replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  const footer = [...links]
    .filter((c) => ruleByCode(c))
    .sort()
    .map((c) => docsLink(c));
  if (calculatorArgs)
    footer.push(
      `[Open in the normalization calculator](command:${OPEN_CALCULATOR}?${encodeURIComponent(JSON.stringify([calculatorArgs]))} "Open the NormLint calculator with these values")`,
    );
  if (footer.length > 0) lines.push(footer.join(' · '));
  return { markdown: lines.join('\n'), calculatorArgs };
}

/** A command link's arguments: URI-encoded JSON, parentheses included (they would end the Markdown link). */
function commandArgsText(args: unknown): string {
  return encodeURIComponent(JSON.stringify([args]))
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29');
}

/**
 * BN403's evidence: a link into the calculator's Batch size section, prefilled with the batch size
 * the analysis proved, when `offset` lies in the `DataLoader(...)`/`fit(...)` call that sets it
 * (or the model call on a single sample).
 */
export function batchSizeLink(model: SemanticModel, offset: number, lineOf: (r: TextRange) => number): string | undefined {
  const small = model.training?.smallBatches.find((s) => s.range.start <= offset && offset <= s.range.end);
  if (!small) return undefined;
  const line = lineOf(small.range) + 1;
  const labels: Record<typeof small.source, string> = {
    dataloader: `DataLoader(batch_size=${small.batchSize}) on line ${line}`,
    'keras-fit': `fit(batch_size=${small.batchSize}) on line ${line}`,
    'single-sample': `a training step on one sample on line ${line}`,
  };
  const args = { framework: small.model.framework, batchSize: small.batchSize, label: labels[small.source] };
  return `[See why in the calculator's Batch size section](command:${OPEN_CALCULATOR}?${commandArgsText(args)} "Open the NormLint calculator at this batch size")`;
}

/** The findings' explanations, as the hover shows them above the layer's description. */
export function explanationMarkdown(explanations: readonly { code: string; explanation: string }[]): string {
  return explanations.map((e) => `**${e.code}** · ${e.explanation} (${docsLink(e.code)})`).join('\n\n');
}

export class NormlintHover implements vscode.HoverProvider {
  constructor(
    private readonly log: Log,
    private readonly linter: Linter,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const explained = explanationMarkdown(this.linter.explanationsAt(document, position));
    const layer = await this.layerHover(document, position);
    if (!explained) return layer;
    if (!layer) return this.hover(explained, undefined);
    const [content] = layer.contents as vscode.MarkdownString[];
    return this.hover(`${explained}\n\n---\n\n${content.value}`, layer.range);
  }

  private async layerHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    try {
      const engine = loadedEngine() ?? (await loadEngine());
      const notebook = notebookOfCell(document);
      if (notebook) {
        const snapshot = snapshotNotebook(notebook);
        if (!snapshot || !engine.supports(snapshot.language)) return undefined;
        const cellIndex = notebook.getCells().findIndex((c) => c.document === document);
        const offset = programOffset(snapshot, cellIndex, document.offsetAt(position));
        if (offset === undefined) return undefined;
        const model = engine.parse(snapshot.program.text, snapshot.language, `${notebook.uri.toString()}#program`)?.model;
        const found = model && subjectAt(model, offset);
        if (!model || !found) return undefined;
        const at = locateInNotebook(snapshot, found.hot);
        const lineOf = (r: TextRange) => locateInNotebook(snapshot, r)?.range.start.line ?? 0;
        return this.hover(describe(found.subject, lineOf, model).markdown, at?.uri.toString() === document.uri.toString() ? at.range : undefined);
      }
      const language = sourceLanguageOf(document.languageId);
      if (!language || !engine.supports(language)) return undefined;
      const model = engine.parse(document.getText(), language, document.uri.toString(), document.fileName)?.model;
      if (!model) return undefined;
      const offset = document.offsetAt(position);
      const lineOf = (r: TextRange) => document.positionAt(r.start).line;
      const found = subjectAt(model, offset);
      const batchSize = batchSizeLink(model, offset, lineOf);
      if (!found) return batchSize ? this.hover(batchSize, undefined) : undefined;
      const markdown = describe(found.subject, lineOf, model).markdown;
      return this.hover(
        batchSize ? `${markdown}\n\n${batchSize}` : markdown,
        new vscode.Range(document.positionAt(found.hot.start), document.positionAt(found.hot.end)),
      );
    } catch (e) {
      this.log.error(`hover in ${document.uri.toString(true)} failed`, e);
      return undefined;
    }
  }

  private hover(markdown: string, range: vscode.Range | undefined): vscode.Hover {
    const content = new vscode.MarkdownString(markdown);
    // Only our own two commands may run from this hover's links.
    content.isTrusted = { enabledCommands: [OPEN_CALCULATOR, SHOW_DOCUMENTATION] };
    return new vscode.Hover(content, range);
  }
}
