import type { Ease } from './model.js';

/** A curve from segment progress 0..1 to value progress (0..1, Béziers may overshoot). */
export type EaseFn = (x: number) => number;

/** Solves a CSS-style cubic Bézier for y at x (Newton steps, then bisection as a fallback). */
function bezier(x1: number, y1: number, x2: number, y2: number): EaseFn {
  const at = (a: number, b: number, t: number) => 3 * a * t * (1 - t) ** 2 + 3 * b * t * t * (1 - t) + t ** 3;
  const slope = (a: number, b: number, t: number) =>
    3 * a * (1 - t) ** 2 + 6 * (b - a) * t * (1 - t) + 3 * (1 - b) * t * t;
  return (x) => {
    let t = x;
    for (let i = 0; i < 8; i++) {
      const d = slope(x1, x2, t);
      if (Math.abs(d) < 1e-6) break;
      t -= (at(x1, x2, t) - x) / d;
    }
    if (!(t >= 0 && t <= 1) || Math.abs(at(x1, x2, t) - x) > 1e-4) {
      let lo = 0;
      let hi = 1;
      for (let i = 0; i < 30; i++) {
        t = (lo + hi) / 2;
        if (at(x1, x2, t) < x) lo = t;
        else hi = t;
      }
    }
    return at(y1, y2, t);
  };
}

const named: Record<string, EaseFn> = {
  linear: (x) => x,
  step: () => 0,
  easeIn: (x) => x * x * x,
  easeOut: (x) => 1 - (1 - x) ** 3,
  easeInOut: (x) => (x < 0.5 ? 4 * x * x * x : 1 - (-2 * x + 2) ** 3 / 2),
  sine: (x) => (1 - Math.cos(Math.PI * x)) / 2,
};

/** The curve of an easing (default linear). */
export function easeFn(ease: Ease | undefined): EaseFn {
  if (ease === undefined) return named['linear']!;
  if (typeof ease === 'string') return named[ease] ?? named['linear']!;
  return bezier(...ease.cubicBezier);
}
