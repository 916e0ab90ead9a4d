import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The import graph of the app's own modules, read from the source text: every `import … from`,
 * `export … from`, `import '…'` and `import('…')` with a relative specifier, resolved the way the
 * bundler does (`.ts`, `.tsx`, then `index.ts(x)`). Type-only imports count too: a layer that
 * names another layer's types depends on it. Keys and values are paths relative to the repository
 * root, e.g. `src/db/cards.ts`.
 */
export function importGraph(
  root: string,
  dirs: string[],
  options: { staticOnly?: boolean } = {},
): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const dir of dirs) {
    for (const file of sourceFiles(join(root, dir))) {
      const from = relative(root, file);
      const targets = specifiers(readFileSync(file, 'utf8'), options)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => resolveModule(dirname(file), spec))
        .filter((target): target is string => target !== undefined)
        .map((target) => relative(root, target));
      graph.set(from, [...new Set(targets)]);
    }
  }
  return graph;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Module specifiers of static imports and re-exports, side-effect imports and dynamic imports;
 * with `staticOnly`, without the dynamic imports (what a module evaluates as it loads).
 * Type-only imports count unless `staticOnly`: they are erased, so they load nothing.
 */
export function specifiers(source: string, options: { staticOnly?: boolean } = {}): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const found: string[] = [];
  const patterns = options.staticOnly
    ? [/\b(?:import|export)\s+(?!type\s)[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g]
    : [
        /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
        /\bimport\s*['"]([^'"]+)['"]/g,
        /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
      ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1] as string);
  return found;
}

function resolveModule(fromDir: string, spec: string): string | undefined {
  const base = resolve(fromDir, spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  // Imports written with a .js/.mjs extension name the .ts file beside them.
  if (/\.m?js$/.test(base)) candidates.push(base.replace(/\.m?js$/, '.ts'), base.replace(/\.m?js$/, '.tsx'));
  return candidates.find((path) => existsSync(path) && statSync(path).isFile() && /\.tsx?$/.test(path));
}

/** Every cycle, each once, as the list of modules from its smallest member round to it again. */
export function cycles(graph: Map<string, string[]>): string[][] {
  // Tarjan's strongly connected components; a component of more than one module (or one that
  // imports itself) holds at least one cycle, reported as one shortest loop through its first member.
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const components: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);
  return components.map((component) => shortestLoop(graph, component[0]!, new Set(component)));
}

function shortestLoop(graph: Map<string, string[]>, start: string, within: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!within.has(next)) continue;
      if (next === start) {
        const loop = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at))
          loop.splice(1, 0, at);
        return [...loop, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
