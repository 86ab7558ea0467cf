/**
 * The WebSocket ceiling for `npm run bench`: the least a spec v4 server can do — parse each
 * frame, answer it, touch no device. The official client against this server is as fast as that
 * client and the socket can go; plugkit's server is measured against it. Run as a child process:
 * prints `listening on ws://HOST:PORT` like `plugkit serve`.
 */
import { WebSocketServer } from 'ws';

/** One simulated Ditto, described as the client expects it. */
const DEVICES = {
  '0': {
    DeviceIndex: 0,
    DeviceName: 'WeVibe Ditto',
    DeviceMessageTimingGap: 0,
    DeviceFeatures: {
      '0': { FeatureIndex: 0, FeatureDescription: '', Output: { Vibrate: { Value: [0, 12] } } },
    },
  },
};

const reply = (name: string, body: Record<string, unknown>) => JSON.stringify([{ [name]: body }]);

const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    for (const entry of JSON.parse(data.toString()) as Record<string, { Id: number }>[]) {
      const name = Object.keys(entry)[0]!;
      const Id = entry[name]!.Id;
      if (name === 'RequestServerInfo')
        ws.send(
          reply('ServerInfo', {
            Id,
            ProtocolVersionMajor: 4,
            ProtocolVersionMinor: 0,
            MaxPingTime: 0,
            ServerName: 'no-op',
          }),
        );
      else if (name === 'RequestDeviceList') ws.send(reply('DeviceList', { Id, Devices: DEVICES }));
      else {
        ws.send(reply('Ok', { Id }));
        if (name === 'StartScanning') {
          ws.send(reply('DeviceList', { Id: 0, Devices: DEVICES }));
          ws.send(reply('ScanningFinished', { Id: 0 }));
        }
      }
    }
  });
});
wss.on('listening', () => {
  const a = wss.address();
  if (typeof a === 'object' && a) console.log(`listening on ws://127.0.0.1:${a.port}`);
});
const stop = () => wss.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
