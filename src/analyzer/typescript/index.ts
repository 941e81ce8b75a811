/** The TypeScript/JavaScript (TensorFlow.js) front end. Not available yet: returns undefined. */
import type { FrontEnd } from '../frontend';

export function createTypeScriptFrontEnd(): FrontEnd | undefined {
  return undefined;
}
