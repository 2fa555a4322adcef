import type { LayerInfo } from '@layerviz/core';
import { describe, expect, it, vi } from 'vitest';

import { colorChoices, coloring, sampleColors, VIRIDIS } from '../src/coloring.js';
import { LayerPlayer, PLAY_STEP_MS, searchSamples } from '../src/explore.js';
import { buildFigure } from '../src/figure.js';
import { ringPositions } from '../src/hover_link.js';
import { cardInfo, sampleLine } from '../src/sample_card.js';

const labels = Int32Array.from([0, 1, 1, 0]);
const details = {
  predictions: Int32Array.from([0, 0, 1, 1]),
  confidence: Float32Array.from([0.9, 0.6, 0.8, 0.55]),
  texts: ['a good film', 'BAD acting', 'good fun', '<img src=x onerror=alert(1)>'],
  meta: { source: ['imdb', 'yelp', 'imdb', null], length: [3, 2, 2, 4] }
};

describe('coloring', () => {
  it('offers only what the data has', () => {
    expect(colorChoices(labels, {}).map((c) => c.value)).toEqual(['label']);
    expect(colorChoices(labels, details).map((c) => c.value)).toEqual([
      'label',
      'prediction',
      'correct',
      'confidence',
      'meta:source',
      'meta:length'
    ]);
    expect(colorChoices(null, details).map((c) => c.value)).not.toContain('correct');
  });

  it('groups by label, prediction, correctness and metadata categories', () => {
    const byLabel = coloring('label', 4, labels, details);
    expect(byLabel.kind === 'groups' && byLabel.groups.map((g) => [g.name, g.members])).toEqual([
      ['label 0', [0, 3]],
      ['label 1', [1, 2]]
    ]);
    const correct = coloring('correct', 4, labels, details);
    expect(correct.kind === 'groups' && correct.groups.map((g) => [g.name, g.members])).toEqual([
      ['correct', [0, 2]],
      ['wrong', [1, 3]]
    ]);
    const predicted = coloring('prediction', 4, labels, details);
    expect(predicted.kind === 'groups' && predicted.groups[1]?.name).toBe('predicted 1');
    // Missing metadata is its own grey group, listed last.
    const source = coloring('meta:source', 4, labels, details);
    expect(source.kind === 'groups' && source.groups.map((g) => [g.name, g.members])).toEqual([
      ['imdb', [0, 2]],
      ['yelp', [1]],
      ['missing', [3]]
    ]);
    // Asking for what the data lacks falls back to the labels.
    expect(coloring('prediction', 4, labels, {}).title).toBe('label');
    expect(coloring('meta:nothing', 4, labels, details).title).toBe('label');
  });

  it('puts confidence and fractional metadata on a viridis scale', () => {
    const scale = coloring('confidence', 4, labels, details);
    expect(scale.kind).toBe('scale');
    if (scale.kind === 'scale') {
      expect(scale.min).toBeCloseTo(0.55, 6);
      expect(scale.max).toBeCloseTo(0.9, 6);
      expect(scale.colorscale).toBe(VIRIDIS);
    }
    const colors = sampleColors(scale, 4);
    expect(colors[0]).not.toBe(colors[3]);
    const figure = buildFigure({
      layers: [{ info, coords: Float32Array.from([0, 0, 1, 1, 2, 2, 3, 3]) }],
      labels,
      focus: 0,
      coloring: scale
    });
    expect(figure.data).toHaveLength(1);
    expect(figure.data[0]?.marker.showscale).toBe(true);
    expect(figure.data[0]?.marker.color).toEqual(Array.from(details.confidence));
  });
});

const info: LayerInfo = { name: 'dense', className: 'Dense', outputShape: [null, 2], index: 0 };

describe('searchSamples', () => {
  it('finds samples by text or metadata, ignoring case; an empty query filters nothing', () => {
    expect(searchSamples('good', 4, details)).toEqual([0, 2]);
    expect(searchSamples('bad', 4, details)).toEqual([1]);
    expect(searchSamples('YELP', 4, details)).toEqual([1]);
    expect(searchSamples('  ', 4, details)).toBeNull();
    expect(searchSamples('nothing like it', 4, details)).toEqual([]);
  });
});

describe('cardInfo', () => {
  it('gathers what is known about one sample, its thumbnail cut out of the batch', () => {
    const images = {
      data: Uint8Array.from({ length: 4 * 2 * 2 }, (_, i) => i),
      shape: [4, 2, 2, 1]
    };
    const card = cardInfo(3, labels, Int32Array.from([10, 11, 12, 13]), { ...details, images });
    expect(card.id).toBe(13);
    expect(card.text).toBe('<img src=x onerror=alert(1)>');
    expect(card.label).toBe('0');
    expect(card.prediction).toBe('1');
    expect(card.confidence).toBeCloseTo(0.55, 6);
    expect(card.meta).toEqual([
      ['source', null],
      ['length', 4]
    ]);
    expect(Array.from(card.image?.data ?? [])).toEqual([12, 13, 14, 15]);
    expect([card.image?.h, card.image?.w, card.image?.c]).toEqual([2, 2, 1]);
    expect(sampleLine(card)).toBe(
      'sample 13 · label 0 · predicted 1: <img src=x onerror=alert(1)>'
    );
  });
});

describe('class names', () => {
  it('show string labels by name in the legend, the card and the line', () => {
    const named = { ...details, classNames: ['negative', 'positive'] };
    const byLabel = coloring('label', 4, labels, named);
    expect(byLabel.kind === 'groups' && byLabel.groups.map((g) => g.name)).toEqual([
      'negative',
      'positive'
    ]);
    const byPrediction = coloring('prediction', 4, labels, named);
    expect(byPrediction.kind === 'groups' && byPrediction.groups.map((g) => g.name)).toEqual([
      'predicted negative',
      'predicted positive'
    ]);
    const card = cardInfo(1, labels, null, named);
    expect([card.label, card.prediction]).toEqual(['positive', 'negative']);
    expect(sampleLine(card)).toBe('sample 1 · label positive · predicted negative: BAD acting');
    // Without names, ids with their prefix, as before.
    const plain = coloring('label', 4, labels, details);
    expect(plain.kind === 'groups' && plain.groups.map((g) => g.name)).toEqual([
      'label 0',
      'label 1'
    ]);
  });
});

describe('ringPositions', () => {
  it('places the sample in every 2-D subplot with the axes Plotly laid out', () => {
    const axis = (scale: number, offset: number) => ({
      l2p: (v: number) => v * scale,
      _offset: offset
    });
    const fullLayout = {
      xaxis: axis(10, 30),
      yaxis: axis(-10, 300),
      xaxis2: axis(2, 700),
      yaxis2: axis(-2, 100)
    };
    const layers = [
      { coords: Float32Array.from([1, 2, 3, 4]) },
      { coords: Float32Array.from([5, 6, 7, 8]) },
      { coords: null }
    ];
    expect(ringPositions(fullLayout, layers, 0, 1)).toEqual([
      { layer: 0, x: 60, y: 260 },
      { layer: 1, x: 714, y: 84 }
    ]);
    // A 3-D focus is drawn in a scene, not on these axes.
    const threeD = [
      { coords: Float32Array.from([1, 2, 3, 4, 5, 6]), dims: 3 },
      { coords: Float32Array.from([5, 6, 7, 8]) }
    ];
    expect(ringPositions(fullLayout, threeD, 0, 0).map((r) => r.layer)).toEqual([1]);
  });
});

describe('LayerPlayer', () => {
  it('steps from the first layer to the last, one every PLAY_STEP_MS, then stops', () => {
    vi.useFakeTimers();
    try {
      let focus = 2;
      const playing: boolean[] = [];
      const player = new LayerPlayer({
        count: () => 3,
        current: () => focus,
        show: (index) => (focus = index),
        onPlaying: (on) => playing.push(on)
      });
      player.play(true);
      expect(focus).toBe(0); // started at the last layer: back to the first
      vi.advanceTimersByTime(PLAY_STEP_MS);
      expect(focus).toBe(1);
      vi.advanceTimersByTime(PLAY_STEP_MS);
      expect(focus).toBe(2);
      vi.advanceTimersByTime(PLAY_STEP_MS);
      expect(playing).toEqual([true, false]);
      vi.advanceTimersByTime(5 * PLAY_STEP_MS);
      expect(focus).toBe(2);
      player.play(true);
      player.play(false);
      vi.advanceTimersByTime(5 * PLAY_STEP_MS);
      expect(focus).toBe(0);
      player.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
