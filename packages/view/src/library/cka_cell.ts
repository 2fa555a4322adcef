import type { CkaMatrix } from '../cka_heatmap.js';

/**
 * The linear CKA of `row`'s layer with `column`'s (default `row` itself, which is 1) in
 * `matrix`, as its heatmap square shows it. Pure.
 *
 * @throws Error naming the fix when no matrix was measured yet or a layer is not in it.
 */
export function ckaCell(matrix: CkaMatrix | null, row: string, column: string = row): number {
  if (matrix === null) {
    throw new Error(
      "no CKA measured yet: wait for the handle's 'cka' event (metrics 'fast' or 'all' " +
        "measure it; 'none' does not)."
    );
  }
  const columns = matrix.columns ?? matrix.layers;
  const i = matrix.layers.indexOf(row);
  const j = columns.indexOf(column);
  if (i < 0 || j < 0) {
    const [name, names] = i < 0 ? [row, matrix.layers] : [column, columns];
    throw new Error(`no layer "${name}" in the CKA matrix; its layers are ${names.join(', ')}.`);
  }
  return Number(matrix.values[i * columns.length + j]);
}
