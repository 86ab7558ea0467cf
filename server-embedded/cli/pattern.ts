/** `plugkit pattern preview FILE --out FILE.svg|.png [--gap MS]`: draw what a toy would receive. */
import { PlugkitError } from '../../sdk/index.js';
import { check, flag, flagHelp, parseFlags } from './flags.js';
import type { Io } from './io.js';
import { UsageError } from './usage-error.js';

const USAGE = 'Usage: plugkit pattern preview FILE(.json|.ahap|.haptic) --out FILE.svg|.png [--gap MS]';

/** Flags of `plugkit pattern preview`. */
export const PATTERN_PREVIEW_FLAGS = {
  out: flag.value({ arg: 'FILE', parse: check.text, help: 'the picture to write: .svg, or .png' }),
  gap: flag.value({
    arg: 'MS',
    parse: check.uint(10_000, 1),
    help: 'message gap of the toy whose send slots are marked (default 75, a Bluetooth LE toy)',
  }),
};

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals, help } = parseFlags(PATTERN_PREVIEW_FLAGS, argv, {
    command: 'pattern preview',
    positionals: true,
  });
  if (help) {
    io.out([USAGE, '', flagHelp(PATTERN_PREVIEW_FLAGS)].join('\n'));
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError(`name the pattern file (${USAGE})`);
  if (extra.length) throw new UsageError(`one pattern file at a time; got ${positionals.join(', ')}`);
  if (values.out === undefined) throw new UsageError(`--out FILE.svg or --out FILE.png is required`);
  const { patternPreview } = await import('./pattern-preview.js');
  try {
    await patternPreview({
      file,
      out: values.out,
      ...(values.gap !== undefined ? { gapMs: values.gap } : {}),
    });
  } catch (err) {
    // A bad file is the user's input: say what is wrong and exit 2, as for a bad flag.
    if (err instanceof PlugkitError) throw new UsageError(err.message);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`no such file: ${file}`);
    throw err;
  }
  io.out(`wrote ${values.out}`);
  return 0;
}
