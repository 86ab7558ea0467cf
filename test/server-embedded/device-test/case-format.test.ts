/** Case files with YAML mistakes: whole parser messages, unknown tags named, no Node warnings. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaseFormatError, parseCase } from '../../../server-embedded/device-test/case.js';

const head = `devices:
  - identifier:
      name: "Massage Demo"
    expected_name: "Aneros Vivi"
`;

const failure = (text: string): string => {
  try {
    parseCase(text, 'x.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(CaseFormatError);
    return (err as Error).message;
  }
  throw new Error('expected a CaseFormatError');
};

describe('case file YAML problems', () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
  });
  afterEach(() => warn.mockRestore());

  it('a misspelt tag is an error naming it and the nearest tag, not a Node warning', () => {
    const message = failure(
      `${head}device_commands:\n  - !Mesages\n      device_index: 0\n      messages:\n        - !Stop\n`,
    );
    expect(message).toMatch(
      /^x\.yaml: not a valid case file:\n {2}unknown tag !Mesages at line 6, column 5; did you mean !Messages\?/,
    );
    expect(message).toMatch(/line 6, column 5/);
    expect(message).toContain('- !Mesages'); // the excerpt with the caret is kept
    expect(warn).not.toHaveBeenCalled();
  });

  it('malformed YAML shows the whole parser message, excerpt included', () => {
    const message = failure(`${head}   expected_name: [oops\ndevice_commands: {\n`);
    expect(message.split('\n').length).toBeGreaterThan(3);
    expect(message).toMatch(/line \d+, column \d+/);
    expect(message).toContain('^');
  });

  it('a good case still parses', () => {
    expect(
      parseCase(
        `${head}device_commands:\n  - !Messages\n      device_index: 0\n      messages:\n        - !Stop\n`,
        'x.yaml',
      ).steps,
    ).toEqual([{ kind: 'messages', deviceIndex: 0, messages: [{ kind: 'Stop' }] }]);
  });
});
