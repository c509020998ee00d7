/**
 * `npm run wasm`: assembles the WebAssembly text of src/ (src/render/cmykTable.wat) into the
 * binary banmian loads (cmykTable.wasm beside it), with wabt. The binary is committed, so that
 * neither an install nor a run needs wabt; test/furniture/cmykTable.test.ts fails when it is not
 * what the text assembles to.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

export const WAT_FILES = ['src/render/cmykTable.wat'];
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The binary of a WebAssembly text file, as wabt assembles it (no names section: the same bytes on every machine). */
export async function assemble(watFile: string): Promise<Uint8Array> {
  const module = (await wabt()).parseWat(watFile, readFileSync(watFile, 'utf8'));
  try {
    module.validate();
    return module.toBinary({ write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const f of WAT_FILES) {
    const bytes = await assemble(join(ROOT, f));
    writeFileSync(join(ROOT, f.replace(/\.wat$/, '.wasm')), bytes);
    console.log(`${f.replace(/\.wat$/, '.wasm')}: ${bytes.length} bytes`);
  }
}
