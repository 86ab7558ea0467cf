// Device cards: one per device, a bar per output (with the data-* attributes tests read) and a
// line per input. Built when the device list changes; bars and values are updated in place.

/** @param {string} tag @param {Record<string,string>} [attrs] @param {(Node|string)[]} [children] */
export function el(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

export const levelKey = (d, f, type) => `${d}/${f}/${type}`;

export class DeviceCards {
  /**
   * @param {HTMLElement} root
   * @param {HTMLElement} count
   * @param {(cmd: object) => void} send sends a command to the server
   */
  constructor(root, count, send) {
    this.root = root;
    this.count = count;
    this.send = send;
    /** @type {Map<string, {bar: HTMLElement, fill: HTMLElement, value: HTMLElement, signed: boolean, level: number}>} */
    this.bars = new Map();
    /** @type {Map<string, HTMLElement>} */
    this.inputs = new Map();
  }

  /** Rebuilds every card, keeping the levels shown. */
  render(devices, levels, inputValues) {
    this.bars.clear();
    this.inputs.clear();
    this.count.textContent = String(devices.length);
    if (devices.length === 0) {
      this.root.replaceChildren(
        el('p', { class: 'empty' }, [
          'No devices yet. Add a simulated toy, or start scanning from a client.',
        ]),
      );
      return;
    }
    this.root.replaceChildren(...devices.map((d) => this.card(d)));
    for (const [k, level] of levels) this.setLevel(k, level);
    for (const [k, v] of inputValues) this.setInput(k, v);
  }

  card(d) {
    const title = d.displayName ? `${d.displayName} (${d.name})` : d.name;
    const card = el(
      'section',
      { class: 'device', 'data-device-index': String(d.index), 'data-address': d.address },
      [
        el('h3', {}, [`#${d.index} ${title}`]),
        el('div', { class: 'meta' }, [`${d.protocol} · ${d.address}${d.simulated ? ' · simulated' : ''}`]),
      ],
    );
    if (d.simulated) card.append(this.actions(d));
    for (const f of d.features) {
      const feature = el('div', { class: 'feature', 'data-feature-index': String(f.index) }, [
        el('div', { class: 'feature-label' }, [
          `feature ${f.index}${f.description ? ` · ${f.description}` : ''}`,
        ]),
      ]);
      for (const o of f.outputs) {
        const fill = el('div', { class: 'fill' });
        const bar = el(
          'div',
          {
            class: 'bar',
            role: 'meter',
            'aria-label': `${o.type} of feature ${f.index}`,
            'aria-valuemin': '0',
            'aria-valuemax': '1',
            'aria-valuenow': '0',
            'data-device-index': String(d.index),
            'data-feature-index': String(f.index),
            'data-output-type': o.type,
            'data-level': '0',
            'data-signed': String(o.signed),
          },
          [fill],
        );
        const value = el('span', { class: 'value' }, ['0%']);
        feature.append(
          el('div', { class: 'output' }, [
            el('span', { title: `${o.steps} steps${o.signed ? ' each way' : ''}` }, [o.type]),
            bar,
            value,
          ]),
        );
        this.bars.set(levelKey(d.index, f.index, o.type), { bar, fill, value, signed: o.signed, level: 0 });
      }
      for (const i of f.inputs) {
        const value = el(
          'span',
          {
            class: 'input-value',
            'data-device-index': String(d.index),
            'data-feature-index': String(f.index),
            'data-input-type': i.type,
          },
          ['—'],
        );
        feature.append(
          el('div', { class: 'input' }, [
            el('span', {}, [i.type]),
            el('span', { class: 'meta' }, [i.commands.join(', ')]),
            value,
          ]),
        );
        this.inputs.set(levelKey(d.index, f.index, i.type), value);
      }
      card.append(feature);
    }
    return card;
  }

  actions(d) {
    const remove = el('button', { type: 'button', 'data-action': 'remove' }, ['Remove']);
    remove.addEventListener('click', () => this.send({ cmd: 'remove', address: d.address }));
    const drop = el('button', { type: 'button', 'data-action': 'drop' }, ['Drop link']);
    drop.addEventListener('click', () => this.send({ cmd: 'drop', address: d.address }));
    const endpoint = el('input', { type: 'text', value: 'rx', 'aria-label': 'endpoint', maxlength: '32' });
    const bytes = el('input', {
      type: 'text',
      placeholder: 'hex bytes, e.g. 01 64',
      'aria-label': 'bytes',
      maxlength: '800',
    });
    const notify = el('button', { type: 'button', 'data-action': 'notify' }, ['Send']);
    notify.addEventListener('click', () => {
      const data = bytes.value
        .trim()
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((b) => Number.parseInt(b, 16));
      this.send({ cmd: 'notify', address: d.address, endpoint: endpoint.value.trim(), data });
    });
    const details = el('details', {}, [el('summary', {}, ['Notify']), endpoint, bytes, notify]);
    return el('div', { class: 'actions' }, [remove, drop, details]);
  }

  /** Moves one bar; only touches the DOM when the value changed. */
  setLevel(key, level) {
    const b = this.bars.get(key);
    if (!b || b.level === level) return;
    b.level = level;
    const mag = Math.min(1, Math.abs(level));
    b.bar.dataset.level = String(mag);
    b.bar.setAttribute('aria-valuenow', String(mag));
    if (b.signed) {
      b.bar.dataset.signedLevel = String(level);
      // A signed output grows from the middle, to the right or left by direction.
      b.fill.style.left = `${50 - (level < 0 ? mag * 50 : 0)}%`;
      b.fill.style.width = `${mag * 50}%`;
    } else b.fill.style.width = `${mag * 100}%`;
    b.value.textContent = `${level < 0 ? '-' : ''}${Math.round(mag * 100)}%`;
  }

  setInput(key, value) {
    const e = this.inputs.get(key);
    if (!e) return;
    e.dataset.value = String(value);
    e.textContent = String(value);
  }
}
