/**
 * A signal always ends `banmian watch` within a second: SIGINT or SIGTERM in the middle of a
 * rebuild (its synchronous layout included), and between rebuilds, where the server, its event
 * streams and the file watchers are closed first. It ends by the signal (a shell's 130 / 143).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { get, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'vitest';
import { ROOT, sampleProject } from '../project.ts';

const STEP = 30_000; // the longest the first build may take on a busy machine

/** `banmian watch` on a scratch copy of the sample, once its first build is done: the child, its port and all it printed. */
async function watching(onTestFinished: TestContext['onTestFinished']) {
  const p = sampleProject();
  const child = spawn(process.execPath, [join(ROOT, 'bin/banmian.js'), 'watch', p.edition, '--port', '0'], { cwd: p.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  let printed = '';
  child.stdout!.on('data', (c: Buffer) => { printed += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { printed += c.toString(); });
  await until(() => /built in/.test(printed) || child.exitCode !== null, `the first build`, () => printed);
  const port = Number(/127\.0\.0\.1:(\d+)/.exec(printed)?.[1]);
  return { p, child, port, printed: () => printed };
}

async function until(ok: () => boolean, what: string, seen: () => string, ms = STEP): Promise<void> {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() > end) throw new Error(`no ${what} in ${ms} ms; banmian watch printed:\n${seen()}`);
  }
}

/** The preview's event stream, with everything it has sent so far. */
function events(port: number): Promise<{ res: IncomingMessage; sent: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/events', agent: false }, (res) => {
      let sent = '';
      res.setEncoding('utf8');
      const ended = new Promise<void>((done) => { res.on('end', done); res.on('error', () => done()); res.on('close', done); });
      res.on('data', (c: string) => { sent += c; });
      resolve({ res, sent: () => sent, ended });
    }).on('error', reject);
  });
}

/** Sends the signal; resolves with how the child ended and how many milliseconds that took (SIGKILL after 5 s). */
function signal(child: ChildProcess, sig: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', (code, s) => { clearTimeout(kill); resolve({ code, signal: s, ms: performance.now() - t0 }); });
    child.kill(sig);
  });
}

/** The first ideograph of the body changed for another: the page is laid out and drawn again. */
const oneCharacter = (text: string) => text.replace(/(\n---\n[^\u4e00-\u9fff]*)([\u4e00-\u9fff])/, (_, before: string, c: string) => before + (c === '今' ? '昨' : '今'));

// the three watchers build at the same time: their waits overlap
describe.concurrent('banmian watch ends on a signal', () => {
  it.for(['SIGINT', 'SIGTERM'] as const)('%s in the middle of a rebuild ends watch within a second', { timeout: 60_000 }, async (sig, { expect, onTestFinished }) => {
    const { p, child, port, printed } = await watching(onTestFinished);
    const stream = await events(port);
    p.edit('content/sample/finance.md', oneCharacter);
    // `building` is sent as the rebuild starts; the layout is synchronous work right after it
    await until(() => /event: building/.test(stream.sent()), 'rebuild', printed);
    const end = await signal(child, sig);
    console.log(`banmian watch: ${sig} during a rebuild ended it in ${Math.round(end.ms)} ms`);
    expect(end.signal, printed()).toBe(sig);
    expect(end.ms).toBeLessThan(1000);
    expect(printed().match(/built in/g)).toHaveLength(1); // the rebuild never finished
  });

  it('SIGINT between rebuilds closes the event streams and ends watch within a second', async ({ expect, onTestFinished }) => {
    const { child, port, printed } = await watching(onTestFinished);
    const stream = await events(port);
    await until(() => /retry: /.test(stream.sent()), 'event stream', printed);
    const end = await signal(child, 'SIGINT');
    expect(end.signal, printed()).toBe('SIGINT');
    expect(end.ms).toBeLessThan(1000);
    expect(printed()).toMatch(/banmian watch: stopped\n$/);
    await stream.ended;
    expect(stream.res.complete).toBe(true); // ended by the server, not cut off
  }, 60_000);
});
