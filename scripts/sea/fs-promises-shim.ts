/** `node:fs/promises` for bundled plugkit modules: readFile also serves embedded files. */
import * as fsp from 'node:fs/promises';
import { embeddedFile, encodingOf } from './embedded-files.js';

export * from 'node:fs/promises';

export const readFile = (async (path: Parameters<typeof fsp.readFile>[0], options?: unknown) => {
  const data = embeddedFile(path);
  if (data === undefined) return fsp.readFile(path, options as Parameters<typeof fsp.readFile>[1]);
  const encoding = encodingOf(options);
  return encoding ? data.toString(encoding) : data;
}) as typeof fsp.readFile;
