import { TRAIT_SERIALIZERS } from '../serializers.js';
import type { TraitReader } from '../view_input.js';

/** One binary buffer of a saved widget state, as `ipywidgets.embed` writes it. */
export interface SavedBuffer {
  /** Where the buffer goes in the state, e.g. `["x", "buffer"]`. */
  readonly path: readonly (string | number)[];
  readonly encoding: 'base64' | 'hex';
  readonly data: string;
}

/** A widget's saved state: its JSON part and its binary buffers. */
export interface SavedWidgetState {
  readonly state: Record<string, unknown>;
  readonly buffers?: readonly SavedBuffer[];
}

/**
 * Read a layerviz widget's saved state without ipywidgets: put each buffer back at its path and
 * decode the array traits as the widget model does, so the view gets the same input.
 *
 * @throws Error naming the path of a buffer that has no place in the state.
 */
export function savedStateReader(saved: SavedWidgetState): TraitReader {
  const state = structuredClone(saved.state);
  for (const buffer of saved.buffers ?? []) {
    placeBuffer(state, buffer.path, new DataView(decode(buffer).buffer));
  }
  const serializers = TRAIT_SERIALIZERS as Record<string, { deserialize(v: unknown): unknown }>;
  const values = new Map(
    Object.entries(state).map(([name, value]) => [
      name,
      serializers[name] === undefined ? value : serializers[name].deserialize(value)
    ])
  );
  return { get: (name) => values.get(name) ?? null };
}

function decode(buffer: SavedBuffer): Uint8Array {
  if (buffer.encoding === 'hex') {
    return Uint8Array.from(buffer.data.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  }
  return Uint8Array.from(atob(buffer.data), (c) => c.charCodeAt(0));
}

function placeBuffer(
  state: Record<string, unknown>,
  path: readonly (string | number)[],
  value: DataView
): void {
  let node: Record<string | number, unknown> = state;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) {
      throw new Error(`the saved widget state has no place for a buffer at ${path.join('.')}`);
    }
    node = next as Record<string | number, unknown>;
  }
  node[path[path.length - 1] as string | number] = value;
}
