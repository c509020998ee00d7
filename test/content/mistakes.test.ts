/**
 * Realistic mistakes, as a new designer or editor makes them, in a page manifest and in an
 * article: each gives a diagnostic with a stable code at the line to change and a hint that says
 * what to do; none crashes. (The table is the list in docs/diagnostics.md's examples.)
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutEdition } from '../../src/build.ts';
import { loadStory } from '../../src/content/story.ts';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../../src/diagnostic.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { lineOf, sampleProject, thrownDiagnostics, type Project } from '../project.ts';

/** The diagnostics of loading the (broken) sample edition, font check included. */
function manifestDiagnostics(p: Project): Diagnostic[] {
  return thrownDiagnostics(() => layoutEditionFontsOnly(p));
}

/** loadTarget, then the part of layoutEdition before any page is set (fonts): fast, and all a manifest needs. */
function layoutEditionFontsOnly(p: Project): void {
  const ed = loadTarget(p.edition);
  layoutEdition({ ...ed, pages: [] });
}

function storyDiagnostics(p: Project, id = 'finance'): Diagnostic[] {
  try {
    return loadStory(id, p.path(`content/sample/${id}.md`)).warnings ?? [];
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics;
    throw e;
  }
}

interface Mistake {
  what: string;
  file: string; // the file edited, relative to the project
  edit: (text: string) => string;
  code: string;
  at?: string; // text on the line the diagnostic must point at
  says: RegExp; // message and hint
}

const P02 = 'layouts/sample/p02.yaml';
const EDITION = 'layouts/sample/edition.yaml';
const HOUSE = 'layouts/house.yaml';

const MANIFEST_MISTAKES: Mistake[] = [
  { what: 'a page listed twice', file: EDITION, edit: (s) => s.replace('pages: [p02.yaml]', 'pages: [p02.yaml, p02.yaml]'), code: 'DUPLICATE_PAGE', at: 'pages:', says: /p02\.yaml is listed twice.*list each page file once/s },
  { what: 'a number in quotes', file: P02, edit: (s) => s.replace(/cols: 3, line: 1,/, 'cols: "3", line: 1,'), code: 'BAD_VALUE', at: 'cols: "3"', says: /cols must be a whole number \(block "finance"\).*without quotes/s },
  { what: 'yes for true', file: P02, edit: (s) => s.replace('balance: true', 'balance: yes'), code: 'BAD_VALUE', at: 'balance: yes', says: /balance must be true or false, not "yes" \(block "[a-z]+"\).*without quotes/s },
  { what: 'a day that does not exist', file: EDITION, edit: (s) => s.replace(/^date: .*$/m, 'date: 2024-12-32'), code: 'BAD_VALUE', at: 'date:', says: /date is not a day of the calendar/ },
  { what: 'a mistyped story name', file: P02, edit: (s) => s.replace('story: glass,', 'story: glas,'), code: 'MISSING_FILE', at: 'story: glas,', says: /story "glas" not found.*did you mean story: glass\?/s },
  { what: 'the article file name for the story', file: P02, edit: (s) => s.replace('story: glass,', 'story: glass.md,'), code: 'MISSING_FILE', at: 'story: glass.md', says: /write story: glass/ },
  { what: 'a tab for indentation', file: P02, edit: (s) => s.replace('\n  - { id: villages', '\n\t- { id: villages'), code: 'YAML_SYNTAX', at: '\t- { id: villages', says: /indent with spaces/ },
  { what: 'more text columns than the block has room for', file: P02, edit: (s) => s.replace(/(id: finance,.*?lines: 22,)/, '$1 columns: 50,'), code: 'BAD_VALUE', at: 'columns: 50', says: /41 characters wide, too narrow for 50 text columns/ },
  { what: 'a font family that is not in fonts.yaml', file: HOUSE, edit: (s) => s.replace('kicker:   { font: hei', 'kicker:   { font: heiti'), code: 'UNKNOWN_FONT', at: 'font: heiti', says: /uses font "heiti".*did you mean "hei"\?/s },
  { what: 'margins wider than the page', file: HOUSE, edit: (s) => s.replace('left: 18mm, right: 18mm', 'left: 200mm, right: 200mm'), code: 'BAD_GEOMETRY', at: 'margins:', says: /type area of -10\.0 mm × 500\.0 mm.*margins smaller/s },
  { what: 'a full-width colon after a key', file: EDITION, edit: (s) => s.replace('paper: ', 'paper：'), code: 'YAML_SYNTAX', at: 'paper：', says: /not the full-width "："/ },
  { what: 'a Chinese block id', file: P02, edit: (s) => s.replace('id: finance,', 'id: 金融,'), code: 'BAD_VALUE', at: 'id: 金融', says: /id takes only ASCII letters, digits, - and _ \(finance, lead-2\) \(block "金融"\)/ },
  { what: 'two pages with one number', file: EDITION, edit: (s) => s.replace('pages: [p02.yaml]', 'pages: [p02.yaml, p03.yaml]'), code: 'DUPLICATE_PAGE', at: 'pages:', says: /p03\.yaml has number 2, like p02\.yaml.*change "number:" in p03\.yaml/s },
];

const ARTICLE = 'content/sample/finance.md';
const ARTICLE_MISTAKES: Mistake[] = [
  { what: 'a typo in a front-matter key', file: ARTICLE, edit: (s) => s.replace('kicker:', 'kickr:'), code: 'UNKNOWN_KEY', at: 'kickr:', says: /unknown key "kickr".*did you mean "kicker"\?/s },
  { what: 'front matter never closed', file: ARTICLE, edit: (s) => s.replace('\n---\n12月', '\n12月'), code: 'UNCLOSED_FRONT_MATTER', at: '---', says: /never closed.*three dashes/s },
  { what: 'front matter without its dashes', file: ARTICLE, edit: (s) => s.replace(/^---\n/gm, ''), code: 'FRONT_MATTER_NO_DASHES', at: 'kicker:', says: /printed as body text.*---/s },
  { what: 'a colon inside a title', file: ARTICLE, edit: (s) => s.replace(/^kicker: .*$/m, 'kicker: 记者观察: 我市金融工作'), code: 'YAML_SYNTAX', at: 'kicker:', says: /needs quotes/ },
  { what: 'a full-width colon after a key', file: ARTICLE, edit: (s) => s.replace('kicker: ', 'kicker：'), code: 'YAML_SYNTAX', at: 'kicker：', says: /not the full-width "："/ },
  { what: 'a title starting with *', file: ARTICLE, edit: (s) => s.replace(/^kicker: .*$/m, 'kicker: *重磅*'), code: 'YAML_ALIAS', at: 'kicker:', says: /needs quotes/ },
  { what: 'the title as a # heading', file: ARTICLE, edit: (s) => s.replace('\n12月', '\n# 标题\n\n12月'), code: 'BAD_HEADING', at: '# 标题', says: /`## ` for a subhead/ },
  { what: 'a bulleted list', file: ARTICLE, edit: (s) => s.replace('\n12月', '\n- 一是\n- 二是\n\n12月'), code: 'UNSUPPORTED_MARKDOWN', at: '- 一是', says: /list is not supported/ },
  { what: 'a subhead without its space', file: ARTICLE, edit: (s) => s.replace('\n会议要求', '\n##会议要求\n\n会议要求'), code: 'HEADING_NO_SPACE', at: '##会议要求', says: /needs a space after the marks/ },
  { what: 'paragraphs pasted with single line breaks', file: ARTICLE, edit: (s) => s.replace(/\n\n(?=\S)/g, '\n　　'), code: 'SOFT_BREAK', at: '　　全省视频会议', says: /blank line between paragraphs/ },
  { what: 'an empty article', file: ARTICLE, edit: () => '', code: 'EMPTY_STORY', says: /the article is empty/ },
  { what: 'copy saved as GBK', file: ARTICLE, edit: (s) => s, code: 'NOT_UTF8', at: 'kicker:', says: /looks like GBK.*iconv -f GB18030/s },
  { what: 'copy garbled by a wrong encoding (乱码)', file: ARTICLE, edit: (s) => s.replace('我市', Buffer.from('我市', 'utf8').toString('latin1')), code: 'MOJIBAKE', at: 'kicker:', says: /"æ.*" is "我市…".*iconv -f UTF-8 -t LATIN1/s },
  { what: 'a dateline written as a list', file: ARTICLE, edit: (s) => s.replace(/^dateline: (.*)$/m, 'dateline: [$1]'), code: 'BAD_VALUE', at: 'dateline:', says: /dateline must be text, not a list.*in quotes if/s },
];

function expectMistake(m: Mistake, ds: Diagnostic[], p: Project): void {
  const d = ds.find((x) => x.code === m.code);
  expect(d, `${m.what}: got ${ds.map((x) => x.code).join(', ') || 'nothing'}`).toBeDefined();
  expect(`${d!.message}\n${d!.hint ?? ''}`).toMatch(m.says);
  expect(d!.file).toBe(p.path(m.file));
  if (m.at) expect(d!.line, m.what).toBe(lineOf(p.path(m.file), m.at));
  expect(formatDiagnostic(d!)).not.toMatch(/\n\s+at /); // no stack trace, whatever happens
}

describe('a new designer\'s mistakes in the manifests', () => {
  for (const m of MANIFEST_MISTAKES) {
    it(m.what, () => {
      const p = sampleProject();
      p.edit(m.file, m.edit);
      if (m.code === 'DUPLICATE_PAGE' && m.says.source.includes('p03')) writeFileSync(p.path('layouts/sample/p03.yaml'), readFileSync(p.path(P02)));
      expectMistake(m, manifestDiagnostics(p), p);
    });
  }

  it('a BOM and CRLF line ends in the manifests change nothing', () => {
    const p = sampleProject();
    const plain = loadTarget(p.edition);
    for (const f of [P02, EDITION, HOUSE]) p.edit(f, (s) => `\ufeff${s.replace(/\n/g, '\r\n')}`);
    expect(loadTarget(p.edition)).toEqual(plain);
  });

  it('a page manifest that is a folder, or YAML that expands aliases without end', () => {
    const p = sampleProject();
    rmSync(p.path(P02));
    mkdirSync(p.path(P02));
    expect(manifestDiagnostics(p)).toMatchObject([{ code: 'NOT_A_FILE', file: p.path(EDITION), line: lineOf(p.path(EDITION), 'pages:') }]);
    rmSync(p.path(P02), { recursive: true });
    const levels = Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`);
    writeFileSync(p.path(P02), ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...levels, 'number: 2', 'blocks: []'].join('\n'));
    expect(manifestDiagnostics(p)).toMatchObject([{ code: 'YAML_ALIAS', message: expect.stringMatching(/too many copies/) }]);
  });
});

describe('a new editor\'s mistakes in an article', () => {
  for (const m of ARTICLE_MISTAKES) {
    it(m.what, () => {
      const p = sampleProject();
      if (m.code === 'NOT_UTF8') writeFileSync(p.path(m.file), gbkBytes(readFileSync(p.path(m.file), 'utf8')));
      else p.edit(m.file, m.edit);
      expectMistake(m, storyDiagnostics(p), p);
    });
  }

  it('a BOM and CRLF line ends change nothing', () => {
    const p = sampleProject();
    const plain = loadStory('finance', p.path(ARTICLE));
    p.edit(ARTICLE, (s) => `\ufeff${s.replace(/\n/g, '\r\n')}`);
    expect(loadStory('finance', p.path(ARTICLE))).toEqual(plain);
  });

  it.runIf(process.platform === 'linux')('a file that cannot be read', () => {
    // root reads any file whatever its mode, so take one no one can read: the process's own memory
    expect(() => loadStory('x', '/proc/self/mem')).toThrow(expect.objectContaining({ diagnostics: [expect.objectContaining({ code: 'UNREADABLE_FILE', message: expect.stringMatching(/cannot read article \/proc\/self\/mem: EIO/) })] }));
  });

  it('a folder where the article should be', () => {
    const p = sampleProject();
    rmSync(p.path(ARTICLE));
    mkdirSync(p.path(ARTICLE));
    expect(storyDiagnostics(p)).toMatchObject([{ code: 'NOT_A_FILE', message: expect.stringMatching(/is a folder, not a file/) }]);
  });
});

describe('compiler-style printing', () => {
  const at = (text: string, line: number, col: number, severity: Diagnostic['severity'] = 'error') => {
    const p = sampleProject();
    writeFileSync(p.path('x.md'), text);
    return formatDiagnostic({ file: p.path('x.md'), line, col, severity, code: 'X', message: 'm', hint: 'h' }, p.dir);
  };

  it('shows the source line with a caret under the column, counting wide characters as two cells', () => {
    expect(at('---\nkicker: 记者观察: 我市\n', 2, 13)).toBe('x.md:2:13: error X: m\n 2 | kicker: 记者观察: 我市\n   |                 ^\n  hint: h');
  });

  it('cuts a long line (a whole paragraph) around the caret', () => {
    const out = at(`${'中'.repeat(200)},${'文'.repeat(200)}\n`, 1, 201).split('\n');
    expect(out[1]).toMatch(/^ 1 \| …中+,文+…$/);
    expect(out[2]!.indexOf('^')).toBe(out[1]!.indexOf(',') + out[1]!.slice(0, out[1]!.indexOf(',')).replace(/[^中]/g, '').length);
    expect(out[1]!.length).toBeLessThan(60);
  });

  it('never writes control characters to the terminal, and notes stay one line', () => {
    expect(at('a\u001b[31mb\u0000c\n', 1, 3)).toContain(' 1 | a\ufffd[31mb\ufffdc\n');
    expect(at('text\n', 1, 1, 'info')).toBe('x.md:1:1: info X: m\n  hint: h');
  });
});

/** The copy as a Windows editor saves it in GBK. ICU in Node decodes GBK but does not encode it, so the table is read off the decoder. */
function gbkBytes(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      const ch = dec.decode(Uint8Array.of(a, b));
      if (b !== 0x7f && ch.length === 1 && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  return Uint8Array.from([...text].flatMap((ch) => (ch.codePointAt(0)! < 0x80 ? [ch.codePointAt(0)!] : table.get(ch) ?? [0x3f])));
}
