/**
 * Protocols of the official device database plugkit does not drive, each with the reason a user
 * sees in docs/devices.md. "not applicable": it cannot work on this platform or is not a toy
 * protocol. "not yet": no trustworthy byte-level facts exist to build it from.
 */
export const notSupported: ReadonlyMap<string, { status: 'not applicable' | 'not yet'; reason: string }> =
  new Map([
    [
      'xinput',
      { status: 'not applicable', reason: 'game-controller rumble through the Windows-only XInput API' },
    ],
    [
      'lovense-connect-service',
      {
        status: 'not applicable',
        reason: "talks to the Lovense Connect phone app's LAN HTTP API, not to a toy",
      },
    ],
    [
      'cueme',
      { status: 'not yet', reason: 'the reference server has no implementation, so no byte-level facts' },
    ],
    [
      'libo-karen',
      { status: 'not yet', reason: 'its config lists no features, so there is nothing to drive' },
    ],
    [
      'twerkingbutt',
      { status: 'not yet', reason: 'its config lists no features and the reference registers no protocol' },
    ],
    [
      'realtouch',
      { status: 'not yet', reason: 'USB HID toy the reference server lists but implements no protocol for' },
    ],
    [
      'sayberx',
      {
        status: 'not yet',
        reason: 'the reference server lists it but implements no protocol, so no byte-level facts',
      },
    ],
  ]);
