/**
 * The toys a dashboard user can add as simulated ones: the device database's advertised names
 * whose protocol plugkit implements and whose model is known from the name alone (toys that
 * name their model only in a handshake would never come up without a real toy answering).
 */
import { listSimulatable } from '../devices/simulatable.js';
import type { DeviceDatabase } from '../devices/config/database.js';
import type { CatalogEntry } from './messages.js';

/** At most this many search results go to the page. */
export const MAX_SEARCH_RESULTS = 40;

/** A searchable list of simulatable toys, built once per database. */
export class ToyCatalog {
  private entries: (CatalogEntry & { hay: string })[] | undefined;

  constructor(private readonly db: DeviceDatabase) {}

  private all(): (CatalogEntry & { hay: string })[] {
    // Built on first use: listing the database takes a moment nobody should wait for at start.
    this.entries ??= listSimulatable(this.db)
      .listed.filter((l) => l.model !== undefined && !l.name.endsWith('*'))
      .map((l) => ({
        name: l.name,
        protocol: l.protocol,
        model: l.model!,
        features: l.features,
        hay: `${l.name}\n${l.protocol}\n${l.model!}`.toLowerCase(),
      }));
    return this.entries;
  }

  /** Entries whose name, protocol or model contains every word of `text` (any case). */
  search(text: string): CatalogEntry[] {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    const out: CatalogEntry[] = [];
    for (const e of this.all()) {
      if (!words.every((w) => e.hay.includes(w))) continue;
      out.push({ name: e.name, protocol: e.protocol, model: e.model, features: e.features });
      if (out.length >= MAX_SEARCH_RESULTS) break;
    }
    return out;
  }
}
