import { describe, expect, it } from 'vitest';

import { Emitter } from '../src/emitter.js';

interface Events {
  focus: number;
  name: string;
}

describe('Emitter', () => {
  it('tells the listeners of an event, in the order they were added, and no others', () => {
    const events = new Emitter<Events>();
    const log: string[] = [];
    events.on('focus', (index) => log.push(`a${index}`));
    events.on('focus', (index) => log.push(`b${index}`));
    events.on('name', (name) => log.push(name));
    events.emit('focus', 2);
    events.emit('name', 'dense');
    expect(log).toEqual(['a2', 'b2', 'dense']);
  });

  it('emits to nobody without throwing', () => {
    expect(() => new Emitter<Events>().emit('focus', 1)).not.toThrow();
  });

  it('stops calling a listener once its unsubscribe is called, twice being harmless', () => {
    const events = new Emitter<Events>();
    const seen: number[] = [];
    const off = events.on('focus', (index) => seen.push(index));
    events.emit('focus', 1);
    off();
    off();
    events.emit('focus', 2);
    expect(seen).toEqual([1]);
  });

  it('calls a function added twice once, as a Set holds it once', () => {
    const events = new Emitter<Events>();
    let calls = 0;
    const listener = (): void => void (calls += 1);
    events.on('focus', listener);
    events.on('focus', listener);
    events.emit('focus', 0);
    expect(calls).toBe(1);
  });

  it('skips a listener removed by an earlier one during the same emit', () => {
    const events = new Emitter<Events>();
    const seen: string[] = [];
    let offB = (): void => undefined;
    events.on('focus', () => {
      seen.push('a');
      offB();
    });
    offB = events.on('focus', () => seen.push('b'));
    events.emit('focus', 0);
    expect(seen).toEqual(['a']);
  });

  it('clear removes every listener of every event, and listeners added after it work', () => {
    const events = new Emitter<Events>();
    const seen: string[] = [];
    const off = events.on('focus', () => seen.push('focus'));
    events.on('name', () => seen.push('name'));
    events.clear();
    events.emit('focus', 0);
    events.emit('name', 'x');
    off();
    events.on('name', (name) => seen.push(name));
    events.emit('name', 'after');
    expect(seen).toEqual(['after']);
  });
});
