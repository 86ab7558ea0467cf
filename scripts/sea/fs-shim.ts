/** `node:fs` for bundled plugkit modules (named imports): readFileSync also serves embedded files. */
import * as fs from 'node:fs';
import { embeddedFile, encodingOf } from './embedded-files.js';

export * from 'node:fs';

export const readFileSync = ((path: fs.PathOrFileDescriptor, options?: unknown) => {
  const data = embeddedFile(path);
  if (data === undefined) return fs.readFileSync(path, options as Parameters<typeof fs.readFileSync>[1]);
  const encoding = encodingOf(options);
  return encoding ? data.toString(encoding) : data;
}) as typeof fs.readFileSync;
