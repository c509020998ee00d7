/**
 * No stage reaches back: the renderer, the previews, the checks and the snapshots read only the
 * display list (the CLI and watch are the orchestrators that may import build.ts and the
 * manifests), and the manifest takes nothing from the composer. Data several stages share lives
 * in src/types.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../project.ts';

/** The modules a source file imports (relative specifiers, resolved to paths under src/). */
function importsOf(dir: string): { file: string; from: string }[] {
  const out: { file: string; from: string }[] = [];
  for (const f of readdirSync(join(ROOT, 'src', dir)).filter((x) => x.endsWith('.ts'))) {
    const text = readFileSync(join(ROOT, 'src', dir, f), 'utf8');
    for (const m of text.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) out.push({ file: `${dir}/${f}`, from: join(dir, m[1]!) });
  }
  return out;
}

describe('stages', () => {
  it('render, preview, check and snapshot import nothing from build.ts or the manifests', () => {
    const back = ['render', 'preview', 'check', 'snapshot'].flatMap(importsOf).filter((i) => i.from === 'build.ts' || i.from.startsWith('manifest/'));
    expect(back).toEqual([]);
  });

  it('the manifest loader takes nothing from the composer', () => {
    expect(importsOf('manifest').filter((i) => i.from.startsWith('text/'))).toEqual([]);
  });
});
