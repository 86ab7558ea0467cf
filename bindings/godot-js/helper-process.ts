import type { FileAccess } from 'godot';
import { PlugkitError } from './sdk.js';
import { godot, OK } from './godot-api.js';

/** How to start the helper server (`plugkit-server` beside the game). */
export interface HelperOptions {
  /** The executable; empty: `plugkit-server` (`.exe` on Windows) beside the game executable. */
  path: string;
  /** Its arguments; the default asks for any free port and a stdin lifeline. */
  args: readonly string[];
  /**
   * The helper was told to exit when its stdin closes (`--stdin-lifeline`): at quit it then gets
   * `lifelineGraceMs` to stop its toys before it is killed.
   */
  lifeline: boolean;
  /** How long to wait at quit for the helper to exit on its own, ms. */
  lifelineGraceMs: number;
}

/** The arguments `plugkit-server` gets unless told otherwise. */
export const DEFAULT_HELPER_ARGS: readonly string[] = ['--stdin-lifeline', '--websocket-port', '0'];

/** The helper's name beside the game executable. */
export function defaultHelperPath(): string {
  const exe = godot.OS.get_executable_path();
  const dir = exe.replace(/[\\/][^\\/]*$/, '');
  return `${dir}/plugkit-server${godot.OS.has_feature('windows') ? '.exe' : ''}`;
}

const READY = /listening on (wss?:\/\/[^\s]+)/;
/** Most bytes read from the helper's output per frame; it logs little, this only bounds a frame. */
const READ_PER_POLL = 8192;

/**
 * A running helper server. Started with `OS.execute_with_pipe` (its stdout tells the URL, its
 * stdin is the lifeline); where that is unavailable, `OS.create_process` with a port file.
 */
export class HelperProcess {
  private line = '';
  private url: string | undefined;
  private stopped = false;
  /** The helper's last lines of output, for error messages. */
  readonly output: string[] = [];

  private constructor(
    readonly pid: number,
    private readonly stdio: FileAccess | undefined,
    private readonly portFile: string | undefined,
    private readonly options: HelperOptions,
  ) {}

  /** Starts the helper; throws a `PlugkitError` naming the path when it cannot be started. */
  static start(options: HelperOptions): HelperProcess {
    const path = options.path || defaultHelperPath();
    const piped = godot.OS.execute_with_pipe(path, [...options.args], false);
    if (piped.size() > 0) {
      const pid = Number(piped.get_keyed('pid'));
      return new HelperProcess(pid, piped.get_keyed('stdio') as FileAccess, undefined, options);
    }
    // No pipes (older engines, some platforms): no ready line either, so the port goes to a file.
    // A name of its own for each start: a helper that was killed (as stop() does here) never
    // removes its file, and a leftover under a reused name would be read as this helper's port.
    const portFile = `${godot.OS.get_temp_dir()}/plugkit-server-${godot.OS.get_process_id()}-${godot.Time.get_ticks_usec()}.port`;
    const pid = Number(godot.OS.create_process(path, [...options.args, '--port-file', portFile], false));
    if (pid < 0)
      throw new PlugkitError(
        'TRANSPORT',
        'HelperNotStarted',
        `Could not start the helper server at ${path}: put plugkit-server beside the game or set helper_path.`,
      );
    return new HelperProcess(pid, undefined, portFile, options);
  }

  /** Whether the helper process still runs. */
  get running(): boolean {
    return godot.OS.is_process_running(this.pid);
  }

  /** Reads what the helper printed (non-blocking); returns its ws:// URL once it is ready. */
  poll(): string | undefined {
    if (this.stdio && !this.stopped) {
      for (let n = 0; n < READ_PER_POLL; n++) {
        const byte = this.stdio.get_8();
        if (this.stdio.get_error() !== OK) break;
        if (byte === 10) this.takeLine();
        else if (byte !== 13) this.line += String.fromCharCode(byte);
      }
    } else if (this.portFile && !this.url && godot.FileAccess.file_exists(this.portFile)) {
      const port = godot.FileAccess.get_file_as_string(this.portFile).trim();
      if (/^\d+$/.test(port)) this.url = `ws://127.0.0.1:${port}`;
    }
    return this.url;
  }

  /**
   * Stops the helper and waits (bounded, blocking: this runs while the game quits) for it to go:
   * closes its stdin (the lifeline), gives it the grace period, then kills it and removes its port
   * file.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stdio?.close();
    if (this.options.lifeline)
      for (let waited = 0; waited < this.options.lifelineGraceMs && this.running; waited += 10)
        godot.OS.delay_msec(10);
    if (this.running) godot.OS.kill(this.pid);
    // A killed helper cannot remove its port file; one that left by itself already has.
    if (this.portFile && godot.FileAccess.file_exists(this.portFile))
      godot.DirAccess.remove_absolute(this.portFile);
  }

  private takeLine(): void {
    // The helper prints ASCII; bytes were taken one by one, so decode UTF-8 only where needed.
    const text = this.line;
    this.line = '';
    this.output.push(text);
    if (this.output.length > 20) this.output.shift();
    const ready = READY.exec(text);
    if (ready && !this.url) this.url = ready[1]!.replace('://0.0.0.0:', '://127.0.0.1:');
  }
}
