/** The table-driven flag parser every subcommand uses. */
import { describe, expect, it } from 'vitest';
import { check, flag, flagHelp, isFlagOf, parseFlags } from '../../../server-embedded/cli/flags.js';
import { UsageError } from '../../../server-embedded/cli/usage-error.js';

const TABLE = {
  'websocket-port': flag.value({ arg: 'N', parse: check.port, default: 12345, help: 'port' }),
  'server-name': flag.value({ arg: 'NAME', parse: check.text, help: 'name' }),
  'allow-raw-messages': flag.switch('raw', { aliases: ['allow-raw'] }),
  simulate: flag.list({ arg: 'NAME', parse: check.text, help: 'toy' }),
  'use-xinput': flag.switch('', { ignored: 'no XInput here' }),
  repeater: flag.switch('', { refused: 'no repeater mode' }),
};
const parse = (argv: string[], positionals = false) =>
  parseFlags(TABLE, argv, { command: 'serve', positionals });
const usage = (argv: string[]) => {
  try {
    parse(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`no UsageError for ${argv.join(' ')}`);
};

describe('parseFlags', () => {
  it('gives typed, camel-cased values with defaults', () => {
    const none = parse([]).values;
    expect(none).toEqual({
      websocketPort: 12345,
      serverName: undefined,
      allowRawMessages: false,
      simulate: [],
      useXinput: false,
      repeater: false,
    });
    const some = parse([
      '--websocket-port',
      '1',
      '--server-name=a b',
      '--simulate',
      'X',
      '--simulate=Y',
    ]).values;
    expect(some).toMatchObject({ websocketPort: 1, serverName: 'a b', simulate: ['X', 'Y'] });
    // The type follows the table: a defaulted value is a number, not number | undefined.
    const port: number = some.websocketPort;
    expect(port).toBe(1);
  });

  it('takes aliases into the canonical flag', () => {
    expect(parse(['--allow-raw']).values.allowRawMessages).toBe(true);
    expect(parse(['--allow-raw-messages']).values.allowRawMessages).toBe(true);
  });

  it('suggests the nearest flag for an unknown one', () => {
    expect(usage(['--websocket-prot', '1'])).toBe(
      'unknown flag --websocket-prot; did you mean --websocket-port? (see plugkit serve --help)',
    );
    expect(usage(['--alow-raw'])).toMatch(/did you mean --allow-raw\?/);
    expect(usage(['--zzzzzzzzzz'])).toBe('unknown flag --zzzzzzzzzz (see plugkit serve --help)');
  });

  it('refuses missing values, values on switches, bad values and stray arguments', () => {
    expect(usage(['--server-name'])).toMatch(/--server-name needs a value/);
    expect(usage(['--server-name', '--allow-raw'])).toMatch(/--server-name needs a value/);
    expect(usage(['--allow-raw=yes'])).toMatch(/--allow-raw takes no value/);
    expect(usage(['--websocket-port', '70000'])).toMatch(/--websocket-port must be at most 65535, got 70000/);
    expect(usage(['--websocket-port', 'x'])).toMatch(/--websocket-port expects a whole number, got "x"/);
    expect(usage(['serve'])).toMatch(/unexpected argument "serve"/);
    expect(parse(['a.yaml', '--', '--b.yaml'], true).positionals).toEqual(['a.yaml', '--b.yaml']);
  });

  it('reports ignored flags once and refuses refused ones', () => {
    expect(parse(['--use-xinput', '--use-xinput']).notices).toEqual([
      '--use-xinput has no effect: no XInput here',
    ]);
    expect(usage(['--repeater'])).toBe('--repeater: no repeater mode');
  });

  it('sees --help and -h', () => {
    expect(parse(['--help']).help).toBe(true);
    expect(parse(['-h']).help).toBe(true);
    expect(parse([]).help).toBe(false);
  });

  it('writes help from the table', () => {
    const help = flagHelp(TABLE);
    expect(help).toMatch(/--websocket-port N +port \(default 12345\)/);
    expect(help).toMatch(/--allow-raw-messages, --allow-raw +raw/);
    expect(help).toMatch(/--simulate NAME \(repeatable\)/);
    expect(help).toMatch(/Accepted for Intiface Engine compatibility:\n[\s\S]*--use-xinput +no XInput here/);
  });

  it('recognises its flags by name or alias', () => {
    expect(isFlagOf(TABLE, '--allow-raw')).toBe(true);
    expect(isFlagOf(TABLE, '--websocket-port=1')).toBe(true);
    expect(isFlagOf(TABLE, '--nope')).toBe(false);
    expect(isFlagOf(TABLE, 'serve')).toBe(false);
  });
});
