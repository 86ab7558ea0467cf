/**
 * plugkit — the client package: protocol types, transports and the client.
 * @packageDocumentation
 */
export * from './protocol/index.js';
export type { Transport, TransportConnection } from './transport/types.js';
export { createPipe } from './transport/pair.js';
export { MessageChannel, DEFAULT_REQUEST_TIMEOUT_MS } from './client/message-channel.js';
