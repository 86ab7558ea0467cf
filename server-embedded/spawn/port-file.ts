import { readFile, rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes the port to `file` (the number and a newline) so a launcher that asked for any free port
 * can read which one it got. Written beside and renamed into place: a reader polling the file
 * never sees it half-written.
 */
export async function writePortFile(file: string, port: number): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, `${port}\n`);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    throw new Error(
      `cannot write the port file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      { cause: err },
    );
  }
}

/** Removes the port file at shutdown, unless another process has written its own port there. */
export async function removePortFile(file: string, port: number): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text?.trim() === String(port)) await rm(file, { force: true }).catch(() => {});
}
