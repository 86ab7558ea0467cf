// Types of the bundled plugkit-godot package, for the script template in a GodotJS project
// (copied beside the bundle by npm run build:godot). Kept to what the template uses.
export declare const DEFAULT_HELPER_ARGS: readonly string[];

export interface PlugkitGodotOptions {
  clientName: string;
  serverUrl: string;
  autoStartHelper: boolean;
  helperPath: string;
  helperArgs: readonly string[];
  helperLifeline: boolean;
  intensityCap: number;
  connectTimeoutMs: number;
  helperStartTimeoutMs: number;
}

export interface PlugkitGodotEvents {
  connected(serverName: string): void;
  disconnected(reason: string): void;
  deviceAdded(index: number, name: string): void;
  deviceRemoved(index: number, name: string): void;
  scanningFinished(): void;
  error(message: string): void;
}

export declare class PlugkitGodot {
  constructor(options: Partial<PlugkitGodotOptions>, events: PlugkitGodotEvents);
  readonly helperPid: number | undefined;
  start(): Promise<void>;
  process(): void;
  startScanning(): Promise<void>;
  stopScanning(): Promise<void>;
  vibrate(index: number, level: number): Promise<void>;
  playPattern(source: unknown, options?: unknown): number;
  syncFunscript(pathOrJson: string, clockSource: unknown): number;
  stopPlayback(id: number): void;
  stopAll(): Promise<void>;
  shutdown(): void;
}
