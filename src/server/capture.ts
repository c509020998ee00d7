/**
 * A command run for a client as if in the client's own process: what it writes to stdout and
 * stderr goes to the client, in order, and the client's colour variables and terminals are the
 * ones the command sees (useColour in diagnostic.ts). Only one runs at a time (lock.ts), so the
 * process's streams can be borrowed for its duration.
 */
import { APPLIED_ENV } from '../../bin/client.js';

export interface Client {
  env: Record<string, string | undefined>;
  tty: { stdout: boolean; stderr: boolean };
}

type Sink = (stream: 'out' | 'err', text: string) => void;

export async function asClient<T>(client: Client, send: Sink, run: () => Promise<T>): Promise<T> {
  const undo: (() => void)[] = [];
  for (const [stream, name] of [[process.stdout, 'out'], [process.stderr, 'err']] as const) {
    const own = Object.getOwnPropertyDescriptor(stream, 'write'), ownTty = Object.getOwnPropertyDescriptor(stream, 'isTTY');
    stream.write = ((chunk: string | Uint8Array, enc?: BufferEncoding | ((e?: Error | null) => void), cb?: (e?: Error | null) => void) => {
      send(name, typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof enc === 'function' ? enc : cb;
      if (done) queueMicrotask(() => done(null));
      return true;
    }) as typeof stream.write;
    Object.defineProperty(stream, 'isTTY', { value: client.tty[name === 'out' ? 'stdout' : 'stderr'], configurable: true, writable: true });
    undo.push(() => {
      if (own) Object.defineProperty(stream, 'write', own);
      else delete (stream as { write?: unknown }).write;
      if (ownTty) Object.defineProperty(stream, 'isTTY', ownTty);
      else delete (stream as { isTTY?: unknown }).isTTY;
    });
  }
  for (const k of APPLIED_ENV) {
    const had = process.env[k];
    setEnv(k, client.env[k]);
    undo.push(() => setEnv(k, had));
  }
  try {
    return await run();
  } finally {
    for (const u of undo.reverse()) u();
  }
}

function setEnv(k: string, v: string | undefined): void {
  if (v === undefined) delete process.env[k];
  else process.env[k] = v;
}
