import { describe, expect, it } from 'vitest';

import {
  blockOf,
  bottlenecks,
  DEFAULT_LAYER_COUNT,
  defaultLayers,
  type GraphLayer
} from '../src/layer_choice.js';

function residualStack(blocks: number): GraphLayer[] {
  const graph: GraphLayer[] = [];
  for (let b = 1; b <= blocks; b++) {
    const before = graph[graph.length - 1]?.name ?? 'input';
    graph.push(
      { name: `block_${b}_conv`, className: 'Conv2D', inbound: [before] },
      { name: `block_${b}_bn`, className: 'BatchNormalization', inbound: [`block_${b}_conv`] },
      { name: `block_${b}_add`, className: 'Add', inbound: [before, `block_${b}_bn`] },
      { name: `block_${b}_relu`, className: 'ReLU', inbound: [`block_${b}_add`] }
    );
  }
  graph.push({ name: 'predictions', className: 'Dense', inbound: [`block_${blocks}_relu`] });
  return graph;
}

describe('blockOf', () => {
  it('cuts a name after its last token with a digit', () => {
    expect(blockOf('block_13_expand_relu')).toBe('block_13');
    expect(blockOf('conv2_block1_out')).toBe('conv2_block1');
    expect(blockOf('block1a_project_bn')).toBe('block1a');
    expect(blockOf('predictions')).toBe('predictions');
  });
});

describe('bottlenecks', () => {
  it('leaves out the layers inside a residual branch', () => {
    const flags = bottlenecks(residualStack(2));
    expect(flags).toEqual([true, true, true, true, false, false, true, true, true]);
  });
});

describe('defaultLayers', () => {
  it('keeps every layer of a small model', () => {
    const graph = residualStack(2);
    expect(defaultLayers(graph)).toEqual(graph.map((l) => l.name));
  });

  it('shows a deep model as its first and last layers and block ends, evenly spread', () => {
    const chosen = defaultLayers(residualStack(20));
    expect(chosen).toHaveLength(DEFAULT_LAYER_COUNT);
    expect(chosen[0]).toBe('block_1_conv');
    expect(chosen[chosen.length - 1]).toBe('predictions');
    const inner = chosen.slice(1, -1);
    expect(inner.every((name) => name.endsWith('_relu'))).toBe(true);
    const blocks = inner.map((name) => Number(name.split('_')[1]));
    const gaps = blocks.slice(1).map((b, i) => b - (blocks[i] as number));
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });
});
