import { ReplaySubject, Subject, type Observable } from 'rxjs';
import type { TransportConnection } from './types.js';

/** The other end of an in-memory pipe, as a server sees it. */
export interface PipeEnd {
  send(frame: string): void;
  close(reason?: string): void;
  readonly frame$: Subject<string>;
  readonly closed$: ReplaySubject<string>;
}

/** One end of a {@link createDuplex} pipe: sends `Out`, receives `In`. */
export interface DuplexEnd<Out, In> {
  send(item: Out): void;
  close(reason?: string): void;
  readonly in$: Observable<In>;
  readonly closed$: Observable<string>;
}

/**
 * The shared body of both pipes: one subject per direction, a replayed close reason, and
 * microtask delivery that stops once either side closed.
 */
function link<Up, Down>() {
  const toClient = new Subject<Down>();
  const toServer = new Subject<Up>();
  const closed = new ReplaySubject<string>(1);
  let open = true;
  const shut = (reason: string) => {
    if (!open) return;
    open = false;
    closed.next(reason);
    closed.complete();
    toClient.complete();
    toServer.complete();
  };
  const deliver = <T>(to: Subject<T>, item: T) => {
    if (!open) return;
    queueMicrotask(() => open && to.next(item));
  };
  return { toClient, toServer, closed, shut, deliver };
}

/**
 * An in-memory pipe carrying any values (`Up` from client to server, `Down` back). Items are
 * delivered asynchronously (microtask), like a socket's, so neither side re-enters the other.
 * The in-process transport uses it to hand message objects across instead of JSON text.
 */
export function createDuplex<Up, Down>(): {
  client: DuplexEnd<Up, Down>;
  server: DuplexEnd<Down, Up>;
} {
  const { toClient, toServer, closed, shut, deliver } = link<Up, Down>();
  return {
    client: {
      send: (item) => deliver(toServer, item),
      in$: toClient,
      closed$: closed,
      close: (reason = 'closed by the client') => shut(reason),
    },
    server: {
      send: (item) => deliver(toClient, item),
      in$: toServer,
      closed$: closed,
      close: (reason = 'closed by the server') => shut(reason),
    },
  };
}

/**
 * An in-memory pipe between a client and a server in the same process. Frames are delivered
 * asynchronously (microtask), like a socket, so neither side re-enters the other.
 */
export function createPipe(): { client: TransportConnection; server: PipeEnd } {
  const { toClient, toServer, closed, shut, deliver } = link<string, string>();
  return {
    client: {
      send: (frame) => deliver(toServer, frame),
      frame$: toClient.asObservable(),
      closed$: closed.asObservable(),
      close: () => shut('closed by the client'),
    },
    server: {
      send: (frame) => deliver(toClient, frame),
      close: (reason = 'closed by the server') => shut(reason),
      frame$: toServer,
      closed$: closed,
    },
  };
}
