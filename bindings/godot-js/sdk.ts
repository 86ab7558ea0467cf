// The parts of sdk/ the binding uses, imported module by module: the bundle and the GodotJS type
// check then hold only code that runs in GodotJS (sdk/index.js also carries browser-only helpers).
export { PlugkitError } from '../../sdk/protocol/errors.js';
export { realClock, type Clock } from '../../sdk/clock/clock.js';
export type { Transport, TransportConnectOptions, TransportConnection } from '../../sdk/transport/types.js';
export { connect } from '../../sdk/client/connect.js';
export type { PlugkitClient } from '../../sdk/client/client.js';
export type { Device } from '../../sdk/client/device.js';
export { parseFunscript, type ScriptKeyframe } from '../../sdk/haptics/funscript/parse.js';
export { syncScript } from '../../sdk/haptics/sync/sync-script.js';
export type { MediaReport } from '../../sdk/haptics/sync/media-clock.js';
export { ManualMediaClock } from '../../sdk/haptics/sync/manual-clock.js';
export { ScriptSync } from '../../sdk/haptics/sync/script-sync.js';
export { outputSyncTarget } from '../../sdk/haptics/sync/output-sync-target.js';
