/**
 * A Lovense USB dongle played by the test: it reads request lines and answers the way the dongle
 * does (search acknowledgement, a found toy, relayed toy replies), with one paired toy that
 * answers `DeviceType;` and `Battery;`. The bus (pty or injected HID handle) is the caller's.
 */
export interface FakeToy {
  id: string;
  /** The toy's answer to `DeviceType;`, e.g. `Z:11:0082059AD3BD;` (a Hush). */
  deviceType: string;
  /** The toy's answer to `Battery;`, e.g. `85;`. */
  battery: string;
}

export interface FakeDongleOptions {
  toy: FakeToy;
  /** The toy is already paired when the server opens the dongle. */
  paired?: boolean;
  /** The dongle reads but never answers. */
  silent?: boolean;
}

export const HUSH: FakeToy = { id: 'C44F33A1B2C3', deviceType: 'Z:11:C44F33A1B2C3;', battery: '85;' };

export class FakeDongle {
  /** Every request line received, without its terminator, in order. */
  readonly requests: string[] = [];
  /** Every raw text received (to check terminators). */
  raw = '';
  private pending = '';
  private paired: boolean;

  constructor(
    private readonly opts: FakeDongleOptions,
    private readonly emit: (line: string) => void,
  ) {
    this.paired = opts.paired ?? false;
  }

  /** Text from the server. */
  receive(text: string): void {
    this.raw += text;
    this.pending += text;
    let nl: number;
    while ((nl = this.pending.indexOf('\r\n')) >= 0) {
      const line = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 2);
      this.requests.push(line);
      if (!this.opts.silent) this.answer(JSON.parse(line) as Record<string, string>);
    }
  }

  /** Toy commands (`cmd`) the server sent through the dongle, in order. */
  get commands(): string[] {
    return this.requests
      .map((l) => JSON.parse(l) as { func: string; cmd?: string })
      .filter((r) => r.func === 'command')
      .map((r) => r.cmd!);
  }

  send(obj: unknown): void {
    this.emit(JSON.stringify(obj));
  }

  /** The toy drops its connection to the dongle. */
  toyLeaves(): void {
    this.paired = false;
    this.send({ type: 'toy', func: 'status', data: { id: this.opts.toy.id, status: 403 } });
  }

  private answer(req: Record<string, string>): void {
    const toy = this.opts.toy;
    switch (req['func']) {
      case 'statuss':
        if (this.paired) this.send({ type: 'toy', func: 'status', data: { id: toy.id, status: 202 } });
        return;
      case 'search':
        this.send({ type: 'toy', func: 'search', result: 205 });
        this.paired = true;
        this.send({ type: 'toy', func: 'toyData', data: { id: toy.id } });
        return;
      case 'stopSearch':
        this.send({ type: 'usb', func: 'stopSearch', result: 200 });
        this.send({ type: 'toy', func: 'search', result: 206 });
        return;
      case 'command': {
        if (req['id'] !== toy.id || !this.paired) return;
        const cmd = req['cmd'];
        const reply = cmd === 'DeviceType;' ? toy.deviceType : cmd === 'Battery;' ? toy.battery : 'OK;';
        this.send({ type: 'toy', func: 'command', result: 200 });
        this.send({ type: 'toy', func: 'toyData', data: { id: toy.id, data: reply } });
        return;
      }
    }
  }
}
