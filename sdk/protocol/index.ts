export * from './errors.js';
export * from './messages.js';
export * from './output-types.js';
export * from './checks.js';
export * from './frame.js';
export { v4Shapes, requestServerInfoShape, tag, type MessageShapes } from './v4-shapes.js';
export * from './legacy-attributes.js';
