import type { LayerInfo, NdArray } from '@layerviz/core';
import type { LayerMetrics } from '@layerviz/core/service';
import type { CkaMatrix } from '@layerviz/view';

/** A layer description as the kernel sends it (snake_case, like every synced trait). */
export interface SyncedLayerInfo {
  name: string;
  class_name: string;
  output_shape: (number | null)[];
  index: number;
}

/** {@link SyncedLayerInfo} as the view takes it. */
export function toLayerInfo(info: SyncedLayerInfo): LayerInfo {
  return {
    name: info.name,
    className: info.class_name,
    outputShape: info.output_shape,
    index: info.index
  };
}

/** A {@link LayerInfo} as a synced trait holds it. */
export function fromLayerInfo(info: LayerInfo): SyncedLayerInfo {
  return {
    name: info.name,
    class_name: info.className,
    output_shape: [...info.outputShape],
    index: info.index
  };
}

/**
 * The `saved_view` trait: what a saved notebook needs besides the coordinates to draw the view
 * again without a kernel (JSON only: it lives in the notebook's widget state).
 */
export interface SyncedSavedView {
  /** The laid-out layers, in the order shown. */
  layers: SyncedLayerInfo[];
  /** Coordinates per sample. */
  dims: 2 | 3;
  /** Per layer name: metrics measured (finite values only: JSON has no NaN). */
  metrics: Record<string, Record<string, number>>;
  /** Per layer name: fidelity measured (finite values only). */
  fidelity: Record<string, number>;
  /** Linear CKA between every pair of layers, when measured (absent in older notebooks). */
  cka?: SyncedCka;
}

/** A {@link CkaMatrix} as JSON holds it: one list per row, NaN as null. */
export interface SyncedCka {
  layers: string[];
  values: (number | null)[][];
}

/** `matrix` as JSON holds it (the comm to the kernel and the saved notebook). */
export function ckaToJson(matrix: CkaMatrix): SyncedCka {
  const count = matrix.layers.length;
  return {
    layers: [...matrix.layers],
    values: Array.from({ length: count }, (_, i) =>
      Array.from({ length: count }, (_, j) => {
        const v = Number(matrix.values[i * count + j]);
        return Number.isFinite(v) ? v : null;
      })
    )
  };
}

/** A saved {@link SyncedCka} as the view takes it; null when absent or malformed. */
export function ckaFromJson(json: SyncedCka | undefined | null): CkaMatrix | null {
  const count = json?.layers?.length ?? 0;
  if (json === undefined || json === null || count < 2 || json.values?.length !== count) {
    return null;
  }
  return { layers: json.layers, values: json.values.flat().map((v) => v ?? NaN) };
}

/** What the view shows now, as the `saved_layouts` and `saved_view` traits hold it. */
export interface SavedState {
  readonly layouts: Record<string, NdArray>;
  readonly view: SyncedSavedView;
}

/** The parts of a view {@link savedState} reads. */
export interface SavableView {
  readonly finalLayouts: readonly { info: LayerInfo; coords: Float32Array; dims: 2 | 3 }[];
  readonly layerMetrics: Readonly<Record<string, LayerMetrics>>;
  readonly layerFidelity: Readonly<Record<string, number>>;
  readonly layerCka?: CkaMatrix | null;
}

/**
 * Every final layout of `view` with its metrics and fidelity; null while no layer has a final
 * layout. The coordinates are copied: the view may replace its arrays at any time.
 */
export function savedState(view: SavableView): SavedState | null {
  const finals = view.finalLayouts;
  if (finals.length === 0) {
    return null;
  }
  const layouts: Record<string, NdArray> = {};
  for (const { info, coords, dims } of finals) {
    layouts[info.name] = {
      data: coords.slice(),
      dtype: 'float32',
      shape: [coords.length / dims, dims]
    };
  }
  return {
    layouts,
    view: {
      layers: finals.map((f) => fromLayerInfo(f.info)),
      dims: finals[0]?.dims ?? 2,
      metrics: finiteValues(view.layerMetrics),
      fidelity: Object.fromEntries(
        Object.entries(view.layerFidelity).filter((e) => Number.isFinite(e[1]))
      ),
      ...(view.layerCka ? { cka: ckaToJson(view.layerCka) } : {})
    }
  };
}

/** Per layer, its finite metrics: JSON (the comm and the notebook) has no NaN or Infinity. */
export function finiteValues(
  metrics: Readonly<Record<string, LayerMetrics>>
): Record<string, Record<string, number>> {
  const values: Record<string, Record<string, number>> = {};
  for (const [layer, m] of Object.entries(metrics)) {
    values[layer] = Object.fromEntries(
      Object.entries(m).filter((e): e is [string, number] => Number.isFinite(e[1]))
    );
  }
  return values;
}

/** True when `layouts` (the `saved_layouts` trait) holds at least one layer's coordinates. */
export function hasSavedLayouts(layouts: Record<string, NdArray> | null | undefined): boolean {
  return layouts !== null && layouts !== undefined && Object.keys(layouts).length > 0;
}

/**
 * The layers of a saved view that have coordinates, and their coordinates as the view takes
 * them; layers saved without coordinates (a save during a re-layout) are left out.
 */
export function savedLayers(
  view: SyncedSavedView,
  layouts: Record<string, NdArray>
): { layers: LayerInfo[]; coords: Record<string, Float32Array> } {
  const coords: Record<string, Float32Array> = {};
  const layers: LayerInfo[] = [];
  for (const info of view.layers ?? []) {
    const array = layouts[info.name];
    if (array !== undefined) {
      layers.push(toLayerInfo(info));
      coords[info.name] =
        array.data instanceof Float32Array ? array.data : Float32Array.from(array.data);
    }
  }
  return { layers, coords };
}

/** A CKA matrix between two models as the `cka_between` trait holds it (JSON, row by row). */
export interface SyncedCkaBetween {
  readonly rows: string[];
  readonly cols: string[];
  readonly values: (number | null)[][];
}

/** {@link SyncedCkaBetween} of `matrix` (rows × columns; non-finite values as null). */
export function ckaBetweenToJson(matrix: CkaMatrix): SyncedCkaBetween {
  const cols = [...(matrix.columns ?? matrix.layers)];
  return {
    rows: [...matrix.layers],
    cols,
    values: matrix.layers.map((_, i) =>
      cols.map((_c, j) => {
        const v = Number(matrix.values[i * cols.length + j]);
        return Number.isFinite(v) ? v : null;
      })
    )
  };
}
