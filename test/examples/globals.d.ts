// What the example pages expose on window for these tests.
export {};

interface ExampleHandle {
  readonly layers: string[];
  readonly view: { finalLayouts: { coords: Float32Array }[] };
}

/** The handle of test/examples/checkpoints/page.js, as the checkpoints test reads it. */
interface CheckpointsHandle {
  readonly layers: string[];
  readonly epochs: readonly number[];
  readonly epoch: number;
  readonly ready: Promise<boolean>;
  readonly cka: { layers: string[]; values: ArrayLike<number> } | null;
  readonly view: { finalLayouts: { info: { name: string }; coords: Float32Array }[] };
  setEpoch(epoch: number): Promise<boolean>;
  focusCka(row: string, column?: string): number;
}

declare global {
  interface Window {
    layervizExample: {
      epochsTrained: number;
      epochsShown: number[];
      accuracy: number | null;
      error: string | null;
      handle: ExampleHandle;
    };
    notebook: { value(name: string): Promise<unknown> };
    /** Set by checkpoints/page.js; `handle` once renderLayerViz returned. */
    checkpointsPage: {
      handle: CheckpointsHandle;
      epochEvents: number[];
      ckaEvents: number[];
      error: string | null;
    };
  }
}
