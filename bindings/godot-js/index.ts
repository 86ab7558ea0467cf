/**
 * plugkit for GodotJS: the library half of the binding (bundled into one CommonJS file by
 * `npm run build:godot`). Attach the script template (template/plugkit.ts) to a node in your
 * project; it drives {@link PlugkitGodot}. See docs/godot.md.
 * @packageDocumentation
 */
export {
  PlugkitGodot,
  DEFAULTS,
  type PlugkitGodotOptions,
  type PlugkitGodotEvents,
  type PatternOptions,
} from './plugkit-godot.js';
export {
  webSocketPeerTransport,
  type PeerLike,
  type PeerTransportOptions,
  type PolledTransport,
} from './websocket-peer-transport.js';
export {
  HelperProcess,
  DEFAULT_HELPER_ARGS,
  defaultHelperPath,
  type HelperOptions,
} from './helper-process.js';
export { readMedia, type MediaSource } from './media-source.js';
export { PlugkitError, connect, parseFunscript, syncScript } from './sdk.js';
