/**
 * Protocols of the official device database that plugkit deliberately does not implement, with
 * the reason a user sees in docs/devices.md.
 */
export const notSupported: ReadonlyMap<string, string> = new Map<string, string>([]);
