/**
 * Files that plugkit's modules read beside themselves (the built-in device database,
 * package.json for the version), served from the executable's SEA assets. The build rewrites
 * each module's `import.meta.url` to a URL under {@link EMBEDDED_ROOT}; the fs shims ask here
 * first and hand every other path to the real file system.
 */
import { getAsset, isSea } from 'node:sea';

/** Where bundled modules "live": `import.meta.url` of server-embedded/cli/version.ts becomes `${EMBEDDED_ROOT}server-embedded/cli/version.ts`. */
export const EMBEDDED_ROOT = 'file:///__plugkit_sea__/';

/** The asset key of an embedded file: its path in the repository under `files/`. */
export const assetKeyOf = (relativePath: string): string => `files/${relativePath}`;

/** The href of a path-like argument, if it is a URL (or URL string) under {@link EMBEDDED_ROOT}. */
function embeddedHref(path: unknown): string | undefined {
  const href = path instanceof URL ? path.href : typeof path === 'string' ? path : undefined;
  return href?.startsWith(EMBEDDED_ROOT) ? href : undefined;
}

/**
 * The bytes of an embedded file, or undefined when `path` is not one. A path under the root that
 * was not embedded fails like a missing file (ENOENT), which callers already handle.
 */
export function embeddedFile(path: unknown): Buffer | undefined {
  const href = embeddedHref(path);
  if (href === undefined) return undefined;
  const key = assetKeyOf(decodeURIComponent(href.slice(EMBEDDED_ROOT.length)));
  if (isSea()) {
    try {
      return Buffer.from(getAsset(key));
    } catch {
      /* not embedded: ENOENT below */
    }
  }
  const err: NodeJS.ErrnoException = new Error(`ENOENT: ${key} is not embedded in this executable`);
  err.code = 'ENOENT';
  throw err;
}

/** `options` of readFile/readFileSync: an encoding, or an object that may carry one. */
export const encodingOf = (options: unknown): BufferEncoding | undefined =>
  typeof options === 'string'
    ? (options as BufferEncoding)
    : ((options as { encoding?: BufferEncoding | null } | undefined)?.encoding ?? undefined);
