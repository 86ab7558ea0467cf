// The scrolling plot: one line per output over the last seconds, drawn on a canvas. Levels hold
// until the next change (an output stays where it was set), so lines are drawn as steps.

const GOLDEN_ANGLE = 137.508;

export class Plot {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {HTMLElement} legend
   * @param {number} windowMs how much history is shown
   */
  constructor(canvas, legend, windowMs) {
    this.canvas = canvas;
    this.legend = legend;
    this.windowMs = windowMs;
    /** @type {Map<string, {label: string, color: string, points: number[], last: number}>} key → series */
    this.series = new Map();
    this.legendDirty = true;
    this.colorSeq = 0;
  }

  /**
   * Adds points of one output.
   * @param {string} key
   * @param {string} label
   * @param {number[]} points flat [at, level, at, level, …] in server time
   */
  add(key, label, points) {
    let s = this.series.get(key);
    if (!s) {
      const color = `hsl(${(this.colorSeq++ * GOLDEN_ANGLE) % 360} 80% 62%)`;
      this.series.set(key, (s = { label, color, points: [], last: 0 }));
      this.legendDirty = true;
    }
    for (let i = 0; i + 1 < points.length; i += 2) s.points.push(points[i], points[i + 1]);
  }

  /** Drops series whose keys are not in `keep` (devices gone). @param {Set<string>} keep */
  retain(keep) {
    for (const k of this.series.keys())
      if (!keep.has(k)) {
        this.series.delete(k);
        this.legendDirty = true;
      }
  }

  clear() {
    this.series.clear();
    this.legendDirty = true;
  }

  /** Draws the window ending at `now` (server time). @param {number} now */
  draw(now) {
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(c.clientWidth * dpr));
    const h = Math.max(1, Math.round(c.clientHeight * dpr));
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
    }
    const g = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d'));
    g.clearRect(0, 0, w, h);
    const pad = 4 * dpr;
    const y = (v) => h - pad - Math.min(1, Math.abs(v)) * (h - 2 * pad);
    const start = now - this.windowMs;
    const x = (t) => ((t - start) / this.windowMs) * w;

    g.strokeStyle = '#2d313b';
    g.lineWidth = 1;
    for (const v of [0, 0.25, 0.5, 0.75, 1]) {
      g.beginPath();
      g.moveTo(0, Math.round(y(v)) + 0.5);
      g.lineTo(w, Math.round(y(v)) + 0.5);
      g.stroke();
    }

    let shown = 0;
    g.lineWidth = 1.5 * dpr;
    for (const s of this.series.values()) {
      const p = s.points;
      // Forget what scrolled out, but keep the last point before the window: it sets the start level.
      let first = 0;
      while (first + 2 < p.length && p[first + 2] <= start) first += 2;
      if (first > 0) p.splice(0, first);
      if (p.length === 0) continue;
      g.strokeStyle = s.color;
      g.beginPath();
      g.moveTo(x(Math.max(start, p[0])), y(p[1]));
      for (let i = 2; i < p.length; i += 2) {
        const px = x(p[i]);
        g.lineTo(px, y(p[i - 1]));
        g.lineTo(px, y(p[i + 1]));
        if (p[i] >= start) shown++;
      }
      g.lineTo(w, y(p[p.length - 1]));
      g.stroke();
      if (p[0] >= start) shown++;
    }
    c.dataset.points = String(shown);
    c.dataset.series = String(this.series.size);
    if (this.legendDirty) this.drawLegend();
  }

  drawLegend() {
    this.legendDirty = false;
    const items = [];
    for (const s of this.series.values()) {
      const li = document.createElement('li');
      const swatch = document.createElement('i');
      swatch.style.background = s.color;
      li.append(swatch, s.label);
      items.push(li);
    }
    this.legend.replaceChildren(...items);
  }
}
