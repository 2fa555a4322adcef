import { describe, expect, it } from 'vitest';

import { layoutChangeFromKernel, layoutTraits, TRAIT_DEFAULTS } from '../src/traits.js';

/** The default traits plus `traits`, read as a widget model reads them. */
function model(traits: Record<string, unknown>): { get(name: string): unknown } {
  const all: Record<string, unknown> = { ...TRAIT_DEFAULTS, ...traits };
  return { get: (name) => all[name] };
}

const shown = { method: 'tsne', dims: 2, perplexity: 30, neighbors: 15, minDist: 0.1, seed: 0 };

describe('layout traits set from Python', () => {
  it('lay the layers out again when the method changes', () => {
    const change = layoutChangeFromKernel(['method'], model({ method: 'umap' }), shown);
    expect(change?.action).toBe('relayout');
    expect(change?.params).toMatchObject({ method: 'umap', dims: 2, neighbors: 15, minDist: 0.1 });
  });

  it('lay them out again when a parameter the method uses changes', () => {
    const change = layoutChangeFromKernel(['perplexity'], model({ perplexity: 50 }), shown);
    expect(change?.action).toBe('relayout');
    expect(change?.params.perplexity).toBe(50);
  });

  it('only show a parameter the method ignores', () => {
    const change = layoutChangeFromKernel(['min_dist'], model({ min_dist: 0.5 }), shown);
    expect(change?.action).toBe('show');
  });

  it('do nothing when no layout trait changed', () => {
    expect(layoutChangeFromKernel(['selection', 'focus'], model({}), shown)).toBeNull();
  });

  it('take the view’s parameters back as the same traits', () => {
    const params = { method: 'umap', dims: 3, neighbors: 7 } as const;
    expect(layoutTraits(params)).toEqual({
      method: 'umap',
      dims: 3,
      perplexity: TRAIT_DEFAULTS.perplexity,
      neighbors: 7,
      min_dist: TRAIT_DEFAULTS.min_dist,
      seed: TRAIT_DEFAULTS.seed
    });
  });
});
