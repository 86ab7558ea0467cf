import { describe, expect, it } from 'vitest';
import { ErrorCode, parseFrame, serializeMessage, v4Shapes } from '../../../sdk/protocol/index.js';

const one = (text: string, max?: number) => {
  const items = parseFrame(text, v4Shapes, max);
  expect(items).toHaveLength(1);
  return items[0]!;
};
const err = (text: string, max?: number) => {
  const item = one(text, max);
  if (item.ok) throw new Error(`expected an error for ${text}`);
  return item;
};

describe('parseFrame (spec v4)', () => {
  it('parses a valid batch in order', () => {
    const items = parseFrame('[{"Ping":{"Id":5}},{"RequestDeviceList":{"Id":6}}]', v4Shapes);
    expect(items.map((i) => (i.ok ? [i.message.type, i.message.Id] : null))).toEqual([
      ['Ping', 5],
      ['RequestDeviceList', 6],
    ]);
  });

  it('accepts concatenated arrays in one frame, as the reference does', () => {
    const items = parseFrame('[{"Ping":{"Id":1}}] [{"Ping":{"Id":2}}]', v4Shapes);
    expect(items.map((i) => i.ok && i.message.Id)).toEqual([1, 2]);
  });

  it('refuses malformed JSON with E3 and Id 0', () => {
    const e = err('[{"Ping":{"Id":1}');
    expect(e).toMatchObject({ id: 0, errorCode: ErrorCode.Message, reason: 'InvalidJson' });
    expect(e.message).toMatch(/not valid JSON/);
  });

  it('refuses a non-array frame and an empty array', () => {
    expect(err('{"Ping":{"Id":1}}').reason).toBe('NotAnArray');
    expect(err('"hello"').reason).toBe('NotAnArray');
    expect(err('[]').reason).toBe('EmptyFrame');
  });

  it('names an unknown message type and keeps its Id', () => {
    const e = err('[{"Vibrate":{"Id":9}}]');
    expect(e).toMatchObject({ id: 9, reason: 'UnexpectedMessageType' });
    expect(e.message).toMatch(/Unknown message type "Vibrate"/);
  });

  it('refuses a missing or zero Id with Id 0', () => {
    expect(err('[{"Ping":{}}]')).toMatchObject({ id: 0, reason: 'InvalidMessageContents' });
    const zero = err('[{"Ping":{"Id":0}}]');
    expect(zero.id).toBe(0);
    expect(zero.message).toMatch(/Id 0 is reserved/);
    expect(err('[{"Ping":{"Id":-3}}]').id).toBe(0);
    expect(err('[{"Ping":{"Id":1.5}}]').id).toBe(0);
    expect(err('[{"Ping":{"Id":4294967296}}]').id).toBe(0);
  });

  it('refuses extra fields, naming them', () => {
    const e = err('[{"Ping":{"Id":3,"Extra":true}}]');
    expect(e).toMatchObject({ id: 3, reason: 'InvalidMessageContents' });
    expect(e.message).toMatch(/Ping\.Extra: unknown field/);
  });

  it('refuses an entry with several keys', () => {
    expect(err('[{"Ping":{"Id":3},"StopCmd":{"Id":4}}]').reason).toBe('InvalidMessageContents');
  });

  it('refuses non-integer and out-of-range values', () => {
    const frac = err(
      '[{"OutputCmd":{"Id":4,"DeviceIndex":0,"FeatureIndex":0,"Command":{"Vibrate":{"Value":10.5}}}}]',
    );
    expect(frac.id).toBe(4);
    expect(frac.message).toMatch(/Command\.Vibrate\.Value: expected an integer, got 10\.5/);
    const neg = err(
      '[{"OutputCmd":{"Id":4,"DeviceIndex":-1,"FeatureIndex":0,"Command":{"Vibrate":{"Value":1}}}}]',
    );
    expect(neg.message).toMatch(/DeviceIndex: -1 is outside/);
    const two = err(
      '[{"OutputCmd":{"Id":4,"DeviceIndex":0,"FeatureIndex":0,"Command":{"Vibrate":{"Value":1},"Rotate":{"Value":1}}}}]',
    );
    expect(two.message).toMatch(/exactly one of/);
    const kind = err(
      '[{"InputCmd":{"Id":4,"DeviceIndex":0,"FeatureIndex":0,"Type":"RSSI","Command":"Read"}}]',
    );
    expect(kind.message).toMatch(/Type: expected one of Battery, Rssi/);
  });

  it('refuses a frame over the size limit before parsing it', () => {
    const big = `[{"Ping":{"Id":1}}${',{"Ping":{"Id":1}}'.repeat(100)}]`;
    const e = err(big, 1000);
    expect(e).toMatchObject({ id: 0, reason: 'FrameTooLarge' });
    expect(e.message).toMatch(/exceeds the server's limit of 1000 bytes/);
  });

  it('counts multi-byte characters toward the size limit', () => {
    const text = `[{"RequestServerInfo":{"Id":1,"ClientName":"${'é'.repeat(600)}","ProtocolVersionMajor":4}}]`;
    expect(text.length).toBeLessThan(1000);
    expect(err(text, 1000).reason).toBe('FrameTooLarge');
  });

  it('serializes one message per frame in wire shape', () => {
    expect(serializeMessage({ type: 'Ok', Id: 7 })).toBe('[{"Ok":{"Id":7}}]');
  });
});
