/**
 * plugkit for Node: the runtime-agnostic client (sdk/) with Node's missing pieces supplied.
 * Node 20 has no global WebSocket, so {@link websocketTransport} here defaults to the `ws`
 * package; the package's export conditions pick this entry for `import 'plugkit'` in Node.
 * @packageDocumentation
 */
import { WebSocket } from 'ws';
import {
  websocketTransport as agnosticWebsocketTransport,
  type Transport,
  type WebSocketConstructor,
  type WebSocketTransportOptions,
} from '../../sdk/index.js';

export * from '../../sdk/index.js';

/**
 * A transport to a Buttplug server over WebSocket. In Node it uses the global `WebSocket` when
 * the runtime has one (Node 22+) and the `ws` package otherwise; `options.WebSocket` overrides.
 */
export function websocketTransport(url: string, options: WebSocketTransportOptions = {}): Transport {
  const fallback =
    (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ?? (WebSocket as unknown as WebSocketConstructor);
  return agnosticWebsocketTransport(url, { WebSocket: fallback, ...options });
}
