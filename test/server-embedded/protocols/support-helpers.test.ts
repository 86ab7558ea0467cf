import { Subject } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Hardware, Notification } from '../../../server-embedded/hardware/types.js';
import { AllMotors, firstFeatures } from '../../../server-embedded/protocols/support/all-motors.js';
import {
  DeviceGoneError,
  HandshakeTimeoutError,
  NotificationInbox,
  nextReply,
} from '../../../server-embedded/protocols/support/notification-inbox.js';

/** A hardware handle whose notifications and disconnect the test drives. */
function fakeHardware() {
  const notification$ = new Subject<Notification>();
  const disconnected$ = new Subject<void>();
  const hardware: Hardware = {
    name: 'fake',
    address: 'fake-1',
    endpoints: ['tx', 'rx'],
    write: async () => {},
    read: async () => new Uint8Array(),
    subscribe: async () => {},
    unsubscribe: async () => {},
    notification$,
    disconnected$,
    disconnect: async () => {},
  };
  const notify = (endpoint: string, ...bytes: number[]) =>
    notification$.next({ endpoint, data: Uint8Array.from(bytes) });
  return { hardware, notify, disconnected$ };
}

describe('AllMotors', () => {
  it('keeps every slot and tags packets with one device-wide id', () => {
    const motors = new AllMotors('toy/frame', firstFeatures(3));
    expect(motors.set(1, 40)).toEqual([0, 40, 0]);
    expect(motors.set(0, 7)).toEqual([7, 40, 0]);
    expect(motors.set(3, 9)).toBeUndefined();
    expect(motors.latest()).toEqual([7, 40, 0]);
    const a = motors.write('tx', [1, 2], true);
    const b = motors.write('tx', [3]);
    expect(a).toEqual({
      kind: 'write',
      endpoint: 'tx',
      data: Uint8Array.of(1, 2),
      withResponse: true,
      ids: ['toy/frame'],
    });
    expect(b.kind === 'write' && b.ids).toEqual(['toy/frame']);
  });

  it('hands out copies, so a kept packet does not change with later commands', () => {
    const motors = new AllMotors<string>('toy/kinds', ['Vibrate', 'Rotate']);
    const first = motors.set('Rotate', 5);
    motors.set('Vibrate', 9);
    expect(first).toEqual([0, 5]);
    expect(motors.has('Oscillate')).toBe(false);
  });
});

describe('NotificationInbox', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps an answer that arrived before anyone waited, and ignores other endpoints', async () => {
    const { hardware, notify } = fakeHardware();
    const inbox = new NotificationInbox(hardware, 'rx');
    notify('tx', 9);
    notify('rx', 1, 2);
    await expect(inbox.next(1000, 'the hello')).resolves.toEqual(Uint8Array.of(1, 2));
    inbox.close();
  });

  it('tells silence from a timeout: nextOrNone gives undefined, next names what was asked', async () => {
    vi.useFakeTimers();
    const { hardware } = fakeHardware();
    const inbox = new NotificationInbox(hardware, 'rx');
    const silent = inbox.nextOrNone(50);
    await vi.advanceTimersByTimeAsync(50);
    await expect(silent).resolves.toBeUndefined();
    const asked = inbox.next(80, 'the battery request');
    const failed = expect(asked).rejects.toThrow(
      new HandshakeTimeoutError('no answer to the battery request within 80 ms'),
    );
    await vi.advanceTimersByTimeAsync(80);
    await failed;
    inbox.close();
  });

  it('fails a pending wait, and later ones, when the device goes away', async () => {
    const { hardware, disconnected$ } = fakeHardware();
    const inbox = new NotificationInbox(hardware);
    const pending = inbox.nextOrNone(10_000);
    disconnected$.next();
    await expect(pending).rejects.toBeInstanceOf(DeviceGoneError);
    await expect(inbox.next(10, 'anything')).rejects.toBeInstanceOf(DeviceGoneError);
    inbox.close();
  });

  it('nextReply listens on every endpoint when none is named and stops listening afterwards', async () => {
    const { hardware, notify } = fakeHardware();
    const reply = nextReply(hardware, 10_000);
    notify('rxblebattery', 77);
    await expect(reply).resolves.toEqual(Uint8Array.of(77));
    expect((hardware.notification$ as Subject<Notification>).observed).toBe(false);
  });
});
