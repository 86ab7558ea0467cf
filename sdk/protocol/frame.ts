import { ValidationError, hasOwn, isPlainObject } from './checks.js';
import { ErrorCode } from './errors.js';
import type { AnyMessage } from './messages.js';
import { tag, type MessageShapes } from './v4-shapes.js';

/** Default largest frame a server accepts, in bytes (1 MiB). */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

/** One entry of a parsed frame: a valid message, or the error to answer in its place. */
export type FrameItem =
  | { ok: true; message: AnyMessage }
  | { ok: false; id: number; errorCode: ErrorCode; reason: string; message: string };

const fail = (id: number, reason: string, message: string): Extract<FrameItem, { ok: false }> => ({
  ok: false,
  id,
  errorCode: ErrorCode.Message,
  reason,
  message,
});

/** The Id of a message body if it is a valid client Id, else 0 (so the error goes out as an event). */
const recoverId = (body: unknown): number => {
  if (!isPlainObject(body)) return 0;
  const id = body['Id'];
  return typeof id === 'number' && Number.isInteger(id) && id >= 1 && id <= 4294967295 ? id : 0;
};

/**
 * Splits text holding several concatenated JSON arrays (`[...][...]`), which the reference
 * server accepts in one frame. Returns undefined if the text is not such a sequence.
 */
const splitConcatenated = (text: string): unknown[] | undefined => {
  const parts: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth < 0) return undefined;
      if (depth === 0) {
        try {
          parts.push(JSON.parse(text.slice(start, i + 1)));
        } catch {
          return undefined;
        }
      }
    } else if (depth === 0 && !/\s/.test(c!)) return undefined;
  }
  return depth === 0 && parts.length > 1 ? parts : undefined;
};

/** Byte length of a string as UTF-8, without allocating. */
export const utf8Length = (text: string): number => {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
};

/**
 * Parses one text frame from a client into messages checked against `shapes`, keeping their
 * order. Problems become error items carrying the message's Id when it can be recovered.
 */
export function parseFrame(
  text: string,
  shapes: MessageShapes,
  maxBytes = DEFAULT_MAX_FRAME_BYTES,
): FrameItem[] {
  const split = splitFrame(text, maxBytes);
  if (!split.ok) return [split];
  return split.entries.map((entry, i) => parseEntry(entry, i, shapes));
}

/**
 * First half of {@link parseFrame}: size limit, JSON and array checks. Returns the raw entries so
 * each can be checked against the shapes in force when it is processed (a frame may start with
 * the handshake that decides the spec version of the rest).
 */
export function splitFrame(
  text: string,
  maxBytes = DEFAULT_MAX_FRAME_BYTES,
): { ok: true; entries: unknown[] } | Extract<FrameItem, { ok: false }> {
  const size = text.length > maxBytes / 4 ? utf8Length(text) : text.length;
  if (size > maxBytes)
    return fail(
      0,
      'FrameTooLarge',
      `Frame of ${size} bytes exceeds the server's limit of ${maxBytes} bytes; split the batch.`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const arrays = splitConcatenated(text);
    if (!arrays)
      return fail(
        0,
        'InvalidJson',
        `Frame is not valid JSON (${(err as Error).message}); send a JSON array of messages.`,
      );
    parsed = arrays.flat();
    if (!arrays.every(Array.isArray))
      return fail(0, 'NotAnArray', 'Frame must be a JSON array of messages, e.g. [{"Ping":{"Id":1}}].');
  }
  if (!Array.isArray(parsed))
    return fail(0, 'NotAnArray', 'Frame must be a JSON array of messages, e.g. [{"Ping":{"Id":1}}].');
  if (parsed.length === 0)
    return fail(0, 'EmptyFrame', 'Frame holds an empty array; send at least one message.');
  return { ok: true, entries: parsed };
}

/**
 * {@link splitFrame} for messages handed over as objects (an in-process peer): there is no text
 * to size or parse, but an empty batch is refused exactly as an empty frame is.
 */
export function splitEntries(
  entries: readonly unknown[],
): { ok: true; entries: readonly unknown[] } | Extract<FrameItem, { ok: false }> {
  if (entries.length === 0)
    return fail(0, 'EmptyFrame', 'Frame holds an empty array; send at least one message.');
  return { ok: true, entries };
}

/** Checks one entry of a frame against `shapes`. */
export function parseEntry(entry: unknown, i: number, shapes: MessageShapes): FrameItem {
  if (!isPlainObject(entry))
    return fail(0, 'InvalidMessageContents', `Message ${i} is not an object like {"Ping":{"Id":1}}.`);
  const keys = Object.keys(entry);
  if (keys.length !== 1)
    return fail(
      keys.length === 0 ? 0 : recoverId(entry[keys[0]!]),
      'InvalidMessageContents',
      `Message ${i} must have exactly one key, the message name; it has ${keys.length} (${keys.join(', ')}).`,
    );
  const name = keys[0]!;
  const body = entry[name];
  const shape = hasOwn(shapes, name) ? shapes[name] : undefined;
  if (!shape)
    return fail(
      recoverId(body),
      'UnexpectedMessageType',
      `Unknown message type ${JSON.stringify(name)} for this spec version; expected one of ${Object.keys(shapes).join(', ')}.`,
    );
  try {
    return { ok: true, message: tag(name, shape(body, name)) };
  } catch (err) {
    if (err instanceof ValidationError)
      return fail(recoverId(body), 'InvalidMessageContents', `Invalid ${name}: ${err.message}`);
    // A check that breaks must still answer this message and leave the rest of the frame alone.
    return fail(recoverId(body), 'InvalidMessageContents', `Invalid ${name}: ${(err as Error).message}`);
  }
}

/** Message names a server or client sends are plain identifiers, safe to write without escaping. */
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** Serializes one message (tagged form) as a single-message frame, as the server sends them. */
export function serializeMessage(message: AnyMessage | { type: string; Id: number }): string {
  const m = message as Record<string, unknown>;
  const type = m['type'] as string;
  const Id = m['Id'];
  // Fixed replies (Ok, ScanningFinished, Ping, …) hold nothing but an integer Id: no object to
  // copy and no generic stringify, which made up a tenth of a command's cost.
  if (typeof Id === 'number' && Number.isInteger(Id) && PLAIN_NAME.test(type)) {
    let only = true;
    for (const k in m)
      if (k !== 'type' && k !== 'Id') {
        only = false;
        break;
      }
    if (only) return `[{"${type}":{"Id":${Id}}}]`;
  }
  const { type: name, ...fields } = m;
  return JSON.stringify([{ [name as string]: fields }]);
}

/**
 * Parses a frame received from a server (client side): every entry must be `{Name: {...}}`.
 * Server frames are trusted for shape only as far as the client reads them.
 */
export function parseServerFrame(text: string): AnyMessage[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error('server frame is not a JSON array');
  return parsed.map((entry) => {
    if (!isPlainObject(entry)) throw new Error('server message is not an object');
    const name = Object.keys(entry)[0];
    const body = name === undefined ? undefined : entry[name];
    if (!name || !isPlainObject(body)) throw new Error('server message has no body');
    return tag(name, body);
  });
}
