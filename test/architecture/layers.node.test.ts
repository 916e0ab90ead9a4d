import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, specifiers } from './import-graph';

// The layers point one way: routes → views → services → db → domain. This reads the import
// graph of src/ and fails with the offending imports, each as "from → to".

const ROOT = resolve(__dirname, '../..');
const graph = importGraph(ROOT, ['src']);

/** Imports from modules under `from` into modules under any of `to`, as "from → to". */
function importsBetween(from: string, to: string[]): string[] {
  return [...graph]
    .filter(([file]) => file.startsWith(from))
    .flatMap(([file, targets]) =>
      targets.filter((t) => to.some((dir) => t.startsWith(dir))).map((t) => `${file} → ${t}`),
    );
}

describe('import boundaries', () => {
  it('reads the graph: every module of src/ is in it, with the imports it really has', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/index.tsx')).toEqual(expect.arrayContaining(['src/env.ts']));
    // The reader sees every form of import the code uses, and ignores comments.
    expect(
      specifiers(
        `import a from './a';\nimport type { B } from "./b";\nexport { c } from './c';\nimport './d';\n` +
          `const e = await import('./e');\n// import x from './x';\n/* import y from './y' */\nimport {\n  f,\n  g,\n} from './fg';`,
      ),
    ).toEqual(['./a', './b', './c', './fg', './d', './e']);
  });

  it('has no import cycles', () => {
    expect(cycles(graph).map((loop) => loop.join(' → '))).toEqual([]);
  });

  it('domain/ imports nothing but domain/', () => {
    const outside = [...graph]
      .filter(([file]) => file.startsWith('src/domain/'))
      .flatMap(([file, targets]) => targets.filter((t) => !t.startsWith('src/domain/')).map((t) => `${file} → ${t}`));
    expect(outside).toEqual([]);
  });

  it('db/ never imports services/, routes/, views/ or pdf/', () => {
    expect(importsBetween('src/db/', ['src/services/', 'src/routes/', 'src/views/', 'src/pdf/'])).toEqual([]);
  });

  it('views/ never imports db/', () => {
    expect(importsBetween('src/views/', ['src/db/'])).toEqual([]);
  });
});
