import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadStream } from 'node:tty';
import { until } from './official-client.js';

export const haveSocat = spawnSync('socat', ['-V']).status === 0;

/** A socat pseudo-terminal pair: the server opens `a`; the test plays the dongle on `b`. */
export interface PtyPair {
  a: string;
  /** Calls `fn` with every chunk of text arriving on `b`. */
  onText(fn: (text: string) => void): void;
  send(text: string): void;
  /** Ends socat: the server's side sees the port close, as when a dongle is unplugged. */
  close(): Promise<void>;
}

export async function ptyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'plugkit-dongle-'));
  const a = join(dir, 'dongle-a');
  const b = join(dir, 'dongle-b');
  const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: 'ignore',
  });
  const exited = new Promise((r) => socat.once('exit', r));
  await until(() => existsSync(a) && existsSync(b), 'socat to create the pty links');
  const stream = new ReadStream(openSync(b, 'r+'));
  stream.on('error', () => {}); // EIO once socat is gone
  let closed = false;
  return {
    a,
    onText: (fn) => stream.on('data', (d: Buffer | string) => fn(d.toString())),
    send: (t) => void stream.write(t),
    close: async () => {
      if (closed) return;
      closed = true;
      stream.destroy();
      socat.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
