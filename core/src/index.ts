export * from './results/types.js';
