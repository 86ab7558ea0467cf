import { createPipe } from '../../sdk/transport/pair.js';
import type { Transport, TransportConnection } from '../../sdk/transport/types.js';
import type { PlugkitServer } from '../server/server.js';

/**
 * A transport to a server in this process: no socket, same protocol (frames still go through
 * the server's validation, so in-process and network behave alike).
 */
export function inProcessTransport(server: PlugkitServer): Transport {
  return {
    description: 'embedded',
    reconnectable: false,
    async connect(): Promise<TransportConnection> {
      const { client, server: end } = createPipe();
      const session = server.accept(
        { send: (f) => end.send(f), close: (_c, reason) => end.close(reason) },
        'in-process',
      );
      if (!session) throw new Error('the embedded server already has a client connected');
      end.frame$.subscribe((f) => void session.receive(f));
      end.closed$.subscribe(() => void session.closed());
      return client;
    },
  };
}
