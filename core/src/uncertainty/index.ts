/** Monte-Carlo uncertainty and sensitivity of a methodology, and each unit's distance to the next grade. */
export { analyzeUncertainty, swappedPolicies } from './analyze.js';
export { configOf, configProblems, DEFAULT_CONFIG, type UncertaintyOptions } from './config.js';
export { mulberry32 } from './prng.js';
export type * from './types.js';
