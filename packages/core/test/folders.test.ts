import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

// The folder structure of core's sources, read from their import statements: what ESLint's
// `no-restricted-imports` cannot see, because it looks at one file's imports, not at imports of
// imports.

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** Every .ts file under src, as paths relative to it with `/` separators. */
function sources(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return sources(path);
    }
    return entry.name.endsWith('.ts') ? [relative(src, path).split(sep).join('/')] : [];
  });
}

/** The module specifiers a file imports or re-exports, types included. */
function specifiers(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8');
  const patterns = [
    /\bfrom\s*['"]([^'"]+)['"]/g, // import … from 'x', export … from 'x'
    /^\s*import\s*['"]([^'"]+)['"]/gm, // import 'x' (for its side effects)
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g // import('x')
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? ''));
}

/** A relative specifier as a source path (`./knn.js` from `reduce/tsne.ts` → `reduce/knn.ts`). */
function resolveLocal(from: string, specifier: string): string {
  const path = join(dirname(join(src, from)), specifier.replace(/\.js$/, '.ts'));
  return relative(src, path).split(sep).join('/');
}

const files = sources();
const imports = new Map(
  files.map((file) => {
    const specs = specifiers(file);
    return [
      file,
      {
        local: specs.filter((s) => s.startsWith('.')).map((s) => resolveLocal(file, s)),
        packages: specs.filter((s) => !s.startsWith('.'))
      }
    ];
  })
);

/**
 * The unit of the folder rule: a folder under src (`reduce`, `metrics`, `service`), or one file at
 * the root. The root is the package entry and the TF.js model code; a root file that imports no
 * folder (`progress.ts`) is a leaf the folders may use.
 */
function unitOf(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? file : file.slice(0, slash);
}

/** Every unit that `start` imports, directly or through others. */
function reachable(edges: Map<string, Set<string>>, start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...(edges.get(start) ?? [])];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    if (!seen.has(next)) {
      seen.add(next);
      todo.push(...(edges.get(next) ?? []));
    }
  }
  return seen;
}

/** Pairs of units that each import the other, directly or through others: `a ⇄ b`. */
function cycles(edges: Map<string, Set<string>>): string[] {
  const reach = new Map([...edges.keys()].map((unit) => [unit, reachable(edges, unit)]));
  const found: string[] = [];
  for (const [a, fromA] of reach) {
    for (const b of fromA) {
      if (a < b && reach.get(b)?.has(a) === true) {
        found.push(`${a} ⇄ ${b}`);
      }
    }
  }
  return found.sort();
}

/** The packages a file reaches through its local imports, and theirs. */
function reachedPackages(file: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const todo = [file];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    if (seen.has(next)) {
      continue;
    }
    seen.add(next);
    const own = imports.get(next);
    // A generated file that is not built yet (reduce/pffft_binary.generated.ts) imports nothing.
    own?.packages.forEach((p) => packages.add(`${p} (via ${next})`));
    own?.local.forEach((l) => todo.push(l));
  }
  return packages;
}

describe('core folders', () => {
  it('finds the sources it checks', () => {
    expect(files).toContain('index.ts');
    expect(files).toContain('reduce/index.ts');
    expect(files).toContain('service/index.ts');
    const missing = [...imports.values()]
      .flatMap((i) => i.local)
      .filter((path) => !existsSync(join(src, path)) && !path.endsWith('.generated.ts'));
    expect(missing).toEqual([]);
  });

  it('has no folder that imports back up into a folder importing it', () => {
    const edges = new Map<string, Set<string>>();
    for (const [file, { local }] of imports) {
      const from = unitOf(file);
      const to = edges.get(from) ?? new Set<string>();
      local.map(unitOf).forEach((unit) => unit !== from && to.add(unit));
      edges.set(from, to);
    }
    expect(cycles(edges)).toEqual([]);
  });

  it('keeps TF.js out of reduce/ and metrics/, imports of imports included', () => {
    const free = files.filter((f) => f.startsWith('reduce/') || f.startsWith('metrics/'));
    expect(free.length).toBeGreaterThan(10);
    const tfjs = free.flatMap((f) =>
      [...reachedPackages(f)].filter((p) => p.startsWith('@tensorflow/')).map((p) => `${f}: ${p}`)
    );
    expect(tfjs).toEqual([]);
  });

  it('lets the service reach TF.js only through its linear probe', () => {
    const service = files.filter((f) => f.startsWith('service/') && f !== 'service/probe.ts');
    const tfjs = service.flatMap((f) =>
      [...reachedPackages(f)]
        .filter((p) => p.startsWith('@tensorflow/') && !p.endsWith('(via service/probe.ts)'))
        .map((p) => `${f}: ${p}`)
    );
    expect(tfjs).toEqual([]);
  });
});
