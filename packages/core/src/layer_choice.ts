/**
 * Which layers a deep model shows by default: its block outputs, evenly spread over depth. The
 * same rules as the Python package's `layerviz.layer_choice` (a cross-language test holds them
 * equal on real models).
 */

/** Models with more layers than this show only their block outputs unless layers are named. */
export const DEFAULT_LAYER_COUNT = 16;

/** One layer of a model's graph, in depth (topological) order. */
export interface GraphLayer {
  readonly name: string;
  /** Its Keras class, e.g. `"Add"`. */
  readonly className: string;
  /** Names of the layers whose outputs it reads at its first call. */
  readonly inbound: readonly string[];
}

const MERGE_CLASSES = new Set([
  'Add',
  'Concatenate',
  'Multiply',
  'Average',
  'Maximum',
  'Minimum',
  'Subtract'
]);
const MINOR_CLASSES = new Set([
  'BatchNormalization',
  'LayerNormalization',
  'GroupNormalization',
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'SpatialDropout3D',
  'GaussianNoise',
  'GaussianDropout',
  'ZeroPadding1D',
  'ZeroPadding2D',
  'ZeroPadding3D',
  'Reshape',
  'Rescaling',
  'Normalization'
]);

/**
 * The block a layer's name puts it in: the name up to its last `_`-separated token with a digit
 * (`block_13_expand_relu` → `block_13`, `conv2_block1_out` → `conv2_block1`); a name without
 * digits is its own block.
 */
export function blockOf(name: string): string {
  const tokens = name.split('_');
  let last = -1;
  tokens.forEach((t, i) => {
    if (/\d/.test(t)) {
      last = i;
    }
  });
  return last < 0 ? name : tokens.slice(0, last + 1).join('_');
}

/**
 * Whether each layer's output is all that later layers read from the layers before it: every
 * path from the input to the output passes through it, so it represents the whole sample.
 */
export function bottlenecks(graph: readonly GraphLayer[]): boolean[] {
  const position = new Map(graph.map((layer, i) => [layer.name, i]));
  const lastUse = graph.map((_, i) => i);
  graph.forEach((layer, i) => {
    for (const parent of layer.inbound) {
      const j = position.get(parent);
      if (j !== undefined) {
        lastUse[j] = Math.max(lastUse[j] ?? j, i);
      }
    }
  });
  const result: boolean[] = [];
  let furthestBefore = -1;
  lastUse.forEach((use, i) => {
    result.push(furthestBefore <= i);
    furthestBefore = Math.max(furthestBefore, use);
  });
  return result;
}

/** `count` of `candidates` (ascending) evenly spread, the first and last included. */
function spread(candidates: readonly number[], count: number): number[] {
  if (count >= candidates.length) {
    return [...candidates];
  }
  if (count <= 0) {
    return [];
  }
  if (count === 1) {
    return [candidates[candidates.length - 1] as number];
  }
  const step = (candidates.length - 1) / (count - 1);
  // Python's round() rounds halves to even; so does this, to pick the same layers.
  return Array.from({ length: count }, (_, k) => candidates[roundHalfEven(k * step)] as number);
}

function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (Math.abs(diff - 0.5) > 1e-9) {
    return Math.round(value);
  }
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * The names of the layers to show by default, in depth order: every layer when there are at
 * most `limit`; else the first and last layers and, evenly spread between them, the block
 * outputs (layers all paths pass through that end a named block, or merge or pool outside one),
 * filled when there are fewer with other such layers (normalisation, dropout, padding last).
 *
 * @param graph - the model's layers but its inputs, in depth order.
 * @param limit - how many layers at most, 2 or more.
 */
export function defaultLayers(
  graph: readonly GraphLayer[],
  limit: number = DEFAULT_LAYER_COUNT
): string[] {
  const n = graph.length;
  if (n <= limit) {
    return graph.map((l) => l.name);
  }
  const through = bottlenecks(graph);
  const blocks = graph.map((l) => blockOf(l.name));
  const tiers: number[][] = [[], [], []];
  for (let i = 1; i < n - 1; i++) {
    if (!through[i]) {
      continue;
    }
    const cls = graph[i]?.className ?? '';
    const inside = blocks[i + 1] === blocks[i];
    const ends = blocks[i - 1] === blocks[i] && !inside;
    const joins = MERGE_CLASSES.has(cls) || cls.includes('Pooling');
    if (ends || (joins && !inside)) {
      tiers[0]?.push(i);
    } else if (!MINOR_CLASSES.has(cls)) {
      tiers[1]?.push(i);
    } else {
      tiers[2]?.push(i);
    }
  }
  const chosen = new Set([0, n - 1]);
  for (const tier of tiers) {
    spread(tier, limit - chosen.size).forEach((i) => chosen.add(i));
  }
  return [...chosen].sort((a, b) => a - b).map((i) => graph[i]?.name ?? '');
}
