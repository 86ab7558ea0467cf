// Runs the official buttplug 1.0.17 client (spec v2, Rust compiled to wasm) against a server
// given as argv[2]: scan, vibrate the first device at 0.5, read its battery, stop it. Prints one
// JSON line per step; exits 1 with {"error": ...} on any failure. Needs --experimental-wasm-modules.
import WebSocket from 'ws';

// The wasm client opens its socket through the web WebSocket API.
globalThis.WebSocket ??= WebSocket;
const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const guard = setTimeout(() => {
  say({ error: 'timed out after 15 s' });
  process.exit(1);
}, 15000);

try {
  const bp = await import('buttplug-v2');
  await bp.buttplugInit();
  const client = new bp.ButtplugClient('interop v2');
  const added = new Promise((resolve) => client.on('deviceadded', resolve));
  await client.connect(new bp.ButtplugWebsocketConnectorOptions(process.argv[2]));
  say({ step: 'connected' });
  await client.startScanning();
  const device = await added;
  say({ step: 'deviceadded', name: device.Name, index: device.Index, messages: device.AllowedMessages });
  await device.vibrate(0.5);
  say({ step: 'vibrated' });
  say({ step: 'battery', level: await device.batteryLevel() });
  await device.stop();
  say({ step: 'stopped' });
  await client.disconnect();
  say({ step: 'disconnected' });
  clearTimeout(guard);
  process.exit(0);
} catch (err) {
  say({ error: String(err?.stack ?? err?.message ?? err) });
  process.exit(1);
}
