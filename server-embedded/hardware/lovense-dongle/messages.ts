/**
 * The Lovense USB dongle's wire format: one JSON object per line, `\r\n`-terminated on the way
 * out. Requests carry `type` ("usb" for the dongle itself, "toy" for the paired toy), `func`, and
 * for toy commands the toy `id` and the Lovense command text in `cmd`. Answers carry `func`, a
 * numeric `result`, and/or a `data` object with the toy `id`, the toy's reply text (`data`) or a
 * connection `status`.
 */

/** Numeric result/status codes the dongle reports. */
export const DongleCode = {
  DongleInitialized: 100,
  CommandSuccess: 200,
  ToyConnecting: 201,
  ToyConnected: 202,
  SearchStarted: 205,
  SearchStopped: 206,
  MalformedMessage: 400,
  ToyConnectionFailed: 402,
  ToyDisconnected: 403,
  ToyNotFound: 404,
  ScanningInterrupted: 501,
} as const;

/** A request to the dongle. Field order matters to nothing but is kept stable for logs and tests. */
export interface DongleRequest {
  type: 'usb' | 'toy';
  func: 'statuss' | 'search' | 'stopSearch' | 'command';
  id?: string;
  cmd?: string;
}

/** `{"type":"toy","func":"statuss"}`: asks whether a toy is already paired. */
export const STATUS_REQUEST: DongleRequest = { type: 'toy', func: 'statuss' };
/** `{"type":"toy","func":"search"}`: starts looking for toys. */
export const SEARCH_REQUEST: DongleRequest = { type: 'toy', func: 'search' };
/** `{"type":"usb","func":"stopSearch"}`: stops looking. */
export const STOP_SEARCH_REQUEST: DongleRequest = { type: 'usb', func: 'stopSearch' };

/** A toy command, e.g. `Vibrate:10;`, wrapped for the dongle. */
export const toyCommand = (id: string, cmd: string): DongleRequest => ({
  type: 'toy',
  func: 'command',
  id,
  cmd,
});

/** The line (without terminator) for a request. */
export function encodeRequest(r: DongleRequest): string {
  const out: Record<string, string> = { type: r.type, func: r.func };
  if (r.id !== undefined) out['id'] = r.id;
  if (r.cmd !== undefined) out['cmd'] = r.cmd;
  return JSON.stringify(out);
}

/** One message from the dongle, after validation. */
export interface DongleMessage {
  type: 'usb' | 'toy';
  func: string;
  id?: string;
  result?: number;
  data?: { id?: string; data?: string; status?: number };
  message?: string;
}

/** A line (or part of one) from the dongle that is not a valid message. */
export class DongleMessageError extends Error {
  override readonly name = 'DongleMessageError';
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const optional = (o: Record<string, unknown>, key: string, kind: 'string' | 'number'): void => {
  if (o[key] !== undefined && typeof o[key] !== kind)
    throw new DongleMessageError(`"${key}" must be a ${kind}, got ${JSON.stringify(o[key])}`);
};

/** Validates one parsed JSON value as a dongle message. */
export function toDongleMessage(value: unknown): DongleMessage {
  if (!isObject(value)) throw new DongleMessageError('not a JSON object');
  if (value['type'] !== 'usb' && value['type'] !== 'toy')
    throw new DongleMessageError(`"type" must be "usb" or "toy", got ${JSON.stringify(value['type'])}`);
  if (typeof value['func'] !== 'string' || value['func'] === '')
    throw new DongleMessageError('"func" is missing');
  optional(value, 'id', 'string');
  optional(value, 'result', 'number');
  optional(value, 'message', 'string');
  const msg: DongleMessage = { type: value['type'], func: value['func'] };
  if (value['id'] !== undefined) msg.id = value['id'] as string;
  if (value['result'] !== undefined) msg.result = value['result'] as number;
  if (value['message'] !== undefined) msg.message = value['message'] as string;
  const data = value['data'];
  if (data !== undefined) {
    if (!isObject(data)) throw new DongleMessageError('"data" must be an object');
    optional(data, 'id', 'string');
    optional(data, 'data', 'string');
    optional(data, 'status', 'number');
    msg.data = {};
    if (data['id'] !== undefined) msg.data.id = data['id'] as string;
    if (data['data'] !== undefined) msg.data.data = data['data'] as string;
    if (data['status'] !== undefined) msg.data.status = data['status'] as number;
  }
  return msg;
}

/**
 * Splits a line into its top-level JSON objects: the dongle may put several on one line.
 * Anything between objects that is not whitespace comes back as its own (bad) piece.
 */
export function splitObjects(line: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) {
        if (line.slice(start, i).trim()) pieces.push(line.slice(start, i).trim());
        start = i;
      }
      depth++;
    } else if (c === '}' && depth > 0 && --depth === 0) {
      pieces.push(line.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (line.slice(start).trim()) pieces.push(line.slice(start).trim());
  return pieces;
}

/** Parses a line: the valid messages, and an error per piece that is not one. */
export function parseDongleLine(line: string): { messages: DongleMessage[]; errors: DongleMessageError[] } {
  const messages: DongleMessage[] = [];
  const errors: DongleMessageError[] = [];
  for (const piece of splitObjects(line)) {
    try {
      let value: unknown;
      try {
        value = JSON.parse(piece);
      } catch {
        throw new DongleMessageError('not JSON');
      }
      messages.push(toDongleMessage(value));
    } catch (err) {
      const shown = piece.length > 120 ? `${piece.slice(0, 120)}…` : piece;
      errors.push(new DongleMessageError(`${(err as Error).message}: ${shown}`));
    }
  }
  return { messages, errors };
}

/** Longest line kept while waiting for its end; a dongle that never ends a line cannot fill memory. */
export const MAX_LINE_CHARS = 16 * 1024;

/**
 * Reassembles lines from text chunks (serial reads, HID reports). Lines end with `\n`; a
 * trailing `\r` and empty lines are dropped.
 */
export class LineAssembler {
  private pending = '';
  constructor(private readonly overflow: (dropped: number) => void = () => {}) {}

  push(text: string): string[] {
    this.pending += text;
    const parts = this.pending.split('\n');
    this.pending = parts.pop()!;
    if (this.pending.length > MAX_LINE_CHARS) {
      this.overflow(this.pending.length);
      this.pending = '';
    }
    return parts.map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
  }
}
