// Plays a funscript in step with an HTML5 video: client.haptics.sync follows the <video> element's
// clock (play, pause, seek, rate) and sends each toy what it can do with the script.
import {
  connect,
  mediaElementClock,
  parseFunscript,
  websocketTransport,
} from '../../dist/browser/plugkit.mjs';

const query = new URLSearchParams(location.search);
const url = query.get('ws') ?? 'ws://127.0.0.1:12345';
const $ = (id) => document.getElementById(id);
const video = $('video');

const script = parseFunscript(await (await fetch('demo.funscript')).text(), { source: 'demo.funscript' });
const lengthMs = script.actions.at(-1).at + 200;

/** Position 0..100 of the script at `ms`, interpolated, for drawing the video. */
function positionAt(ms) {
  const a = script.actions;
  const i = a.findIndex((x) => x.at > ms);
  if (i <= 0) return i === 0 ? a[0].pos : a.at(-1).pos;
  const t = (ms - a[i - 1].at) / (a[i].at - a[i - 1].at);
  return a[i - 1].pos + (a[i].pos - a[i - 1].pos) * t;
}

/**
 * Makes the test video: a canvas drawing the script (a bar at the current position) recorded
 * with MediaRecorder into a WebM blob. Recording runs in real time, so this takes `lengthMs`.
 */
async function recordVideo() {
  const canvas = Object.assign(document.createElement('canvas'), { width: 160, height: 90 });
  const ctx = canvas.getContext('2d');
  const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm' });
  const chunks = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const stopped = new Promise((r) => (recorder.onstop = r));
  const start = performance.now();
  const draw = () => {
    const ms = performance.now() - start;
    const pos = positionAt(ms);
    ctx.fillStyle = '#111';
    ctx.fillRect(0, 0, 160, 90);
    ctx.fillStyle = '#4ce';
    ctx.fillRect(60, 80 - pos * 0.7, 40, 10);
    ctx.fillStyle = '#eee';
    ctx.fillText(`${(ms / 1000).toFixed(1)} s`, 4, 12);
    if (ms < lengthMs) requestAnimationFrame(draw);
    else recorder.stop();
  };
  recorder.start();
  draw();
  await stopped;
  return URL.createObjectURL(new Blob(chunks, { type: 'video/webm' }));
}

let handle;
/** (Re)starts the sync: it drives the toys connected when it starts, so a new toy restarts it. */
async function startSync(client) {
  await handle?.stop();
  handle = client.haptics.sync(script, { clock$: mediaElementClock(video), softStartMs: 0 });
  handle.progress$.subscribe((p) => ($('sync').textContent = `${p.event} at ${Math.round(p.positionMs)} ms`));
  handle.error$.subscribe((e) => console.warn('sync:', e.message ?? e));
}

/**
 * MediaRecorder's WebM has no duration in its header, so the element reports Infinity and its
 * seek bar is useless; seeking far past the end makes Chromium scan the file and learn it.
 */
async function loadWithDuration(src) {
  video.src = src;
  await new Promise((r) => video.addEventListener('loadedmetadata', r, { once: true }));
  if (video.duration !== Infinity) return;
  const known = new Promise((r) => video.addEventListener('durationchange', r, { once: true }));
  video.currentTime = 1e9;
  await known;
  video.currentTime = 0;
  await new Promise((r) => video.addEventListener('seeked', r, { once: true }));
}

const videoReady = recordVideo()
  .then(loadWithDuration)
  .then(() => {
    $('video-status').textContent = `ready (${video.duration.toFixed(1)} s): press play`;
  });

connect({ name: 'plugkit funscript-player sample', transports: [websocketTransport(url)] }).then(
  async (client) => {
    $('status').textContent = `connected to ${client.serverName} at ${url}`;
    let count = 0;
    let restarts = Promise.resolve();
    client.devices$.subscribe((list) => {
      $('toys').textContent = list.map((d) => d.displayName).join(', ') || 'none';
      if (list.length === count) return;
      count = list.length;
      // One restart after another, so two quick changes never leave two syncs running.
      restarts = restarts.then(() => startSync(client)).catch((e) => console.warn('sync:', e.message));
    });
    await client.startScanning();
  },
  (err) => {
    $('status').textContent = `not connected (${err.message}); the video plays without toys`;
  },
);

// For tests and the console.
window.player = { videoReady, video };
