/**
 * Entry point for a separate parser bundle (`dist/typescript-estree.js`): typescript-estree brings
 * the TypeScript compiler (~9 MB), which the CLI workers and the extension should load only when
 * they meet a TS/JS file. Pass its `parse` to `createTypeScriptFrontEnd({ parse })`.
 */
export { parse } from '@typescript-eslint/typescript-estree';
