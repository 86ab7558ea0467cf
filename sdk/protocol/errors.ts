/**
 * Error classes of the Buttplug protocol, as carried in `Error.ErrorCode`.
 * The names follow buttplug-js's `ErrorClass` so existing users recognise them.
 */
export enum ErrorCode {
  /** Anything else (e.g. the device manager is shut down). */
  Unknown = 0,
  /** Handshake and connection-state problems. */
  Init = 1,
  /** Ping timeout, or a ping the server did not expect. */
  Ping = 2,
  /** A malformed or unconvertible message. */
  Message = 3,
  /** A device, feature, index or value problem. */
  Device = 4,
}

/** Codes of a {@link PlugkitError}: the protocol's error classes plus client-side ones. */
export type PlugkitErrorCode =
  | 'ERROR_UNKNOWN'
  | 'ERROR_INIT'
  | 'ERROR_PING'
  | 'ERROR_MSG'
  | 'ERROR_DEVICE'
  /** A request got no reply in time. */
  | 'TIMEOUT'
  /** The client is not connected (or the connection dropped). */
  | 'NOT_CONNECTED'
  /** A value was refused before it left the client (NaN, out of range, wrong output type). */
  | 'INVALID_ARGUMENT'
  /** The transport could not connect or failed. */
  | 'TRANSPORT';

const byProtocolCode: Record<ErrorCode, PlugkitErrorCode> = {
  [ErrorCode.Unknown]: 'ERROR_UNKNOWN',
  [ErrorCode.Init]: 'ERROR_INIT',
  [ErrorCode.Ping]: 'ERROR_PING',
  [ErrorCode.Message]: 'ERROR_MSG',
  [ErrorCode.Device]: 'ERROR_DEVICE',
};

/**
 * The one error type plugkit throws. `code` says what kind of problem it is; `reason` names the
 * precise case (e.g. `DeviceNotAvailable`) where one is known; `message` says what to do.
 */
export class PlugkitError extends Error {
  override readonly name = 'PlugkitError';
  /** What kind of problem this is. */
  readonly code: PlugkitErrorCode;
  /** The precise case, e.g. `DeviceNotAvailable` or `HandshakeAlreadyHappened`. */
  readonly reason: string;

  constructor(code: PlugkitErrorCode, reason: string, message: string) {
    super(message);
    this.code = code;
    this.reason = reason;
  }

  /** The protocol `ErrorCode` this error travels as (client-side codes travel as Unknown). */
  get protocolCode(): ErrorCode {
    for (const [num, name] of Object.entries(byProtocolCode)) if (name === this.code) return Number(num);
    return ErrorCode.Unknown;
  }

  /** Builds the error for a protocol `Error` message received from a server. */
  static fromProtocol(errorCode: number, message: string): PlugkitError {
    const code = byProtocolCode[errorCode as ErrorCode] ?? 'ERROR_UNKNOWN';
    return new PlugkitError(code, 'ServerError', message);
  }
}

/** Shorthands for the errors a server answers with. */
export const protocolError = {
  init: (reason: string, message: string) => new PlugkitError('ERROR_INIT', reason, message),
  ping: (reason: string, message: string) => new PlugkitError('ERROR_PING', reason, message),
  message: (reason: string, message: string) => new PlugkitError('ERROR_MSG', reason, message),
  device: (reason: string, message: string) => new PlugkitError('ERROR_DEVICE', reason, message),
  unknown: (reason: string, message: string) => new PlugkitError('ERROR_UNKNOWN', reason, message),
};
