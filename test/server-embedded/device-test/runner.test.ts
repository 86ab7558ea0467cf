import { describe, expect, it } from 'vitest';
import { CaseFormatError, parseCase } from '../../../server-embedded/device-test/case.js';
import { caseMinVersion, runCase } from '../../../server-embedded/device-test/runner.js';

const CASE = (data: string) => `
devices:
  - identifier:
      name: "Massage Demo"
    expected_name: "Aneros Vivi"
device_commands:
  - !Messages
      device_index: 0
      messages:
        - !Vibrate
          - Index: 1
            Speed: 0.25
  - !Commands
      device_index: 0
      commands:
        - !Write
            endpoint: tx
            data: ${data}
            write_with_response: false
`;

describe('device-test runner', () => {
  it('passes a correct case and fails a wrong one with a readable diff', async () => {
    const good = await runCase(parseCase(CASE('[0xF2, 0x20]'), 'good.yaml'), 'good.yaml', '.', 4);
    expect(good).toMatchObject({ status: 'pass' });
    const bad = await runCase(parseCase(CASE('[0xF2, 0x21]'), 'bad.yaml'), 'bad.yaml', '.', 4);
    expect(bad.status).toBe('fail');
    expect(bad.detail).toContain('command step 2: hardware commands differ');
    expect(bad.detail).toContain('✗ expected Write tx [f2 21]');
    expect(bad.detail).toContain('got      Write tx [f2 20]');
  });

  it('fails a case whose expected name differs, saying both names', async () => {
    const text = CASE('[0xF2, 0x20]').replace('"Aneros Vivi"', '"Aneros Vivo"');
    const r = await runCase(parseCase(text, 'n.yaml'), 'n.yaml', '.', 4);
    expect(r).toMatchObject({ status: 'fail' });
    expect(r.detail).toMatch(/named "Aneros Vivi", the case expects "Aneros Vivo"/);
  });

  it('reports bad case files clearly', () => {
    expect(() => parseCase('devices: [', 'x.yaml')).toThrow(CaseFormatError);
    expect(() => parseCase('devices: []', 'x.yaml')).toThrow(/x\.yaml: \$\.devices: expected at least 1/);
    expect(() => parseCase(CASE('[300]'), 'x.yaml')).toThrow(/data\[0\]: 300 is outside 0\.\.255/);
    // An unknown tag is an error of ours (not a raw Node warning followed by a shape error).
    expect(() => parseCase(CASE('[1]').replace('!Vibrate', '!Wiggle'), 'x.yaml')).toThrow(
      /unknown tag !Wiggle at line \d+, column \d+/,
    );
  });

  it('works out the lowest spec version a case can run at', () => {
    expect(caseMinVersion(parseCase(CASE('[1]'), 'x.yaml'))).toBe(0);
    const scalar = CASE('[1]').replace(
      '- !Vibrate\n          - Index: 1\n            Speed: 0.25',
      '- !Scalar\n          - Index: 1\n            Scalar: 0.25\n            ActuatorType: Vibrate',
    );
    expect(caseMinVersion(parseCase(scalar, 'x.yaml'))).toBe(3);
  });
});

describe('device-test runner: reads', () => {
  const BATTERY = (commands: string) => `
devices:
  - identifier:
      name: "SPOT W1"
    expected_name: "Kiiroo Spot"
device_commands:
  - !Messages
      device_index: 0
      messages:
        - !Battery
            expected_power: 0.87
            run_async: true
${commands}
  - !Events
      device_index: 0
      events:
        - !Reads
          - endpoint: rxblebattery
            data: [87]
`;

  it('skips reads the case does not list, and matches them where it does', async () => {
    const silent = await runCase(parseCase(BATTERY(''), 'r.yaml'), 'r.yaml', '.', 4);
    expect(silent).toMatchObject({ status: 'pass' });
    const listed = `  - !Commands
      device_index: 0
      commands:
        - !Read
            endpoint: rxblebattery`;
    expect(await runCase(parseCase(BATTERY(listed), 'r.yaml'), 'r.yaml', '.', 4)).toMatchObject({
      status: 'pass',
    });
    const wrong = await runCase(
      parseCase(BATTERY(listed.replace('endpoint: rxblebattery', 'endpoint: rx')), 'r.yaml'),
      'r.yaml',
      '.',
      4,
    );
    expect(wrong.status).toBe('fail');
    expect(wrong.detail).toContain('✗ expected Read rx');
  });
});
