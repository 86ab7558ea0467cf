/** samples/single-binary-game run as a game would ship it: no embedded server, nothing on the Intiface port, the helper beside it. */
import { existsSync } from 'node:fs';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { SEA, ensureSea, killAll, start } from './sea-process.js';

const GAME = 'dist/samples/single-binary-game/game.js';
beforeAll(async () => {
  if (!existsSync(GAME)) throw new Error(`${GAME} is missing: run npm run build (npm test does it first)`);
  await ensureSea();
}, 120_000);
afterEach(killAll);

it('falls through to the spawned helper, plays, and leaves no helper behind', async () => {
  const game = start(process.execPath, [
    GAME,
    '--no-embedded',
    '--intiface',
    'ws://127.0.0.1:9',
    '--helper',
    SEA,
    '--frames',
    '10',
  ]);
  expect(await game.exit).toBe(0);
  expect(game.out).toEqual([`connected through spawned ${SEA}`, 'toys: Aneros Vivi', 'game over']);
  // The helper's own log (inherited stderr) says it stopped because the game let go of it.
  expect(game.err.join('\n')).toMatch(/stdin closed: stopping every device/);
});
