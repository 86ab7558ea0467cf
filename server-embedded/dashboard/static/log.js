// The protocol log: keeps the most recent lines and shows the newest that match the filter.

const KEEP = 2000;
const SHOW = 150;
const LABEL = {
  in: 'in',
  out: 'out',
  write: 'write',
  device: 'device',
  client: 'client',
  error: 'error',
  dashboard: 'dashboard',
};

export class LogView {
  /**
   * @param {HTMLOListElement} list
   * @param {HTMLInputElement} filter
   * @param {NodeListOf<HTMLInputElement>} kinds checkboxes carrying data-log-kind
   * @param {HTMLInputElement} pause
   * @param {HTMLElement} skippedLabel
   */
  constructor(list, filter, kinds, pause, skippedLabel) {
    this.list = list;
    this.filter = filter;
    this.kinds = kinds;
    this.pause = pause;
    this.skippedLabel = skippedLabel;
    /** @type {[number, string, number, string][]} */
    this.entries = [];
    this.skipped = 0;
    this.dirty = true;
    const refresh = () => (this.dirty = true);
    filter.addEventListener('input', refresh);
    pause.addEventListener('change', refresh);
    for (const k of kinds) k.addEventListener('change', refresh);
  }

  /** @param {[number, string, number, string][]} lines @param {number} skipped */
  add(lines, skipped) {
    if (lines.length === 0 && skipped === 0) return;
    for (const l of lines) this.entries.push(l);
    if (this.entries.length > KEEP + KEEP / 4) this.entries.splice(0, this.entries.length - KEEP);
    this.skipped += skipped;
    this.dirty = true;
  }

  clear() {
    this.entries = [];
    this.dirty = true;
  }

  /** Redraws if anything changed (and the user has not paused it). */
  render() {
    if (!this.dirty || this.pause.checked) return;
    this.dirty = false;
    const wanted = new Set();
    for (const k of this.kinds) if (k.checked) wanted.add(k.dataset.logKind);
    const needle = this.filter.value.trim().toLowerCase();
    const rows = [];
    for (let i = this.entries.length - 1; i >= 0 && rows.length < SHOW; i--) {
      const [at, kind, device, text] = this.entries[i];
      if (!wanted.has(kind)) continue;
      if (needle && !text.toLowerCase().includes(needle)) continue;
      const li = document.createElement('li');
      li.dataset.kind = kind;
      if (device >= 0) li.dataset.deviceIndex = String(device);
      const time = document.createElement('time');
      time.textContent = new Date(at).toISOString().slice(11, 23);
      const k = document.createElement('span');
      k.className = 'kind';
      k.textContent = device >= 0 ? `${LABEL[kind] ?? kind} #${device}` : (LABEL[kind] ?? kind);
      li.append(time, k, text);
      rows.push(li);
    }
    this.list.replaceChildren(...rows);
    this.list.dataset.entries = String(this.entries.length);
    this.skippedLabel.dataset.skipped = String(this.skipped);
    this.skippedLabel.textContent = this.skipped
      ? `${this.skipped} older lines and samples coalesced away`
      : '';
  }
}
