export * from './axes.js';
export * from './parse.js';
export * from './script-set.js';
