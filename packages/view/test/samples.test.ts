import { describe, expect, it } from 'vitest';

import { SampleState } from '../src/sample_state.js';
import { LAYER_KEYS, LayerSlider, layerKeyStep } from '../src/slider.js';
import { FakeElement, fakeDocument } from './fake_dom.js';

describe('SampleState', () => {
  const details = {
    predictions: Int32Array.from([0, 1, 1]),
    confidence: Float32Array.from([0.9, 0.6, 0.7]),
    texts: ['good film', 'bad film', '<b>fine</b>']
  };

  it('keeps one coloring per choice and recomputes it when the choice or data change', () => {
    const samples = new SampleState();
    samples.setSamples(Int32Array.from([0, 1, 0]), Int32Array.from([10, 11, 12]));
    samples.setDetails(details);
    const first = samples.coloring(3);
    expect(samples.coloring(3)).toBe(first);
    expect(samples.colors(3)).toBe(samples.colors(3));
    expect(samples.colors(3)).toHaveLength(3);
    expect(samples.setColorBy('label')).toBe(false);
    expect(samples.setColorBy('correct')).toBe(true);
    const correct = samples.coloring(3);
    expect(correct).not.toBe(first);
    expect(correct.kind).toBe('groups');
    samples.setDetails({ ...details, predictions: Int32Array.from([0, 1, 0]) });
    expect(samples.coloring(3)).not.toBe(correct);
  });

  it('offers choices, searches texts, and describes samples with their original rows', () => {
    const samples = new SampleState();
    expect(samples.searchable).toBe(false);
    samples.setSamples(Int32Array.from([0, 1, 0]), Int32Array.from([10, 11, 12]));
    samples.setDetails(details);
    expect(samples.searchable).toBe(true);
    expect(samples.colorChoices().map((c) => c.value)).toEqual([
      'label',
      'prediction',
      'correct',
      'confidence'
    ]);
    expect(samples.search('FILM', 3)).toEqual([0, 1]);
    expect(samples.search('  ', 3)).toBeNull();
    expect(samples.card(2).id).toBe(12);
    expect(samples.card(2).text).toBe('<b>fine</b>');
    const lines = samples.lines(3);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('bad film');
  });
});

describe('LayerSlider', () => {
  it('offers the layers, reports moves and captions the layer shown', () => {
    const document = fakeDocument();
    const moves: number[] = [];
    const slider = new LayerSlider(document, (index) => moves.push(index));
    const [previous, input, next, caption] = (slider.node as unknown as FakeElement)
      .children as FakeElement[];
    expect(input.disabled).toBe(true);
    expect(previous.disabled && next.disabled).toBe(true);
    // The buttons name their keys.
    expect(previous.title).toBe('Previous layer ([)');
    expect(next.title).toBe('Next layer (])');
    expect(input.attributes.get('aria-label')).toBe('focused layer');
    slider.setCount(3);
    expect(input.max).toBe('2');
    expect(input.disabled).toBe(false);
    slider.show(1, 3, 'dense (Dense)');
    expect(input.value).toBe('1');
    expect(caption.textContent).toBe('2/3: dense (Dense)');
    expect(moves).toEqual([]);
    input.value = '2';
    input.listener?.();
    expect(moves).toEqual([2]);
    // The buttons and step() move one layer from the one shown, and not past either end.
    next.fire('click');
    previous.fire('click');
    slider.show(1, 3, 'b');
    slider.step(5);
    expect(moves).toEqual([2, 1, 2]);
    slider.show(0, 3, 'a');
    previous.fire('click');
    expect(moves).toEqual([2, 1, 2]);
    slider.setCount(1);
    expect(input.disabled).toBe(true);
    slider.show(0, 0, null);
    expect(caption.textContent).toBe('');
  });
});

describe('layerKeyStep', () => {
  it('steps on [ and ] but not while typing or with a modifier', () => {
    const div = { tagName: 'DIV' };
    expect(layerKeyStep(LAYER_KEYS.previous, div, false)).toBe(-1);
    expect(layerKeyStep(LAYER_KEYS.next, div, false)).toBe(1);
    expect(layerKeyStep('a', div, false)).toBe(0);
    expect(layerKeyStep(']', { tagName: 'input' }, false)).toBe(0);
    expect(layerKeyStep(']', { tagName: 'SELECT' }, false)).toBe(0);
    expect(layerKeyStep(']', div, true)).toBe(0);
    expect(layerKeyStep(']', null, false)).toBe(1);
  });
});
