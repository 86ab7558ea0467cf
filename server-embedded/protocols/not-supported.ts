/**
 * Protocols of the official device database that plugkit deliberately does not implement, with
 * the reason a user sees in docs/devices.md.
 */
export const notSupported: ReadonlyMap<string, string> = new Map<string, string>([
  [
    'realtouch',
    'The reference server lists the RealTouch (USB HID) but implements no protocol for it, so its byte format is unknown.',
  ],
  [
    'rez-trancevibrator',
    'A raw USB (not HID) device for which the reference server implements no protocol; its control transfers are unknown.',
  ],
  [
    'sayberx',
    'The reference server lists SayberX toys but implements no protocol for them, so their byte format is unknown.',
  ],
]);
