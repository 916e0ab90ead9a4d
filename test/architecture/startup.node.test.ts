import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, specifiers } from './import-graph';

// A scan meets a fresh isolate nearly every time, so the Worker's entry module must not evaluate
// PDF drawing at load: pdf-lib and fontkit decompress their data (Brotli, inflate) as their top
// level runs. The bundler runs a module reached only through `import()` on its first import, so
// everything heavy sits behind a dynamic import. This walks the static imports from src/index.tsx.

const ROOT = resolve(__dirname, '../..');
const HEAVY_PACKAGES = ['pdf-lib', '@pdf-lib/fontkit', 'fontkit', '@expo-google-fonts/roboto'];
const graph = importGraph(ROOT, ['src'], { staticOnly: true });

/** Every module the entry reaches through static imports, each with the chain that reaches it. */
function staticReach(entry: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    for (const target of graph.get(file) ?? []) {
      if (chains.has(target)) continue;
      chains.set(target, [...(chains.get(file) as string[]), target]);
      queue.push(target);
    }
  }
  return chains;
}

describe('startup of the scan isolate', () => {
  const reached = staticReach('src/index.tsx');

  it('reads the static graph: the entry reaches the scan route, and a dynamic import is no edge', () => {
    expect(reached.has('src/routes/public/scan.tsx') || reached.has('src/routes/public/scan.ts')).toBe(true);
    expect(specifiers(`import a from './a';\nconst b = await import('./b');`, { staticOnly: true })).toEqual(['./a']);
  });

  it('loads no PDF module statically from the entry (src/pdf/ only behind a dynamic import)', () => {
    const pdf = [...reached].filter(([file]) => file.startsWith('src/pdf/')).map(([, chain]) => chain.join(' → '));
    expect(pdf).toEqual([]);
  });

  it('imports pdf-lib, fontkit and the bundled fonts from no statically loaded module', () => {
    const heavy = [...reached.entries()].flatMap(([file, chain]) =>
      specifiers(readFileSync(resolve(ROOT, file), 'utf8'), { staticOnly: true })
        .filter((spec) => HEAVY_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`)))
        .map((spec) => `${chain.join(' → ')} → ${spec}`),
    );
    expect(heavy).toEqual([]);
  });
});
