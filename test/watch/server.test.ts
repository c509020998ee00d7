/**
 * The preview server answers only the designer's browser: a request must name a loopback host
 * with the server's port (a DNS-rebinding page sends its own name) and, from a browser, come from
 * the preview itself; every route is refused otherwise, the event stream and the files included.
 * No path reaches a file the routes do not name. Requests go to 127.0.0.1 only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diag } from '../../src/diagnostic.ts';
import { startServer, type PreviewServer } from '../../src/watch/server.ts';
import { EditionSession } from '../../src/watch/session.ts';
import { ROOT } from '../project.ts';

const SECRET = '未发表的独家消息';
const dir = mkdtempSync(join(tmpdir(), 'banmian-server-'));
const article = join(dir, 'scoop.md');
let server: PreviewServer;
let port = 0;

beforeAll(async () => {
  writeFileSync(article, `---\ntitle: 独家\n---\n${SECRET}。\n`);
  // a session as a build leaves it: one page shown, the body font, a diagnostic quoting the article
  const s = new EditionSession(join(dir, 'edition.yaml'));
  s.shown = [{
    number: 2, width: 1105, height: 1559, hash: 'abc', pdf: Buffer.from(`%PDF-1.7 ${SECRET}`), png: Buffer.from(`\x89PNG ${SECRET}`),
    overlay: { columns: [], rows: [], blocks: [], frames: [], empty: [] },
  }];
  s.font = join(dir, 'body.ttf');
  writeFileSync(s.font, 'a font'); // served as it is
  s.last = { version: 1, ok: false, at: new Date(), ms: 1, did: '', diagnostics: [diag('error', 'X', 'a fault', { file: article, line: 4, col: 1 })] };
  server = await startServer(s, 0);
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply { status: number; headers: IncomingHttpHeaders; body: string }

/** One request to 127.0.0.1 with exactly these headers (no Host unless given); an event stream is read only up to its first bytes. */
function get(path: string, headers: Record<string, string>, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, setHost: false, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (res.headers['content-type'] === 'text/event-stream') { req.destroy(); resolve({ status: res.statusCode!, headers: res.headers, body }); }
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const ROUTES = ['/', '/state', '/events', '/page/2.png', '/page/2.pdf', '/font', '/page/2.png?h=abc', '/nothing'];
const host = () => `127.0.0.1:${port}`;

/** Nothing of the edition leaves in a refusal, and no response invites another origin. */
function refused(r: Reply): void {
  expect(r.status).toBe(403);
  expect(r.body).not.toContain(SECRET);
  expect(r.body).not.toContain(dir);
  expect(r.headers['content-type']).toBe('text/plain');
  expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
}

describe('the Host header', () => {
  const forged = () => ['evil.example', `evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `localhost.evil.example:${port}`, '127.0.0.1', 'localhost', `127.0.0.1:${port + 1}`, `127.0.0.2:${port}`, `0.0.0.0:${port}`, `${host()}@evil.example`, ''];

  it('refuses every route, the event stream and the files included, for a host that is not this server', async () => {
    for (const path of ROUTES) {
      for (const h of forged()) {
        for (const method of ['GET', 'HEAD', 'POST']) {
          const r = await get(path, { host: h }, method);
          expect(r.status, `${method} ${path} with Host "${h}"`).toBe(403);
          refused(r);
        }
      }
    }
  });

  it('refuses a request without a Host header', async () => {
    const r = await get('/state', {});
    expect(r.status).toBe(400); // node:http's own answer: HTTP/1.1 requires one
    expect(r.body).not.toContain(SECRET);
  });

  it('serves every route to the loopback names with the port', async () => {
    for (const h of [host(), `localhost:${port}`, `[::1]:${port}`, `LocalHost:${port}`]) {
      for (const path of ROUTES.filter((p) => p !== '/nothing')) {
        const r = await get(path, { host: h });
        expect(r.status, `${path} with Host "${h}"`).toBe(200);
        expect(Object.keys(r.headers).filter((x) => x.startsWith('access-control-'))).toEqual([]);
        expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
      }
      expect((await get('/nothing', { host: h })).status).toBe(404);
    }
    for (const path of ROUTES.filter((p) => p !== '/nothing')) {
      const r = await get(path, { host: host() }, 'HEAD');
      expect([r.status, r.body], `HEAD ${path}`).toEqual([200, '']);
    }
    // what a DNS-rebinding page would have read
    const state = await get('/state', { host: host() });
    expect(state.body).toContain(SECRET);
    expect(state.body).toContain('scoop.md');
    expect((await get('/page/2.pdf', { host: host() })).body).toContain('%PDF-1.7');
    expect((await get('/events', { host: host() })).body).toMatch(/^retry: /);
  });
});

describe('where a browser request comes from', () => {
  it('refuses every route to another origin, or another site, even with a loopback Host', async () => {
    const others: Record<string, string>[] = [
      { origin: 'http://evil.example' }, { origin: 'null' }, { origin: `https://127.0.0.1:${port}` }, { origin: `http://localhost:${port}` },
      { origin: `http://127.0.0.1:${port + 1}` }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' },
      { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'cross-site' },
    ];
    for (const path of ROUTES) {
      for (const h of others) {
        const r = await get(path, { host: host(), ...h });
        expect(r.status, `${path} with ${JSON.stringify(h)}`).toBe(403);
        refused(r);
      }
    }
  });

  it('serves the preview itself: its own origin, the same origin, a typed address', async () => {
    const own: Record<string, string>[] = [
      { origin: `http://127.0.0.1:${port}` }, { 'sec-fetch-site': 'same-origin' }, { 'sec-fetch-site': 'none' },
      { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' },
    ];
    for (const h of own) {
      for (const path of ROUTES.filter((p) => p !== '/nothing')) expect((await get(path, { host: host(), ...h })).status, `${path} ${JSON.stringify(h)}`).toBe(200);
    }
    expect((await get('/state', { host: `localhost:${port}`, origin: `http://localhost:${port}` })).status).toBe(200);
  });
});

describe('paths', () => {
  it('reach no file the routes do not name: dot segments, encoded ones, absolute paths, NUL', async () => {
    const tries = [
      '/../../../../etc/passwd', '/page/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/page/%2e%2e%2f%2e%2e%2fpackage.json',
      '/page/2.png/../../../../../etc/passwd', '/font/../package.json', '/font/%2e%2e/package.json', '//etc/passwd', '/%2fetc%2fpasswd',
      '/..%5c..%5cpackage.json', '/page/2.png%00', '/page/2.png%00.txt', '/state%00', '/%00/etc/passwd', '/preview.html',
      '/src/watch/preview.html', '/package.json', `/${ROOT}/package.json`, '/page/02.png/..', '/page/2.PNG', '/page/-2.png', '/page/2.png.map',
    ];
    for (const path of tries) {
      const r = await get(path, { host: host() });
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toMatch(/root:|"name": "banmian"|<html/);
    }
    // a target that names a host of its own (absolute-form) is not served
    for (const path of [`http://${host()}/state`, 'http://evil.example/state', `http://${host()}/../etc/passwd`]) {
      const r = await get(path, { host: host() });
      expect(r.status, path).toBe(400);
      expect(r.body).not.toContain(SECRET);
    }
  });
});
