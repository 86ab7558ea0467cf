import type { AnyMessage } from '../../../sdk/protocol/index.js';
import type { LegacyClientState } from '../client-state.js';
import type { LegacyMessage, LegacyMessageName } from '../shapes.js';

/** Messages an adapter handles (the session answers RequestServerInfo and Ping itself). */
export type HandledName = Exclude<LegacyMessageName, 'RequestServerInfo' | 'Ping'>;

/** Turns one validated legacy message into core operations; returns the reply. */
export type LegacyHandler<K extends HandledName> = (
  m: LegacyMessage<K>,
  client: LegacyClientState,
) => Promise<AnyMessage>;

/** Handlers for a family of messages, by name. */
export type LegacyHandlers<K extends HandledName = HandledName> = { [P in K]: LegacyHandler<P> };
