import { readFileSync } from 'node:fs';

/** plugkit's version from package.json (found from the source tree and from dist/). */
export function packageVersion(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'plugkit' && pkg.version) return pkg.version;
    } catch {
      /* try the next layout (source vs dist) */
    }
  }
  return 'unknown';
}
