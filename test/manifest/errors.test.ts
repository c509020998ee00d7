/**
 * Broken manifests give compiler-style diagnostics at file:line:col, and the CLI prints them
 * without a stack trace and exits non-zero.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostic.ts';
import { loadTarget } from '../../src/manifest/load.ts';
import { lineOf, ROOT, sampleProject, thrownDiagnostics } from '../project.ts';

/** A scratch copy of the sample project with p02.yaml replaced by `edit(p02)`. */
function project(edit: (p02: string) => string): string {
  const p = sampleProject();
  p.edit('layouts/sample/p02.yaml', edit);
  return p.edition;
}

const diagnostics = (edition: string): Diagnostic[] => thrownDiagnostics(() => loadTarget(edition));

describe('manifest diagnostics', () => {
  it('bad indentation is a YAML_SYNTAX error at its line', () => {
    const ed = project((s) => s.replace('blocks:\n', 'blocks:\n   - oops: [\n'));
    const [d] = diagnostics(ed);
    expect(d).toMatchObject({ severity: 'error', code: 'YAML_SYNTAX', file: expect.stringMatching(/p02\.yaml$/) });
    expect(d!.line).toBeGreaterThan(0);
    expect(d!.col).toBeGreaterThan(0);
  });

  it('an unknown key points at the key and suggests the right one', () => {
    const ed = project((s) => s.replace('col: 1, cols: 3, line: 1,', 'col: 1, colz: 3, line: 1,'));
    const ds = diagnostics(ed);
    const d = ds.find((x) => x.code === 'UNKNOWN_KEY')!;
    const file = ed.replace('edition.yaml', 'p02.yaml');
    expect(d).toMatchObject({ severity: 'error', line: lineOf(file, 'colz'), hint: expect.stringMatching(/^did you mean "cols"\? allowed here: id, story, col, cols, line, lines, /) });
    expect(d.col).toBe(readFileSync(file, 'utf8').split('\n')[d.line! - 1]!.indexOf('colz') + 1);
  });

  it('an unknown unit is a BAD_VALUE error at the value', () => {
    const ed = project((s) => s);
    const house = join(ed, '../../house.yaml');
    writeFileSync(house, readFileSync(house, 'utf8').replace('size: 小五, pitch: 1.5em', 'size: 9px, pitch: 1.5em'));
    const d = diagnostics(ed).find((x) => x.code === 'BAD_VALUE')!;
    expect(d.file).toBe(house);
    expect(d.line).toBe(lineOf(house, '9px'));
    expect(d.message).toMatch(/"9px" is not a length/);
  });

  it('a missing story file is a MISSING_FILE error at the story key', () => {
    const ed = project((s) => s.replace('story: glass,', 'story: glas,'));
    const d = diagnostics(ed).find((x) => x.code === 'MISSING_FILE')!;
    expect(d.message).toMatch(/glas\.md/);
    expect(d.line).toBe(lineOf(ed.replace('edition.yaml', 'p02.yaml'), 'story: glas,'));
  });

  it('the CLI prints file:line:col diagnostics, no stack trace, and exits 1', () => {
    const ed = project((s) => s.replace('col: 1, cols: 3', 'col: 1, colz: 3'));
    let stderr = '', status = 0;
    try {
      execFileSync(process.execPath, [join(ROOT, 'bin/banmian.js'), 'build', ed, '--out', join(ed, '../../../out')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      ({ stderr, status } = e as { stderr: string; status: number });
    }
    expect(status).toBe(1);
    expect(stderr).toMatch(/p02\.yaml:\d+:\d+: error UNKNOWN_KEY: unknown key "colz"/);
    expect(stderr).toMatch(/hint: did you mean "cols"\?/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
