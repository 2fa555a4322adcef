import { describe, expect, it } from 'vitest';

import { nextSampleCount, SamplingControl } from '../src/sampling_control.js';
import { ViewStatus } from '../src/status.js';
import { type FakeElement, fakeDocument } from './fake_dom.js';

describe('ViewStatus', () => {
  it('moves from empty to computing to ready, and an error wins', () => {
    const status = new ViewStatus(fakeDocument());
    const progress = status.progress as unknown as FakeElement;
    const [bar, message] = progress.children as FakeElement[];
    expect(status.state(false)).toBe('empty');
    status.setProgress({ stage: 'layout', done: 1, total: 4, message: 't-SNE: 1 of 4' });
    expect(status.state(false)).toBe('computing');
    expect((bar as unknown as { value: number }).value).toBe(0.25);
    expect(message?.textContent).toBe('t-SNE: 1 of 4');
    status.setProgress(null);
    expect(progress.hidden).toBe(true);
    expect(status.state(true)).toBe('ready');
    status.setNotice('computed in the kernel');
    expect((status.notice as unknown as FakeElement).hidden).toBe(false);
    status.setNotice(null);
    expect((status.notice as unknown as FakeElement).hidden).toBe(true);
    status.setProgress({ stage: 'layout', done: 0, total: 0, message: '' });
    status.showError('<b>no</b> samples');
    expect(status.error.textContent).toBe('<b>no</b> samples');
    expect(progress.hidden).toBe(true);
    expect(status.state(true)).toBe('error');
  });
});

describe('SamplingControl', () => {
  it('offers twice as many samples, then all, and hides when all are shown', () => {
    expect(nextSampleCount(50, 200)).toBe(100);
    expect(nextSampleCount(150, 200)).toBe(200);
    const asked: number[] = [];
    const control = new SamplingControl(fakeDocument(), (count) => asked.push(count));
    const node = control.node as unknown as FakeElement;
    const [text, button] = node.children as FakeElement[];
    control.set(50, 1200);
    expect(node.hidden).toBe(false);
    expect(text?.textContent).toBe('50 of 1,200 samples');
    expect(button?.textContent).toBe('Show 100');
    button?.listener?.();
    expect(asked).toEqual([100]);
    expect(button?.disabled).toBe(true);
    control.set(800, 1200);
    expect(button?.textContent).toBe('Show all');
    expect(button?.disabled).toBe(false);
    control.set(1200, 1200);
    expect(node.hidden).toBe(true);
  });
});
