import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  importAhap,
  importLofelt,
  parsePattern,
  PlugkitError,
  renderPatternSvg,
  type Pattern,
} from '../../sdk/index.js';

/** Arguments of `plugkit pattern preview FILE --out FILE.svg|.png [--gap MS]`. */
export interface PatternPreviewArgs {
  /** A pattern (.json), an AHAP (.ahap) or a Lofelt/Meta (.haptic) file. */
  file: string;
  /** Where to write the picture: .svg or .png. */
  out: string;
  /** Message gap of the imagined toy in ms (default 75, a BLE toy). */
  gapMs?: number;
}

const bad = (message: string) => new PlugkitError('INVALID_ARGUMENT', 'BadArgument', message);

/** Reads a pattern file by its extension. */
export async function readPatternFile(file: string): Promise<Pattern> {
  const text = await readFile(file, 'utf8');
  const ext = extname(file).toLowerCase();
  try {
    if (ext === '.ahap') return importAhap(text);
    if (ext === '.haptic') return importLofelt(text);
    return parsePattern(text);
  } catch (err) {
    if (err instanceof PlugkitError) throw new PlugkitError(err.code, err.reason, `${file}: ${err.message}`);
    throw err;
  }
}

/**
 * Renders what a toy would receive from a pattern file to an SVG or PNG (PNG through resvg).
 * Rejects with a PlugkitError naming the file and the bad field for bad input.
 */
export async function patternPreview(args: PatternPreviewArgs): Promise<void> {
  const ext = extname(args.out).toLowerCase();
  if (ext !== '.svg' && ext !== '.png') throw bad(`--out must end in .svg or .png; got ${args.out}.`);
  if (args.gapMs !== undefined && !(Number.isFinite(args.gapMs) && args.gapMs >= 1 && args.gapMs <= 10_000))
    throw bad(`--gap must be a number of ms from 1 to 10000; got ${String(args.gapMs)}.`);
  const pattern = await readPatternFile(args.file);
  const svg = renderPatternSvg(pattern, args.gapMs !== undefined ? { gapMs: args.gapMs } : {});
  if (ext === '.svg') return writeFile(args.out, svg);
  // Loaded only for PNG: a native module the SVG path does not need.
  let Resvg: typeof import('@resvg/resvg-js').Resvg;
  try {
    ({ Resvg } = await import('@resvg/resvg-js'));
  } catch (err) {
    throw new PlugkitError(
      'INVALID_ARGUMENT',
      'PngUnavailable',
      `PNG output needs the optional package @resvg/resvg-js (${(err as Error).message}); install it, or write .svg.`,
    );
  }
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true } })
    .render()
    .asPng();
  await writeFile(args.out, png);
}
