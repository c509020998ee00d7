/**
 * The preview server on 127.0.0.1 (node:http, no framework): the page (preview.html), the state
 * as JSON, the shown pages as PNG and PDF from memory, and server-sent events that tell the
 * page when a rebuild starts and ends.
 *
 *   GET /             the preview page
 *   GET /state        title, status of the last rebuild, the shown pages with their overlays, diagnostics
 *   GET /events       text/event-stream: `building`, then `built` with the attempt's version
 *   GET /page/N.png   page N as shown (100 dpi, the trim); /page/N.pdf its PDF
 *   GET /font         the edition's body font, the page's fallback for Chinese text
 *
 * Only the designer's own browser may read it: a request must name the server by a loopback
 * name in its Host header (a web page that re-points its own DNS name at 127.0.0.1 sends its
 * own name), and a browser request must come from the preview itself (Origin, Sec-Fetch-Site);
 * anything else is refused with 403, on every route. No CORS header is ever sent.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { Diagnostic } from '../diagnostic.ts';
import { PACKAGE_ROOT } from '../packageRoot.ts';
import type { EditionSession, Overlay } from './session.ts';
import { where } from './where.ts';

export interface ViewDiagnostic {
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  hint?: string;
  where: string; // file:line:col, the file relative to the working directory
  page?: number;
  block?: string;
  source?: string; // the line the diagnostic points at, as the file is now
  col?: number;
}

export interface ViewState {
  title: string;
  version: number; // of the last rebuild; 0 before the first one ends
  building: boolean;
  last?: { ok: boolean; at: string; ms: number; did: string };
  shownAt?: string; // when the pages on display were built
  pages: { number: number; section?: string; width: number; height: number; png: string; pdf: string; overlay: Overlay }[];
  diagnostics: ViewDiagnostic[];
}

export interface PreviewServer {
  url: string;
  /** Tells every open page that a rebuild started, or ended. */
  notify(event: 'building' | 'built'): void;
  close(): Promise<void>;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const FONT_TYPES: Record<string, string> = { '.ttf': 'font/ttf', '.otf': 'font/otf', '.woff': 'font/woff', '.woff2': 'font/woff2' };

export function viewState(s: EditionSession, building: boolean): ViewState {
  const last = s.last;
  const sources = new Map<string, string[] | undefined>();
  const lineOf = (file: string, line: number) => {
    if (!sources.has(file)) {
      try { sources.set(file, readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)); } catch { sources.set(file, undefined); }
    }
    return sources.get(file)?.[line - 1];
  };
  const diagnostics = [...(last?.diagnostics ?? [])].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]).map((d): ViewDiagnostic => {
    const source = d.file && d.line !== undefined && d.severity !== 'info' ? lineOf(d.file, d.line) : undefined;
    return {
      severity: d.severity, code: d.code, message: d.message, where: where(d),
      ...(d.hint ? { hint: d.hint } : {}), ...(d.page !== undefined ? { page: d.page } : {}), ...(d.block ? { block: d.block } : {}),
      ...(source?.trim() ? { source, ...(d.col !== undefined ? { col: d.col } : {}) } : {}),
    };
  });
  return {
    title: s.title,
    version: last?.version ?? 0,
    building,
    ...(last ? { last: { ok: last.ok, at: last.at.toISOString(), ms: Math.round(last.ms), did: last.did } } : {}),
    ...(s.shownAt ? { shownAt: s.shownAt.toISOString() } : {}),
    pages: s.shown.map((p) => ({
      number: p.number, ...(p.section ? { section: p.section } : {}), width: p.width, height: p.height,
      png: `/page/${p.number}.png?h=${p.hash}`, pdf: `/page/${p.number}.pdf?h=${p.hash}`, overlay: p.overlay,
    })),
    diagnostics,
  };
}

/** Listens on 127.0.0.1:`port` (0: any free port); rejects when the port is taken. */
export async function startServer(session: EditionSession, port: number): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  let building = false;
  let bound = 0; // the port listened on, once listening

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    // origin-form only ("/path"): an absolute URL would name a host of its own
    if (!req.url?.startsWith('/')) return send(res, 400, 'text/plain', 'bad request\n');
    const refused = refusal(req, bound);
    if (refused) return send(res, 403, 'text/plain', `banmian watch: ${refused}\n`);
    // the path is matched whole against the routes below, never joined to a folder
    const url = new URL(`http://127.0.0.1${req.url}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'GET only\n');
    if (url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', readFileSync(join(PACKAGE_ROOT, 'src/watch/preview.html'), 'utf8'));
    if (url.pathname === '/state') return send(res, 200, 'application/json', JSON.stringify(viewState(session, building)));
    if (url.pathname === '/events') {
      if (req.method === 'HEAD') return send(res, 200, 'text/event-stream', '', 'no-store'); // no stream to keep open
      res.writeHead(200, { ...GUARD, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write('retry: 1000\n\n'); // reconnect quickly when the watcher is restarted
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname === '/font' && session.font) {
      let font: Buffer;
      try { font = readFileSync(session.font); } catch { return send(res, 404, 'text/plain', 'not found\n'); } // deleted since the build
      return send(res, 200, FONT_TYPES[extname(session.font).toLowerCase()] ?? 'application/octet-stream', font, 'max-age=86400');
    }
    const m = /^\/page\/(\d+)\.(png|pdf)$/.exec(url.pathname);
    const page = m && session.shown.find((p) => p.number === Number(m[1]));
    if (page) return send(res, 200, m[2] === 'png' ? 'image/png' : 'application/pdf', m[2] === 'png' ? page.png : page.pdf);
    send(res, 404, 'text/plain', 'not found\n');
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/`,
    notify(event) {
      building = event === 'building';
      for (const res of streams) res.write(`event: ${event}\ndata: ${session.last?.version ?? 0}\n\n`);
    },
    close() {
      for (const res of streams) res.end();
      streams.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * Why a request may not see the preview, or undefined when it may. The Host header must be a
 * loopback name with the server's port (DNS rebinding gets past the address, never past the
 * name); a browser that says where the request comes from must say the preview itself.
 */
function refusal(req: IncomingMessage, port: number): string | undefined {
  const hosts = req.headersDistinct.host ?? [];
  const host = hosts.length === 1 ? hosts[0]!.toLowerCase() : undefined; // two Host headers: which one is meant?
  if (!host || !loopbackHosts(port).includes(host)) return `only http://127.0.0.1:${port}/ is served here (the request named another host)`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) return 'only the preview page itself may read it (the request came from another origin)';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'only the preview page itself may read it (the request came from another site)';
  return undefined;
}

/** Host headers naming this server: a loopback name and the port (left out by clients when it is 80). */
const loopbackHosts = (port: number): string[] =>
  ['127.0.0.1', 'localhost', '[::1]'].flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`]));

/** On every response: no other origin may embed it, nor a browser guess another type. */
const GUARD = { 'Cross-Origin-Resource-Policy': 'same-origin', 'X-Content-Type-Options': 'nosniff' };

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, cache = 'no-cache'): void {
  res.writeHead(status, { ...GUARD, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': cache });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
