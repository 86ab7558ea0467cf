/**
 * Table-driven flag parsing for every `plugkit` subcommand. A flag is one table entry: name,
 * kind, value placeholder, default, help and validation; parsing, typed results, "did you mean"
 * and the help text all come from that entry.
 *
 * Tokenising is node's own `util.parseArgs` (maintained with Node, no dependency to pin or
 * audit). It runs non-strict with tokens so that the errors stay ours: its strict errors cannot
 * suggest the nearest flag name or name the bad value the way a user needs.
 */
import { parseArgs } from 'node:util';
import { didYouMean } from '../nearest.js';
import { UsageError } from './usage-error.js';

interface BaseSpec {
  help: string;
  /** Other names for the same flag (e.g. Intiface Engine's `allow-raw`). */
  aliases?: readonly string[];
  /** Accepted for compatibility but without effect here; the reason is printed when given. */
  ignored?: string;
  /** Accepted by name but refused with this reason (exit 2): running anyway would mislead. */
  refused?: string;
}
/** A flag without a value: `false` unless given. */
export interface SwitchSpec extends BaseSpec {
  kind: 'switch';
}
/** A flag with one value; given twice, the last one counts. */
export interface ValueSpec<T> extends BaseSpec {
  kind: 'value';
  /** Placeholder shown in help, e.g. `N` or `FILE`. */
  arg: string;
  /** Validates and converts the raw text; throws {@link UsageError} naming `flag`. */
  parse: (raw: string, flag: string) => T;
  default?: T;
}
/** A repeatable flag; its values in order. */
export interface ListSpec<T> extends BaseSpec {
  kind: 'list';
  arg: string;
  parse: (raw: string, flag: string) => T;
}
export type FlagSpec = SwitchSpec | ValueSpec<unknown> | ListSpec<unknown>;
export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** `websocket-port` → `websocketPort`. */
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type ValueOf<S> = S extends SwitchSpec
  ? boolean
  : S extends ListSpec<infer T>
    ? T[]
    : S extends ValueSpec<infer T>
      ? S extends { default: T }
        ? T
        : T | undefined
      : never;
/** Parsed values of a table, keyed by the camel-cased flag name. */
export type FlagValues<F extends FlagTable> = {
  -readonly [K in keyof F as Camel<K & string>]: ValueOf<F[K]>;
};

/** Builders for table entries; they fix each entry's value type for {@link FlagValues}. */
export const flag = {
  switch: (help: string, extra: Omit<BaseSpec, 'help'> = {}): SwitchSpec => ({
    kind: 'switch',
    help,
    ...extra,
  }),
  value: <T, S extends Omit<ValueSpec<T>, 'kind'>>(spec: S & { parse: (raw: string, flag: string) => T }) =>
    ({ kind: 'value', ...spec }) as S & ValueSpec<T> & { kind: 'value' },
  list: <T>(spec: Omit<ListSpec<T>, 'kind'>): ListSpec<T> => ({ kind: 'list', ...spec }),
};

/** Validators shared by the tables. Each throws a {@link UsageError} naming the flag. */
export const check = {
  text: (raw: string, name: string): string => {
    if (raw.trim() === '') throw new UsageError(`${name} needs a non-empty value`);
    return raw;
  },
  uint:
    (max = 2 ** 31 - 1, min = 0) =>
    (raw: string, name: string): number => {
      if (!/^\d+$/.test(raw)) throw new UsageError(`${name} expects a whole number, got "${raw}"`);
      const n = Number(raw);
      if (n > max) throw new UsageError(`${name} must be at most ${max}, got ${n}`);
      if (n < min) throw new UsageError(`${name} must be at least ${min}, got ${n}`);
      return n;
    },
  port: (raw: string, name: string): number => check.uint(65535)(raw, name),
  /** A `ws://` or `wss://` URL. */
  wsUrl: (raw: string, name: string): string => {
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      /* reported below */
    }
    if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:'))
      throw new UsageError(
        `${name} expects a ws:// or wss:// address, e.g. ws://127.0.0.1:12345, got "${raw}"`,
      );
    return raw;
  },
};

/** What {@link parseFlags} found. */
export interface ParsedFlags<F extends FlagTable> {
  values: FlagValues<F>;
  positionals: string[];
  /** `--help` or `-h` was given. */
  help: boolean;
  /** One line per given flag that has no effect here, saying why. */
  notices: string[];
}

const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Parses `argv` against a flag table. `command` names the subcommand in messages
 * (`see plugkit <command> --help`); `positionals` says whether bare arguments are allowed.
 */
export function parseFlags<F extends FlagTable>(
  table: F,
  argv: string[],
  opts: { command: string; positionals?: boolean },
): ParsedFlags<F> {
  const canonical = new Map<string, string>();
  for (const [name, spec] of Object.entries(table)) {
    canonical.set(name, name);
    for (const a of spec.aliases ?? []) canonical.set(a, name);
  }
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, target] of canonical)
    options[name] = { type: table[target]!.kind === 'switch' ? 'boolean' : 'string' };
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });

  const raw: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table))
    raw[camel(name)] = spec.kind === 'switch' ? false : spec.kind === 'list' ? [] : spec.default;
  const positionals: string[] = [];
  const notices: string[] = [];
  const noticed = new Set<string>();
  let help = false;
  const seeHelp = `see plugkit ${opts.command} --help`;

  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') {
      if (!opts.positionals)
        throw new UsageError(`unexpected argument "${t.value}"; flags start with -- (${seeHelp})`);
      positionals.push(t.value);
      continue;
    }
    if (t.name === 'help' && !canonical.has('help')) {
      help = true;
      continue;
    }
    const name = canonical.get(t.name);
    const spec = name === undefined ? undefined : table[name];
    if (name === undefined || spec === undefined)
      throw new UsageError(
        `unknown flag ${t.rawName}${didYouMean(t.name, [...canonical.keys()], (n) => `--${n}`)} (${seeHelp})`,
      );
    const shown = `--${t.name}`;
    if (spec.refused) throw new UsageError(`${shown}: ${spec.refused}`);
    if (spec.ignored && !noticed.has(name)) {
      noticed.add(name);
      notices.push(`${shown} has no effect: ${spec.ignored}`);
    }
    if (spec.kind === 'switch') {
      if (t.value !== undefined) throw new UsageError(`${shown} takes no value (got "${t.value}")`);
      raw[camel(name)] = true;
      continue;
    }
    // parseArgs hands a string option the next argument even when it is the next flag.
    if (t.value === undefined || (!t.inlineValue && t.value.startsWith('-') && t.value !== '-'))
      throw new UsageError(`${shown} needs a value (${spec.arg})`);
    const value = spec.parse(t.value, shown);
    if (spec.kind === 'list') (raw[camel(name)] as unknown[]).push(value);
    else raw[camel(name)] = value;
  }
  // One cast: `raw` was filled from the same table the type is computed from.
  return { values: raw as FlagValues<F>, positionals, help, notices };
}

/** Does this argument name a flag of the table (by name or alias)? */
export function isFlagOf(table: FlagTable, arg: string): boolean {
  if (!arg.startsWith('--')) return false;
  const name = arg.slice(2).split('=')[0]!;
  return Object.entries(table).some(([n, s]) => n === name || (s.aliases ?? []).includes(name));
}

const showDefault = (spec: FlagSpec): string =>
  spec.kind === 'value' && spec.default !== undefined ? ` (default ${String(spec.default)})` : '';

/** Help rows for a table: active flags, then those accepted for compatibility only. */
export function flagHelp(
  table: FlagTable,
  compatTitle = 'Accepted for Intiface Engine compatibility',
): string {
  const row = (name: string, spec: FlagSpec) => {
    const names = [name, ...(spec.aliases ?? [])].map((n) => `--${n}`).join(', ');
    const arg = spec.kind === 'switch' ? '' : ` ${spec.arg}${spec.kind === 'list' ? ' (repeatable)' : ''}`;
    const help = spec.refused ?? spec.ignored ?? spec.help + showDefault(spec);
    const left = names + arg;
    return left.length > 38 ? `  ${left}\n  ${' '.repeat(38)} ${help}` : `  ${left.padEnd(38)} ${help}`;
  };
  const entries = Object.entries(table);
  const active = entries.filter(([, s]) => !s.ignored && !s.refused).map(([n, s]) => row(n, s));
  const compat = entries.filter(([, s]) => s.ignored || s.refused).map(([n, s]) => row(n, s));
  return [
    'Flags:',
    ...active,
    `  ${'--help, -h'.padEnd(38)} show this help`,
    ...(compat.length ? ['', `${compatTitle}:`, ...compat] : []),
  ].join('\n');
}
