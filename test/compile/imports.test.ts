import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The module graph of src/ points one way: no import loops (type-only imports included, since a
 * loop of types is still two modules that cannot be understood apart), and the families a tracer
 * is built from (materials, lights) never reach up into tracers/.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

// Static `import … from '…'`, `export … from '…'`, bare `import '…'`, and dynamic `import('…')`.
const IMPORT = /(?:\bimport|\bexport)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The src/ modules `file` imports, relative paths from src/; packages, node: modules and data files (JSON) left out. */
function importsOf(file: string, source = readFileSync(file, 'utf8')): string[] {
  const text = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (!spec.startsWith('.') || !spec.endsWith('.js')) continue;
    const target = relative(src, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))).split('\\').join('/');
    if (!target.startsWith('../')) out.push(target);
  }
  return out;
}

const graph = new Map<string, string[]>(
  sourceFiles(src).map((f) => [relative(src, f).split('\\').join('/'), importsOf(f)]),
);

/** Every import loop, each as the path of modules round it (first module repeated at the end). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

describe('imports in src/', () => {
  it('finds the imports it is meant to check', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('backend.ts')).toContain('cpu/pool.ts');
    // The dynamic import of the GPU backend is seen.
    expect(graph.get('backend.ts')).toContain('gpu/backend.ts');
    // Every relative import resolves to a file of src/.
    for (const [file, imports] of graph) for (const target of imports) expect(graph.has(target), `${file} → ${target}`).toBe(true);
  });

  it('reads static, type-only, multi-line, re-exporting and dynamic imports, and skips comments and packages', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../math/b.js';",
      'import {\n  c,\n  type D,\n} from "./c.js";',
      "export { e } from './e.js';",
      "export * from './f.js';",
      "import './g.js';",
      "const h = await import('./h.js');",
      "import { readFileSync } from 'node:fs';",
      "import { z } from 'zod';",
      "// import { x } from './commented.js';",
      "/* import { y } from './blocked.js'; */",
    ].join('\n');
    expect(importsOf(join(src, 'cameras/x.ts'), source)).toEqual(
      ['cameras/a.ts', 'math/b.ts', 'cameras/c.ts', 'cameras/e.ts', 'cameras/f.ts', 'cameras/g.ts', 'cameras/h.ts']);
  });

  it('finds the loops of a graph', () => {
    const loop = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts', 'd.ts']], ['c.ts', ['a.ts']], ['d.ts', []]]);
    expect(cycles(loop)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });

  it('has no import loops', () => {
    expect(cycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('materials/ and lights/ do not import from tracers/', () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      /^(materials|lights)\//.test(file) ? imports.filter((t) => t.startsWith('tracers/')).map((t) => `${file} → ${t}`) : []);
    expect(upward).toEqual([]);
  });
});
