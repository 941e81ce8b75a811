// `process` for typescript-estree's browser bundle (scripts/build.mjs): what its modules read at load time.
// `browser: true` makes the TypeScript compiler skip its Node system layer.
export const process = {
  browser: true,
  env: {},
  argv: [],
  versions: {},
  platform: 'browser',
  cwd: () => '/',
  emitWarning() {},
  nextTick: (callback, ...args) => queueMicrotask(() => callback(...args)),
};
