/**
 * The smallest plugkit program: an embedded server with a simulated toy, found by a scan,
 * vibrated at half speed for half a second, then stopped.
 *   npm run build && node dist/samples/vibrate-simulated.js
 */
import { firstValueFrom } from 'rxjs';
import { connect } from '../sdk/index.js';
import { embedded } from '../server-embedded/index.js';

const client = await connect({
  name: 'sample',
  transports: [embedded({ simulate: ['Massage Demo'], log: 'off' })],
});
console.log(`connected to ${client.serverName} (spec v${client.specVersion})`);

const found = firstValueFrom(client.deviceAdded$);
await client.startScanning();
const toy = await found;
console.log(
  `found ${toy.name}: ${toy
    .outputs()
    .map((o) => `${o.type} 0..${o.steps}`)
    .join(', ')}`,
);

await toy.vibrate(0.5);
console.log('vibrating at 0.5');
await new Promise((r) => setTimeout(r, 500));
await toy.stop();
console.log('stopped');
await client.disconnect();
