// The sample's game logic: scan once connected, pulse every toy that turns up, log errors.
// The Plugkit child node carries plugkit.ts (the script template npm run build:godot copies here).
import { Callable, Node } from 'godot';
import type Plugkit from './plugkit';

export default class Main extends Node {
  override _ready(): void {
    const plugkit = this.get_node('Plugkit') as Plugkit;
    plugkit.connected.connect(
      Callable.create(this, (server: string) => {
        console.log(`plugkit: connected to ${server}; scanning`);
        plugkit.start_scanning();
      }),
    );
    plugkit.device_added.connect(
      Callable.create(this, (index: number, name: string) => {
        console.log(`plugkit: found ${name} (device ${index}); playing res://patterns/pulse.json`);
        plugkit.play_pattern('res://patterns/pulse.json');
      }),
    );
    plugkit.error.connect(Callable.create(this, (message: string) => console.error(`plugkit: ${message}`)));
  }
}
