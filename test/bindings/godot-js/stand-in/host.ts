/**
 * The outside world of the stand-in godot module, in Node: real WebSocket clients (ws), real
 * processes, files under a res:// folder, a blocking sleep. Calls are synchronous and take and
 * return strings, numbers and booleans only, so the same host serves QuickJS through its FFI.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';

interface Socket {
  ws: WebSocket;
  state: number;
  frames: string[];
  code: number;
  reason: string;
}

interface Proc {
  child: ChildProcess;
  /** The write end of the child's stdin (a FIFO), closed synchronously like Godot's pipe. */
  stdin: number | undefined;
  out: string;
  exited: Promise<number | null>;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export class NodeHost {
  private readonly sockets = new Map<number, Socket>();
  readonly procs = new Map<number, Proc>();
  private nextSocket = 1;
  private readonly fifoDir = mkdtempSync(join(tmpdir(), 'plugkit-godot-fifo-'));
  /** What OS.get_temp_dir answers: a folder of this host's own, so runs never see each other's files. */
  private readonly tmp = mkdtempSync(join(tmpdir(), 'plugkit-godot-tmp-'));

  /**
   * @param resRoot the folder res:// maps to
   * @param options.exe what OS.get_executable_path answers
   * @param options.noPipes execute_with_pipe fails (as where the platform has none), so
   *   create_process is what works
   */
  constructor(
    private readonly resRoot: string,
    private readonly options: { exe?: string; noPipes?: boolean } = {},
  ) {}

  wsOpen(url: string): number {
    const id = this.nextSocket++;
    const ws = new WebSocket(url);
    const s: Socket = { ws, state: 0, frames: [], code: -1, reason: '' };
    ws.on('open', () => (s.state = 1));
    ws.on('message', (data, binary) => {
      if (!binary) s.frames.push(data.toString());
    });
    ws.on('error', () => {});
    ws.on('close', (code, reason) => {
      s.state = 3;
      s.code = code;
      s.reason = reason.toString();
    });
    this.sockets.set(id, s);
    return id;
  }
  wsSend(id: number, text: string): void {
    const s = this.sockets.get(id);
    if (s?.ws.readyState === WebSocket.OPEN) s.ws.send(text);
  }
  wsClose(id: number, code: number, reason: string): void {
    const s = this.sockets.get(id);
    if (!s) return;
    if (s.ws.readyState === WebSocket.CONNECTING) s.ws.terminate();
    else s.ws.close(code, reason);
  }
  wsTake(id: number): string {
    const s = this.sockets.get(id);
    if (!s) return JSON.stringify({ state: 3, frames: [], code: -1, reason: '' });
    const frames = s.frames.splice(0);
    return JSON.stringify({ state: s.state, frames, code: s.code, reason: s.reason });
  }

  procStart(path: string, argsJson: string, pipe: boolean): number {
    const args = JSON.parse(argsJson) as string[];
    if (!existsSync(path) || (pipe && this.options.noPipes)) return -1;
    // Node closes its own pipes only when its event loop runs, and OS.delay_msec blocks it; Godot
    // closes the fd at once. A FIFO opened here gives the child a stdin this host closes at once.
    let stdin: number | undefined;
    let childStdin: number | 'ignore' = 'ignore';
    if (pipe) {
      const fifo = join(this.fifoDir, `stdin-${this.procs.size}`);
      execFileSync('mkfifo', [fifo]);
      // Read-write first: opening a FIFO read-only would wait for a writer.
      stdin = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
      childStdin = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    }
    const child = spawn(path, args, { stdio: pipe ? [childStdin, 'pipe', 'pipe'] : 'ignore' });
    if (typeof childStdin === 'number') closeSync(childStdin);
    if (child.pid === undefined) {
      if (stdin !== undefined) closeSync(stdin);
      return -1;
    }
    const proc: Proc = {
      child,
      stdin,
      out: '',
      exited: new Promise((r) => child.on('exit', (code) => r(code))),
    };
    child.stdout?.on('data', (d: Buffer) => (proc.out += d.toString('latin1')));
    child.stderr?.on('data', () => {});
    this.procs.set(child.pid, proc);
    return child.pid;
  }
  procRead(pid: number): string {
    const p = this.procs.get(pid);
    if (!p) return '';
    const out = p.out;
    p.out = '';
    return out;
  }
  procCloseStdin(pid: number): void {
    const p = this.procs.get(pid);
    if (p?.stdin === undefined) return;
    closeSync(p.stdin);
    p.stdin = undefined;
  }
  /** Godot's OS.kill on Linux/macOS sends SIGKILL. */
  procKill(pid: number): void {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  /** Read from /proc, not from Node's bookkeeping, which only moves when the event loop runs. */
  procRunning(pid: number): boolean {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return !/^\d+ \(.*\) [ZX]/.test(stat);
    } catch {
      return false;
    }
  }

  sleep(ms: number): void {
    Atomics.wait(sleeper, 0, 0, ms);
  }
  readFile(path: string): string {
    const file = this.resolve(path);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }
  fileExists(path: string): boolean {
    return existsSync(this.resolve(path));
  }
  executablePath(): string {
    return this.options.exe ?? join(this.resRoot, 'game.x86_64');
  }
  /** Removes a file; false when it could not (as DirAccess.remove_absolute fails). */
  removeFile(path: string): boolean {
    try {
      unlinkSync(this.resolve(path));
      return true;
    } catch {
      return false;
    }
  }
  tempDir(): string {
    return this.tmp;
  }
  processId(): number {
    return process.pid;
  }

  /** Closes every socket and kills every process still running (test cleanup). */
  dispose(): void {
    for (const s of this.sockets.values()) s.ws.terminate();
    for (const [pid] of this.procs) {
      if (this.procRunning(pid)) this.procKill(pid);
      this.procCloseStdin(pid);
    }
    rmSync(this.fifoDir, { recursive: true, force: true });
    rmSync(this.tmp, { recursive: true, force: true });
  }

  private resolve(path: string): string {
    return path.startsWith('res://') ? join(this.resRoot, path.slice(6)) : path;
  }
}

/** The host's methods by name, for engines that call them by name (QuickJS). */
export const HOST_METHODS = [
  'wsOpen',
  'wsSend',
  'wsClose',
  'wsTake',
  'procStart',
  'procRead',
  'procCloseStdin',
  'procKill',
  'procRunning',
  'sleep',
  'readFile',
  'fileExists',
  'removeFile',
  'executablePath',
  'tempDir',
  'processId',
] as const;
