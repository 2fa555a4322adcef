// What the example pages expose on window for these tests.
export {};

interface ExampleHandle {
  readonly layers: string[];
  readonly view: { finalLayouts: { coords: Float32Array }[] };
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
  }
}
