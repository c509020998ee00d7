/**
 * One build at a time in a process: a served command and a watch's rebuild change what the whole
 * process shares (its output streams, its caches), so each waits for the one before.
 */
let last: Promise<unknown> = Promise.resolve();

/** Runs `job` once every job handed in before it has finished. */
export function exclusive<T>(job: () => Promise<T>): Promise<T> {
  const mine = last.then(job, job);
  last = mine.catch(() => undefined);
  return mine;
}
