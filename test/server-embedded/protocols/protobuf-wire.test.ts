import { describe, expect, it } from 'vitest';
import {
  boolField,
  doubleField,
  floatField,
  messageField,
  uintField,
  varint,
} from '../../../server-embedded/protocols/protobuf-wire.js';

describe('protobuf wire helpers', () => {
  it('encodes varints in base-128, low group first', () => {
    expect(varint(0)).toEqual([0x00]);
    expect(varint(127)).toEqual([0x7f]);
    expect(varint(128)).toEqual([0x80, 0x01]);
    expect(varint(300)).toEqual([0xac, 0x02]);
    expect(varint(2 ** 32 - 1)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(() => varint(-1)).toThrow(RangeError);
    expect(() => varint(1.5)).toThrow(RangeError);
  });

  it('leaves proto3 defaults out and keys fields by number and wire type', () => {
    expect(uintField(1, 0)).toEqual([]);
    expect(uintField(1, 150)).toEqual([0x08, 0x96, 0x01]);
    expect(boolField(3, false)).toEqual([]);
    expect(boolField(3, true)).toEqual([0x18, 0x01]);
    expect(floatField(1, 0)).toEqual([]);
    expect(floatField(1, 1)).toEqual([0x0d, 0x00, 0x00, 0x80, 0x3f]);
    expect(doubleField(3, 0.5)).toEqual([0x19, 0, 0, 0, 0, 0, 0, 0xe0, 0x3f]);
    // Field numbers above 15 need a multi-byte key; empty messages are still written.
    expect(messageField(403, [])).toEqual([0x9a, 0x19, 0x00]);
    expect(messageField(2, [0x08, 0x01])).toEqual([0x12, 0x02, 0x08, 0x01]);
  });
});
