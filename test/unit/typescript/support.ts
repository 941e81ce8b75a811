/** Helpers for the TypeScript front-end tests: analyze a snippet, find text in it. */
import assert from 'node:assert/strict';
import type { AnalysisResult } from '../../../src/analyzer/analyzer';
import { createTypeScriptFrontEnd, tfjsModeFacts, type TfjsModeFacts, type TypeScriptSemanticModel } from '../../../src/analyzer/typescript';
import { getAnalyzer } from '../../../src/node/analyzer';
import type { TextRange } from '../../../src/analyzer/types';

const frontEnd = createTypeScriptFrontEnd()!;

export function parseResult(text: string, fileName?: string) {
  return frontEnd.parse.call(frontEnd, text, fileName);
}

export function modelOf(text: string, fileName?: string): TypeScriptSemanticModel {
  return parseResult(text, fileName).model as TypeScriptSemanticModel;
}

export function modesOf(text: string): TfjsModeFacts {
  const facts = tfjsModeFacts(modelOf(text));
  assert.ok(facts, 'no TF.js mode facts');
  return facts;
}

export async function analyze(text: string, fileName = 'model.ts'): Promise<AnalysisResult> {
  return (await getAnalyzer()).analyze(text, { fileName });
}

/** The text a range covers, whitespace collapsed. */
export function textOf(text: string, range: TextRange): string {
  return text.slice(range.start, range.end).replace(/\s+/g, ' ');
}

/** Applies edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly { range: TextRange; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

export const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
