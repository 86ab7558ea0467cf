import { map } from 'rxjs';
import { serializeMessage, type AnyMessage } from '../../sdk/protocol/index.js';
import { createDuplex } from '../../sdk/transport/pair.js';
import type { Transport, TransportConnection } from '../../sdk/transport/types.js';
import type { PlugkitServer } from '../server/server.js';

/** What a client sends in process: a text frame, or messages handed over as objects. */
type Up = string | readonly unknown[];
/** What the server sends back: a text frame, or one message object. */
type Down = string | AnyMessage;

/**
 * A transport to a server in this process: no socket, and no JSON either — message objects are
 * handed across (`TransportConnection.messages`), and the server checks each exactly as it checks
 * a socket frame's entries, so in-process and network behave alike. A client that only reads
 * `frame$` still gets text: objects are serialized for it on the way.
 */
export function inProcessTransport(server: PlugkitServer): Transport {
  return {
    description: 'embedded',
    reconnectable: false,
    async connect(): Promise<TransportConnection> {
      const { client, server: end } = createDuplex<Up, Down>();
      const session = server.accept(
        {
          send: (f) => end.send(f),
          sendMessage: (m) => end.send(m),
          close: (_c, reason) => end.close(reason),
        },
        'in-process',
      );
      if (!session) throw new Error('the embedded server already has a client connected');
      end.in$.subscribe((f) => void session.receive(f));
      end.closed$.subscribe(() => void session.closed());
      return {
        send: (frame) => client.send(frame),
        frame$: client.in$.pipe(map((m) => (typeof m === 'string' ? m : serializeMessage(m)))),
        closed$: client.closed$,
        close: () => client.close(),
        messages: {
          send: (entry) => client.send([entry]),
          message$: client.in$,
        },
      };
    },
  };
}
