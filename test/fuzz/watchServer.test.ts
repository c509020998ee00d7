/**
 * Hostile requests to the preview server of `banmian watch`: forged and mangled Host, Origin and
 * Sec-Fetch-Site headers, dot segments (plain, percent-encoded, backslashed), NUL, absolute and
 * protocol-relative targets, odd methods, raw bytes. The server must stay up, answer every one,
 * and show the edition only to a request that names a loopback host with its port and comes
 * from the preview itself, and then only from its routes. Requests go to 127.0.0.1 only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type PreviewServer } from '../../src/watch/server.ts';
import { EditionSession } from '../../src/watch/session.ts';
import { FUZZ, survives } from './hostile.ts';

const SECRET = '未发表的独家消息';
const dir = mkdtempSync(join(tmpdir(), 'banmian-fuzz-server-'));
let server: PreviewServer;
let port = 0;

beforeAll(async () => {
  writeFileSync(join(dir, 'body.ttf'), `font ${SECRET}`);
  const s = new EditionSession(join(dir, 'edition.yaml'));
  s.title = SECRET;
  s.font = join(dir, 'body.ttf');
  s.shown = [{ number: 2, width: 1, height: 1, hash: 'abc', pdf: Buffer.from(`%PDF ${SECRET}`), png: Buffer.from(`PNG ${SECRET}`), overlay: { columns: [], rows: [], blocks: [], frames: [], empty: [] } }];
  server = await startServer(s, 0);
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One raw request over TCP to 127.0.0.1; the status and the body (an event stream up to its first bytes). */
function send(raw: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let got = Buffer.alloc(0);
    const done = () => {
      socket.destroy();
      const text = got.toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), head: end < 0 ? text : text.slice(0, end), body: end < 0 ? '' : text.slice(end + 4) });
    };
    socket.on('data', (c) => {
      got = Buffer.concat([got, c]);
      if (/content-type: text\/event-stream/i.test(got.toString('latin1')) && got.includes('retry:')) done();
    });
    socket.on('end', done);
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? done() : reject(e)));
    socket.setTimeout(5000, () => reject(new Error(`no answer to ${JSON.stringify(raw)}`)));
    socket.end(Buffer.from(raw, 'latin1'));
  });
}

const SEGMENTS = ['', '.', '..', '%2e%2e', '%2E%2e', '.%2e', '%2f', '%5c', '\\', '%00', '%', '%zz', 'page', '2.png', '2.pdf', '02.png', 'state', 'events',
  'font', 'etc', 'passwd', 'package.json', 'src', 'watch', 'preview.html', '?h=1', '#x', ';', '@', ':', '~', '%252e%252e', '..%c0%af', '%ef%bc%8f'];
const target = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('/', '/state', '/events', '/page/2.png', '/page/2.pdf', '/font', '/page/2.png?h=abc', '/page/3.png') },
  { weight: 6, arbitrary: fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 8 }).map((a) => `/${a.join('/')}`) },
  { weight: 1, arbitrary: fc.constantFrom('*', 'state', 'http://127.0.0.1/state', 'http://evil.example/state', '//evil.example/state', '127.0.0.1:80') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }).map((s) => `/${s}`) },
);
const hosts = (p: number) => ['127.0.0.1', 'localhost', '[::1]'].flatMap((h) => [`${h}:${p}`, h.toUpperCase() + `:${p}`, h, `${h}:${p + 1}`, `${h}.:${p}`, `${h}.evil.example:${p}`]);
const headerValue = fc.oneof(fc.constantFrom('evil.example', 'null', '', ' ', 'http://evil.example', `http://127.0.0.1`), fc.string({ unit: 'binary-ascii', maxLength: 20 }));
const request = fc.record({
  method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'CONNECT', 'G\u00e9T'),
  target,
  host: fc.option(fc.oneof(fc.integer({ min: 0, max: 17 }).map((i) => ({ i })), headerValue.map((v) => ({ v }))), { nil: undefined, freq: 4 }),
  origin: fc.option(fc.oneof(fc.constantFrom('same', 'http://localhost', 'http://evil.example', 'null', `https://127.0.0.1`), headerValue), { nil: undefined, freq: 1 }),
  site: fc.option(fc.oneof(fc.constantFrom('same-origin', 'none', 'same-site', 'cross-site'), headerValue), { nil: undefined, freq: 1 }),
  twoHosts: fc.constantFrom(false, false, false, true),
});

it('the preview server answers every hostile request and shows the edition only to the preview itself', async () => {
  let shown = 0;
  const cases = await survives('watch server requests', request, async (r) => {
    const host = r.host === undefined ? undefined : 'i' in r.host ? hosts(port)[r.host.i]! : r.host.v;
    const origin = r.origin === 'same' ? `http://${host}` : r.origin;
    const lines = [`${r.method} ${r.target} HTTP/1.1`];
    if (host !== undefined) lines.push(`Host: ${host}`);
    if (host !== undefined && r.twoHosts) lines.push('Host: evil.example');
    if (origin !== undefined) lines.push(`Origin: ${origin}`);
    if (r.site !== undefined) lines.push(`Sec-Fetch-Site: ${r.site}`);
    const res = await send(`${lines.join('\r\n')}\r\nConnection: close\r\n\r\n`);
    // node:http closes a CONNECT it has no tunnel for without an answer
    if (res.status === 0 && r.method !== 'CONNECT') throw new Error(`no HTTP answer to ${JSON.stringify(lines)}: ${JSON.stringify(res.head)}`);
    if (/access-control-/i.test(res.head)) throw new Error(`a CORS header in ${res.head}`);
    const loopback = host !== undefined && !r.twoHosts && [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
    const own = origin === undefined || origin.toLowerCase() === `http://${host?.toLowerCase()}`;
    const fromPreview = r.site === undefined || r.site === 'same-origin' || r.site === 'none';
    if (res.status === 200) {
      shown++;
      if (!(loopback && own && fromPreview)) throw new Error(`200 to ${JSON.stringify(lines)}`);
      if (!r.target.startsWith('/')) throw new Error(`an absolute target served: ${JSON.stringify(lines)}`);
    } else if (res.body.includes(SECRET) || res.head.includes(SECRET)) {
      throw new Error(`${res.status} with the edition's text to ${JSON.stringify(lines)}`);
    }
    if (/root:|"name": "banmian"/.test(res.body)) throw new Error(`a file outside the routes: ${JSON.stringify(lines)}`);
  }, { quick: 300, long: 100_000, ms: 5000 }, 0x5e7e);
  // still up and serving
  expect((await send(`GET /state HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).body).toContain(SECRET);
  if (FUZZ) console.log(`[fuzz] watch server requests: ${shown} of ${cases} served, the rest refused`);
  expect(cases).toBeGreaterThan(0);
  expect(shown).toBeGreaterThan(0);
}, 1_800_000);
