// plugkit for GodotJS: attach this script to a Node (or make it an autoload). It needs the bundle
// at res://node_modules/plugkit-godot/ (npm run build:godot puts it there). See docs/godot.md.
import { GDictionary, Node, Signal, Variant } from 'godot';
import { createClassBinder } from 'godot.annotations';
import { DEFAULT_HELPER_ARGS, PlugkitGodot } from 'plugkit-godot';

const bind = createClassBinder();

/** Connects the game to a Buttplug server (a running one, else the bundled helper) and drives toys. */
@bind()
export default class Plugkit extends Node {
  /** Name the server shows for this game. */
  @bind.export(Variant.Type.TYPE_STRING)
  accessor client_name = 'Godot game';
  /** A server tried first: Intiface Central's default address. */
  @bind.export(Variant.Type.TYPE_STRING)
  accessor server_url = 'ws://127.0.0.1:12345';
  /** Connect in _ready; else call connect_to_server(). */
  @bind.export(Variant.Type.TYPE_BOOL)
  accessor auto_connect = true;
  /** Start plugkit-server when nothing answers at server_url. */
  @bind.export(Variant.Type.TYPE_BOOL)
  accessor auto_start_helper = true;
  /** The helper executable; empty: plugkit-server beside the game executable. */
  @bind.export(Variant.Type.TYPE_STRING)
  accessor helper_path = '';
  /** The helper's arguments, separated by spaces; empty: the defaults. */
  @bind.export(Variant.Type.TYPE_STRING)
  accessor helper_args = DEFAULT_HELPER_ARGS.join(' ');
  /** How long the helper may take to start (print its ready line), ms. */
  @bind.export(Variant.Type.TYPE_INT)
  accessor helper_start_timeout_ms = 10_000;
  /** Highest level any call sends, 0..1. */
  @bind.export.range(0, 1, 0.01)
  accessor intensity_cap = 1;

  @bind.signal()
  accessor connected!: Signal<(server_name: string) => void>;
  @bind.signal()
  accessor disconnected!: Signal<(reason: string) => void>;
  @bind.signal()
  accessor device_added!: Signal<(index: number, name: string) => void>;
  @bind.signal()
  accessor device_removed!: Signal<(index: number, name: string) => void>;
  @bind.signal()
  accessor scanning_finished!: Signal<() => void>;
  @bind.signal()
  accessor error!: Signal<(message: string) => void>;

  private plugkit: PlugkitGodot | undefined;

  override _ready(): void {
    if (this.auto_connect) this.connect_to_server();
  }

  override _process(_delta: number): void {
    this.plugkit?.process();
  }

  override _exit_tree(): void {
    this.plugkit?.shutdown();
  }

  override _notification(what: number): void {
    if (what === Node.NOTIFICATION_WM_CLOSE_REQUEST) this.plugkit?.shutdown();
  }

  /** Connects (emits connected, or error); after an error, calling it again retries. */
  connect_to_server(): void {
    if (this.plugkit) {
      this.plugkit.start().catch(() => {});
      return;
    }
    const args = this.helper_args.trim();
    this.plugkit = new PlugkitGodot(
      {
        clientName: this.client_name,
        serverUrl: this.server_url,
        autoStartHelper: this.auto_start_helper,
        helperPath: this.helper_path,
        helperArgs: args ? args.split(/\s+/) : DEFAULT_HELPER_ARGS,
        helperLifeline: args === '' || args.split(/\s+/).includes('--stdin-lifeline'),
        intensityCap: this.intensity_cap,
        helperStartTimeoutMs: this.helper_start_timeout_ms,
      },
      {
        connected: (name) => this.connected.emit(name),
        disconnected: (reason) => this.disconnected.emit(reason),
        deviceAdded: (index, name) => this.device_added.emit(index, name),
        deviceRemoved: (index, name) => this.device_removed.emit(index, name),
        scanningFinished: () => this.scanning_finished.emit(),
        error: (message) => this.error.emit(message),
      },
    );
    // Failures arrive as the error signal.
    this.plugkit.start().catch(() => {});
  }

  start_scanning(): void {
    void this.plugkit?.startScanning();
  }

  stop_scanning(): void {
    void this.plugkit?.stopScanning();
  }

  /** Vibrates device `device` (-1: all) at `level` 0..1. */
  vibrate(device: number, level: number): void {
    void this.plugkit?.vibrate(device, level);
  }

  /** Plays a pattern: JSON text, a res:// path or a JSON resource; options {device, gain, loop}. Returns an id (0: failed). */
  play_pattern(resource_or_json: unknown, options?: GDictionary): number {
    return this.plugkit?.playPattern(resource_or_json, options) ?? 0;
  }

  /** Plays a funscript in step with an AudioStreamPlayer/VideoStreamPlayer. Returns an id (0: failed). */
  sync_funscript(path: string, clock_source: Node): number {
    return this.plugkit?.syncFunscript(path, clock_source) ?? 0;
  }

  /** Stops one pattern or sync by its id. */
  stop_playback(id: number): void {
    this.plugkit?.stopPlayback(id);
  }

  /** Stops every pattern, sync and toy. */
  stop_all(): void {
    void this.plugkit?.stopAll();
  }
}
