import type { OutputType, Range } from '../../../sdk/protocol/index.js';
import type { DeviceCandidate } from '../../hardware/types.js';
import type {
  CommunicationSpecifier,
  DeviceDatabaseData,
  DeviceDefinition,
  FeatureConfig,
  ProtocolConfig,
  UserConfigData,
  UserDeviceEntry,
  UserOutputOverride,
} from './model.js';

// What a protocol needs to know about a device is defined next to the protocols; re-exported here
// because this is where those shapes are produced.
import type { ResolvedDevice, ResolvedFeature, ResolvedOutput } from '../../protocols/definition.js';
export type { ResolvedDevice, ResolvedFeature, ResolvedOutput };

/** A protocol whose communication rules matched a candidate. */
export interface ProtocolMatch {
  protocol: string;
  specifier: CommunicationSpecifier;
}

const identityKey = (protocol: string, identifier: string | undefined, address: string) =>
  `${protocol}\u0000${identifier ?? ''}\u0000${address}`;

const contains = (a: number[], b: number[]) => {
  if (b.length === 0) return true;
  outer: for (let i = 0; i + b.length <= a.length; i++) {
    for (let j = 0; j < b.length; j++) if (a[i + j] !== b[j]) continue outer;
    return true;
  }
  return false;
};

/** Does a communication specifier describe this candidate? */
export function specifierMatches(spec: CommunicationSpecifier, c: DeviceCandidate): boolean {
  switch (spec.bus) {
    case 'btle': {
      if (c.bus !== 'btle') return false;
      const b = spec.btle;
      const nameHit = b.names.some((n) =>
        n.endsWith('*') ? c.name.startsWith(n.slice(0, -1)) : n === c.name,
      );
      if (nameHit) return true;
      if (b.manufacturerData && c.manufacturerData?.length) {
        for (const want of b.manufacturerData)
          for (const got of c.manufacturerData)
            if (
              want.company === got.company &&
              (!want.data || contains(got.data, want.data) || contains(want.data, got.data))
            )
              return true;
      }
      if (b.advertisedServices && c.advertisedServices?.length) {
        const adv = new Set(c.advertisedServices.map((s) => s.toLowerCase()));
        if (b.advertisedServices.some((s) => adv.has(s))) return true;
      }
      return false;
    }
    case 'serial':
      return c.bus === 'serial' && spec.serial.port === (c.port ?? c.address);
    case 'hid':
    case 'usb': {
      if (c.bus !== spec.bus) return false;
      const pairs = spec.bus === 'hid' ? spec.hid.pairs : spec.usb.pairs;
      return pairs.some((p) => p.vendorId === c.vendorId && p.productId === c.productId);
    }
    case 'websocket':
      return c.bus === 'websocket' && spec.websocket.name === c.name;
    default:
      return false;
  }
}

/**
 * The device database: the built-in (or replacement) base config plus user configs. It matches
 * candidates to protocols, resolves a model's definition with user settings, and hands out
 * stable device indexes.
 */
export class DeviceDatabase {
  private readonly protocols = new Map<string, ProtocolConfig>();
  private readonly userProtocols = new Map<
    string,
    { communication: CommunicationSpecifier[]; configurations: DeviceDefinition[] }
  >();
  private readonly userDevices = new Map<string, UserDeviceEntry>();
  private readonly indexes = new Map<string, number>();

  constructor(
    base: DeviceDatabaseData,
    private readonly warn: (message: string) => void = () => {},
  ) {
    for (const p of base.protocols) this.protocols.set(p.name, p);
  }

  /** Names of every protocol in the base config. */
  get protocolNames(): string[] {
    return [...this.protocols.keys()];
  }

  /** A protocol's base entry. */
  protocol(name: string): ProtocolConfig | undefined {
    return this.protocols.get(name);
  }

  /** Adds a user config: extra specifiers, extra models, per-device settings. */
  addUserConfig(user: UserConfigData): void {
    for (const p of user.protocols) {
      const prev = this.userProtocols.get(p.name) ?? { communication: [], configurations: [] };
      prev.communication.push(...p.communication);
      prev.configurations.push(...p.configurations);
      this.userProtocols.set(p.name, prev);
    }
    for (const d of user.devices) {
      const problem = this.checkUserDevice(d);
      if (problem) {
        this.warn(
          `user config: skipping device ${d.protocol}/${d.identifier ?? ''}/${d.address}: ${problem}`,
        );
        continue;
      }
      const key = identityKey(d.protocol, d.identifier, d.address);
      this.userDevices.set(key, d);
      this.indexes.set(key, d.index);
    }
  }

  private findDefinitionById(protocol: string, id: string): DeviceDefinition | undefined {
    const user = this.userProtocols.get(protocol)?.configurations.find((c) => c.id === id);
    if (user) return user;
    const base = this.protocols.get(protocol);
    if (!base) return undefined;
    if (base.defaults?.id === id) return base.defaults;
    return base.configurations.find((c) => c.id === id);
  }

  private checkUserDevice(d: UserDeviceEntry): string | undefined {
    const def = this.findDefinitionById(d.protocol, d.baseId);
    if (!def) return `base_id ${d.baseId} names no definition of protocol ${d.protocol}`;
    if (d.features.length && d.features.length !== def.features.length)
      return `it lists ${d.features.length} features but the definition has ${def.features.length}`;
    for (const f of d.features) {
      const base = def.features.find((bf) => bf.id === f.baseId);
      if (!base) return `feature base_id ${f.baseId} is not in the definition`;
      for (const [type, o] of Object.entries(f.outputs) as [OutputType, UserOutputOverride][]) {
        const b = base.outputs[type];
        if (!b) return `feature ${base.index} has no ${type} output to override`;
        if (o.range) {
          const [lo, hi] = o.range;
          const max = Math.abs(b.range[1]);
          if (lo < 0 || hi > max || lo >= hi)
            return `range [${lo}, ${hi}] for ${type} must lie within [0, ${max}] and not be empty`;
        }
      }
    }
    return undefined;
  }

  /** Is this address refused by the user config (deny, or not on an allow list)? */
  isRefused(address: string): boolean {
    const entries = [...this.userDevices.values()];
    if (entries.some((e) => e.address === address && e.deny)) return true;
    const allowList = entries.filter((e) => e.allow);
    return allowList.length > 0 && !allowList.some((e) => e.address === address);
  }

  /** Every communication specifier of one bus, user config first. */
  specifiers<B extends CommunicationSpecifier['bus']>(bus: B): Extract<CommunicationSpecifier, { bus: B }>[] {
    const user = [...this.userProtocols.values()].flatMap((p) => p.communication);
    const base = [...this.protocols.values()].flatMap((p) => p.communication);
    return [...user, ...base].filter((s): s is Extract<CommunicationSpecifier, { bus: B }> => s.bus === bus);
  }

  /** Protocols whose communication rules (user first, then base) match a candidate. */
  match(candidate: DeviceCandidate): ProtocolMatch[] {
    const out: ProtocolMatch[] = [];
    const seen = new Set<string>();
    const consider = (protocol: string, specs: CommunicationSpecifier[]) => {
      if (seen.has(protocol)) return;
      const hit = specs.find((s) => specifierMatches(s, candidate));
      if (hit) {
        seen.add(protocol);
        out.push({ protocol, specifier: hit });
      }
    };
    for (const [name, p] of this.userProtocols) consider(name, p.communication);
    for (const [name, p] of this.protocols) consider(name, p.communication);
    return out;
  }

  /** The definition for a model: user device → user/base configuration → protocol defaults. */
  resolve(protocol: string, identifier: string, address: string): ResolvedDevice | undefined {
    const key = identityKey(protocol, identifier, address);
    const user = this.userDevices.get(key) ?? this.userDevices.get(identityKey(protocol, undefined, address));
    let definition: DeviceDefinition | undefined;
    if (user) definition = this.findDefinitionById(protocol, user.baseId);
    definition ??=
      this.userProtocols.get(protocol)?.configurations.find((c) => c.identifiers.includes(identifier)) ??
      this.protocols.get(protocol)?.configurations.find((c) => c.identifiers.includes(identifier)) ??
      this.protocols.get(protocol)?.defaults;
    if (!definition) return undefined;
    const features = definition.features.map((f) =>
      resolveFeature(
        f,
        user?.features.find((u) => u.baseId === f.id),
      ),
    );
    const gap = user?.messageGapMs ?? definition.messageGapMs;
    return {
      protocol,
      identifier,
      address,
      definition,
      name: definition.name,
      ...(user?.displayName !== undefined ? { displayName: user.displayName } : {}),
      ...(gap !== undefined ? { messageGapMs: gap } : {}),
      ...(definition.protocolVariant !== undefined ? { protocolVariant: definition.protocolVariant } : {}),
      features: [...features].sort((a, b) => a.index - b.index),
      ...(user ? { userIndex: user.index } : {}),
      ...(user?.allowRaw ? { allowRaw: true } : {}),
    };
  }

  /**
   * The index for a physical device: the one it had before (user config or earlier in this
   * process), else the lowest index no known device uses. Remembered for the process lifetime.
   */
  indexFor(protocol: string, identifier: string, address: string): number {
    const key = identityKey(protocol, identifier, address);
    const known = this.indexes.get(key) ?? this.indexes.get(identityKey(protocol, undefined, address));
    if (known !== undefined) return known;
    const used = new Set(this.indexes.values());
    let i = 0;
    while (used.has(i)) i++;
    this.indexes.set(key, i);
    return i;
  }
}

function resolveFeature(
  f: FeatureConfig,
  user: UserDeviceEntry['features'][number] | undefined,
): ResolvedFeature {
  const outputs: ResolvedOutput[] = [];
  for (const [type, cfg] of Object.entries(f.outputs) as [OutputType, { range: Range; duration?: Range }][]) {
    const o = user?.outputs[type];
    const duration = o?.duration ?? cfg.duration;
    outputs.push({
      type,
      base: cfg.range,
      ...(o?.range ? { user: o.range } : {}),
      reverse: o?.reverse ?? false,
      disabled: o?.disabled ?? false,
      ...(duration ? { duration } : {}),
    });
  }
  return {
    index: f.index,
    id: f.id,
    description: user?.description ?? f.description,
    outputs,
    inputs: f.inputs,
  };
}
