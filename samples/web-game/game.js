// A tiny canvas game: dodge the falling blocks; each hit plays a rumble pattern on every
// connected vibrator through a plugkit server (plugkit serve, Intiface) over WebSocket.
import { connect, parsePattern, websocketTransport } from '../../dist/browser/plugkit.mjs';

const query = new URLSearchParams(location.search);
const url = query.get('ws') ?? 'ws://127.0.0.1:12345';
// Blocks per second; ?rain=0 leaves only the blocks dropped by hand (tests do).
const rain = Number(query.get('rain') ?? 1.5);
const $ = (id) => document.getElementById(id);

// A hard knock that fades out: full strength at once, held briefly, gone after 400 ms.
const rumble = parsePattern(
  JSON.stringify({
    version: 1,
    name: 'hit',
    tracks: [
      {
        keyframes: [
          { at: 0, value: 1 },
          { at: 150, value: 1, ease: 'easeOut' },
          { at: 400, value: 0 },
        ],
      },
    ],
  }),
);

let client;
connect({ name: 'plugkit web-game sample', transports: [websocketTransport(url)] }).then(
  async (c) => {
    client = c;
    $('status').textContent = `connected to ${c.serverName} at ${url}`;
    c.devices$.subscribe((list) => {
      $('toys').textContent = list.map((d) => d.displayName).join(', ') || 'none';
    });
    await c.startScanning();
  },
  (err) => {
    $('status').textContent = `not connected (${err.message}); the game runs without toys`;
  },
);

const canvas = $('game');
const ctx = canvas.getContext('2d');
const player = { x: canvas.width / 2, w: 48, h: 12 };
let blocks = [];
let hits = 0;
let flashUntil = 0;
const keys = new Set();

addEventListener('keydown', (e) => keys.add(e.key));
addEventListener('keyup', (e) => keys.delete(e.key));
canvas.addEventListener('mousemove', (e) => {
  player.x = e.offsetX;
});

/** A block hit the player: count it, flash, and rumble. */
function hit() {
  hits++;
  $('hits').textContent = String(hits);
  flashUntil = performance.now() + 150;
  // The channel makes a new hit replace the rumble still fading out, instead of stacking.
  client?.haptics.play(rumble, { target: { outputType: 'Vibrate' }, channel: 'hit' });
}

let last = performance.now();
function frame(now) {
  const dt = Math.min(50, now - last) / 1000;
  last = now;
  if (keys.has('ArrowLeft')) player.x -= 300 * dt;
  if (keys.has('ArrowRight')) player.x += 300 * dt;
  player.x = Math.max(player.w / 2, Math.min(canvas.width - player.w / 2, player.x));
  if (Math.random() < dt * rain)
    blocks.push({ x: Math.random() * (canvas.width - 20), y: -20, v: 80 + Math.random() * 120 });
  const top = canvas.height - player.h - 8;
  blocks = blocks.filter((b) => {
    b.y += b.v * dt;
    const caught =
      b.y + 20 >= top &&
      b.y <= top + player.h &&
      b.x + 20 >= player.x - player.w / 2 &&
      b.x <= player.x + player.w / 2;
    if (caught) hit();
    return !caught && b.y < canvas.height;
  });

  ctx.fillStyle = now < flashUntil ? '#612' : '#111';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#e94';
  for (const b of blocks) ctx.fillRect(b.x, b.y, 20, 20);
  ctx.fillStyle = '#4ce';
  ctx.fillRect(player.x - player.w / 2, top, player.w, player.h);
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

// For tests and the console: drop a block right onto the player.
window.webGame = {
  dropOnPlayer() {
    blocks.push({ x: player.x - 10, y: canvas.height - player.h - 40, v: 200 });
  },
  get hits() {
    return hits;
  },
};
