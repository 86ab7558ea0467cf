import { readFileSync } from 'node:fs';

/**
 * Is process `pid` still running? A zombie (exited, not yet reaped by its own parent) counts as
 * gone: a game killed by its launcher may linger as one, and the helper must not wait for that.
 */
export function processAlive(pid: number): boolean {
  if (process.platform === 'linux') {
    const stat = procStat(pid);
    if (stat) return stat.state !== 'Z' && stat.state !== 'X';
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The current parent pid. Node's `process.ppid` is read once at start-up, so Linux asks /proc. */
export function currentParentPid(): number {
  if (process.platform === 'linux') {
    const stat = procStat('self');
    if (stat) return stat.ppid;
  }
  return process.ppid;
}

/** State and parent of a process from /proc/PID/stat (Linux); undefined when it cannot be read. */
function procStat(pid: number | 'self'): { state: string; ppid: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
  const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return state && ppid ? { state, ppid: Number(ppid) } : undefined;
}

let parentAtStart: number | undefined;

/**
 * Records this process's parent now, as early in start-up as the caller can: a parent that dies
 * before the watch begins would otherwise go unnoticed (the orphan's new parent looks alive).
 * Later calls keep the first answer.
 */
export function noteParent(): number {
  return (parentAtStart ??= currentParentPid());
}

/** Options of {@link watchParent}. */
export interface ParentWatchOptions {
  /** The process not to outlive; default: this process's parent as {@link noteParent} recorded it (else: now). */
  pid?: number;
  /** How often to look, in ms (default 250, so the helper is gone well within a second). */
  pollMs?: number;
  /** Called once when the watched process is gone, with a sentence saying so. */
  onGone: (reason: string) => void;
}

/**
 * Polls for the parent process and calls `onGone` once it disappears: it exited (or is a zombie),
 * or — for the default, our own parent — this process was handed to another parent. Returns a
 * function that stops watching. The timer is unref'd: watching never keeps the process alive.
 */
export function watchParent(opts: ParentWatchOptions): () => void {
  const ownParent = opts.pid === undefined;
  const pid = opts.pid ?? noteParent();
  const gone = (): boolean => (ownParent && currentParentPid() !== pid) || !processAlive(pid);
  const timer = setInterval(() => {
    if (!gone()) return;
    clearInterval(timer);
    opts.onGone(`parent process ${pid} is gone`);
  }, opts.pollMs ?? 250);
  timer.unref();
  return () => clearInterval(timer);
}
