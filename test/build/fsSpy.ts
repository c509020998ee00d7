/**
 * node:fs with every call that changes a folder reported to `spy.before` first (a test copies the
 * folder there, or throws to make the call fail), for the journal tests and the output fuzzer.
 */
type Fs = typeof import('node:fs');
export interface FsSpy { before: undefined | ((call: string, args: unknown[]) => void) }

const WATCHED = ['renameSync', 'linkSync', 'copyFileSync', 'unlinkSync', 'rmSync', 'openSync', 'writeFileSync', 'mkdirSync'] as const;

export function spiedFs(m: Fs, spy: FsSpy, more: Partial<Fs> = {}): Fs {
  return {
    ...m,
    ...more,
    ...Object.fromEntries(WATCHED.map((name) => [name, (...args: unknown[]) => {
      if (!(name === 'openSync' && args[1] === 'r')) spy.before?.(name, args);
      return (m[name] as (...a: unknown[]) => unknown)(...args);
    }])),
  };
}
