// The browser-server sample: plugkit's whole server in this page (no server process), with a
// simulated toy and, where the browser has it, Web Bluetooth. In your own app, import from
// 'plugkit/browser' instead of this repository path.
import {
  connect,
  embedded,
  webBluetooth,
  webBluetoothUnavailableReason,
  websocketTransport,
} from '../../dist/browser/plugkit-browser.mjs';

const $ = (id) => document.getElementById(id);
const hex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

const reason = webBluetoothUnavailableReason();
$('bluetooth').textContent = reason ? `Web Bluetooth: not here (${reason}).` : 'Web Bluetooth: available.';

const simulate = ['Massage Demo']; // a simulated Aneros Vivi
// First choice: the server in this page with Bluetooth and the simulated toy. If Bluetooth cannot
// start (no adapter, an insecure page, Firefox or Safari), the page's server with only the
// simulated toy; and last, a local server (Intiface Central or `plugkit serve`).
const withBluetooth = embedded({ backends: [webBluetooth()], simulate, log: 'warn' });
const simulatedOnly = embedded({ simulate, log: 'warn' });
for (const t of [withBluetooth, simulatedOnly])
  t.events$.subscribe((e) => {
    if (e.kind !== 'write') return;
    const name = client?.devices.find((d) => d.index === e.deviceIndex)?.name ?? `device ${e.deviceIndex}`;
    $('log').textContent += `${name} ← ${hex(e.data)}\n`;
  });

let client;

$('connect').onclick = async () => {
  $('connect').disabled = true;
  try {
    client = await connect({
      name: 'plugkit browser sample',
      transports: [withBluetooth, simulatedOnly, websocketTransport('ws://127.0.0.1:12345')],
    });
  } catch (err) {
    $('status').textContent = `cannot connect: ${err.message}`;
    $('connect').disabled = false;
    return;
  }
  const inPage = client.transportDescription === 'embedded';
  $('status').textContent = `connected (${inPage ? 'server in this page' : client.transportDescription})`;
  client.devices$.subscribe((list) => {
    $('devices').textContent = list.map((d) => d.name).join(', ') || 'none';
    $('vibrate').disabled = $('stop').disabled = list.length === 0;
  });
  $('scan').disabled = false;
};

// Called straight from the click, so the browser lets the Bluetooth chooser open.
$('scan').onclick = () => void client.startScanning();
$('vibrate').onclick = () => Promise.all(client.devices.map((d) => d.vibrate(0.5)));
$('stop').onclick = () => Promise.all(client.devices.map((d) => d.stop()));
