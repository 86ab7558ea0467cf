// The dashboard page: one WebSocket to the dashboard server. Messages only update the model;
// the DOM and the plot are drawn once per animation frame, so a burst of updates costs one paint.
import { DeviceCards, el, levelKey } from './view.js';
import { LogView } from './log.js';
import { Plot } from './plot.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const PLOT_MS = 10_000;
const LOG_EVERY_MS = 100;

const model = {
  devices: [],
  /** @type {Map<string, number>} */ levels: new Map(),
  /** @type {Map<string, number>} */ inputs: new Map(),
  /** Server time minus page time, from the latest message. */ offset: 0,
  /** The latest update received, and the latest acknowledged (after it was drawn). */ seq: 0,
  acked: 0,
};
const dirty = {
  devices: true,
  levels: new Set(),
  inputs: new Set(),
  client: /** @type {undefined | null | object} */ (undefined),
};

let socket;
let nextId = 1;
const pending = new Map();

function send(cmd) {
  if (!socket || socket.readyState !== WebSocket.OPEN)
    return toast('not connected to the dashboard server', false);
  const id = nextId++;
  pending.set(id, cmd);
  socket.send(JSON.stringify({ id, ...cmd }));
}

const cards = new DeviceCards($('devices'), $('device-count'), send);
const plot = new Plot(/** @type {HTMLCanvasElement} */ ($('plot')), $('legend'), PLOT_MS);
const log = new LogView(
  /** @type {HTMLOListElement} */ ($('log')),
  /** @type {HTMLInputElement} */ ($('log-filter')),
  document.querySelectorAll('input[data-log-kind]'),
  /** @type {HTMLInputElement} */ ($('log-pause')),
  $('log-skipped'),
);
$('plot-seconds').textContent = String(PLOT_MS / 1000);

let toastTimer;
function toast(text, ok) {
  const t = $('toast');
  t.textContent = text;
  t.dataset.ok = String(ok);
  t.className = 'show';
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (t.className = ''), ok ? 2500 : 6000);
}

function labelOf(d, f, type) {
  const dev = model.devices.find((x) => x.index === d);
  return `#${d} ${dev ? (dev.displayName ?? dev.name) : ''} f${f} ${type}`;
}

function applySamples(runs) {
  for (const [d, f, type, points] of runs) {
    if (points.length < 2) continue;
    const k = levelKey(d, f, type);
    model.levels.set(k, points[points.length - 1]);
    dirty.levels.add(k);
    plot.add(k, labelOf(d, f, type), points);
  }
}

function applyInputs(values) {
  for (const [d, f, type, value] of values) {
    const k = levelKey(d, f, type);
    model.inputs.set(k, value);
    dirty.inputs.add(k);
  }
}

function setDevices(devices) {
  model.devices = devices;
  const keep = new Set();
  for (const d of devices)
    for (const f of d.features) for (const o of f.outputs) keep.add(levelKey(d.index, f.index, o.type));
  for (const k of model.levels.keys()) if (!keep.has(k)) model.levels.delete(k);
  plot.retain(keep);
  dirty.devices = true;
}

function setClient(client) {
  const c = $('client');
  c.dataset.connected = String(client !== null);
  if (client) {
    c.dataset.clientName = client.name;
    c.dataset.specVersion = String(client.specVersion);
    c.textContent = `client "${client.name}" · spec v${client.specVersion} · ${client.label}`;
  } else {
    delete c.dataset.clientName;
    delete c.dataset.specVersion;
    c.textContent = 'no client';
  }
}

function onMessage(msg) {
  if (msg.t === 'result') {
    const cmd = pending.get(msg.id);
    pending.delete(msg.id);
    if (cmd?.cmd === 'search')
      return showResults(msg.ok ? (msg.results ?? []) : [], msg.ok ? '' : msg.message);
    return toast(msg.message, msg.ok);
  }
  model.offset = msg.now - performance.now();
  if (msg.t === 'update') {
    model.seq = msg.seq;
    stats.updates++;
  }
  if (msg.t === 'snapshot') {
    model.seq = model.acked = 0;
    $('server-name').textContent = `server "${msg.serverName}"`;
    model.levels.clear();
    model.inputs.clear();
    plot.clear();
    log.clear();
    setDevices(msg.devices);
    dirty.client = msg.client;
  } else if (msg.devices) setDevices(msg.devices);
  if (msg.client !== undefined) dirty.client = msg.client;
  applySamples(msg.samples);
  applyInputs(msg.inputs);
  log.add(msg.log, msg.skipped ?? 0);
}

function showResults(results, error) {
  const list = $('search-results');
  if (error) return list.replaceChildren(el('li', { class: 'empty' }, [error]));
  if (results.length === 0)
    return list.replaceChildren(el('li', { class: 'empty' }, ['no simulatable toy matches']));
  list.replaceChildren(
    ...results.map((r) => {
      const add = el('button', { type: 'button', 'data-toy-name': r.name }, ['Add']);
      add.addEventListener('click', () => send({ cmd: 'add', name: r.name }));
      return el('li', {}, [
        el('span', { class: 'toy' }, [
          `${r.model} — "${r.name}"`,
          el('small', {}, [`${r.protocol} · ${r.features}`]),
        ]),
        add,
      ]);
    }),
  );
}

let searchTimer;
$('search').addEventListener('input', (e) => {
  clearTimeout(searchTimer);
  const text = /** @type {HTMLInputElement} */ (e.target).value;
  searchTimer = setTimeout(() => send({ cmd: 'search', text }), 150);
});
$('panic').addEventListener('click', () => send({ cmd: 'stop-all' }));

/** Figures for whoever watches the page (tests, a curious user in devtools). */
const stats = { frames: 0, updates: 0, lastFrameMs: 0, slowestFrameMs: 0 };
Object.defineProperty(window, 'plugkitDashboard', { value: { stats, model } });

let lastLog = 0;
function frame(t) {
  const began = performance.now();
  if (dirty.devices) {
    dirty.devices = false;
    dirty.levels.clear();
    dirty.inputs.clear();
    cards.render(model.devices, model.levels, model.inputs);
  }
  for (const k of dirty.levels) cards.setLevel(k, model.levels.get(k) ?? 0);
  dirty.levels.clear();
  for (const k of dirty.inputs) cards.setInput(k, model.inputs.get(k));
  dirty.inputs.clear();
  if (dirty.client !== undefined) {
    setClient(dirty.client);
    dirty.client = undefined;
  }
  // The log changes fastest and costs most to redraw: a few times a second is enough to read.
  if (t - lastLog >= LOG_EVERY_MS) {
    lastLog = t;
    log.render();
  }
  plot.draw(performance.now() + model.offset);
  // Drawn: the server may send more (it holds back while updates wait undrawn).
  if (model.seq > model.acked && socket?.readyState === WebSocket.OPEN) {
    model.acked = model.seq;
    socket.send(JSON.stringify({ ack: model.seq }));
  }
  stats.frames++;
  stats.lastFrameMs = performance.now() - began;
  stats.slowestFrameMs = Math.max(stats.slowestFrameMs, stats.lastFrameMs);
  requestAnimationFrame(frame);
}

function connectSocket() {
  const state = $('connection');
  socket = new WebSocket(`ws://${location.host}/ws`);
  socket.addEventListener('open', () => {
    state.dataset.state = 'open';
    state.textContent = 'live';
    const q = /** @type {HTMLInputElement} */ ($('search')).value;
    send({ cmd: 'search', text: q });
  });
  socket.addEventListener('message', (e) => onMessage(JSON.parse(e.data)));
  socket.addEventListener('close', () => {
    state.dataset.state = 'closed';
    state.textContent = 'disconnected — retrying';
    setTimeout(connectSocket, 1000);
  });
}

connectSocket();
requestAnimationFrame(frame);
