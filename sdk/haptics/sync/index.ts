export * from './media-clock.js';
export * from './seek-detector.js';

export * from './stroke-planner.js';
export * from './stroke-to-vibration.js';
export * from './calibration.js';
export * from './target.js';
export * from './script-sync.js';
export * from './output-sync-target.js';
export * from './media-element-clock.js';
export * from './manual-clock.js';
export * from './sync-script.js';
