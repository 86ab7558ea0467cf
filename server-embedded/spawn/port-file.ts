// fs.promises is read at call time: node:fs/promises costs ~2 ms to load, and serve starts without it.
import { promises as fsp } from 'node:fs';

/**
 * Writes the port to `file` (the number and a newline) so a launcher that asked for any free port
 * can read which one it got. Written beside and renamed into place: a reader polling the file
 * never sees it half-written.
 */
export async function writePortFile(file: string, port: number): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await fsp.writeFile(tmp, `${port}\n`);
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => {});
    throw new Error(
      `cannot write the port file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      { cause: err },
    );
  }
}

/** Removes the port file at shutdown, unless another process has written its own port there. */
export async function removePortFile(file: string, port: number): Promise<void> {
  const text = await fsp.readFile(file, 'utf8').catch(() => undefined);
  if (text?.trim() === String(port)) await fsp.rm(file, { force: true }).catch(() => {});
}
