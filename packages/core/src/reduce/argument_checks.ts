/** @throws RangeError naming the parameter, its range and the value given. */
export function checkRange(name: string, value: number, lo: number, hi: number): void {
  if (!Number.isFinite(value) || value < lo || value > hi) {
    throw new RangeError(`${name} must be a number in [${lo}, ${hi}], got ${value}`);
  }
}

/** @throws RangeError when `data` does not hold `rows × cols` values. */
export function checkShape(data: ArrayLike<number>, rows: number, cols: number): void {
  if (data.length !== rows * cols) {
    throw new RangeError(`data has ${data.length} values, not ${rows} × ${cols}`);
  }
}

/** @throws RangeError when there is not one label per `cols`-wide row of `data`. */
export function checkLabels(
  data: ArrayLike<number>,
  cols: number,
  labels: ArrayLike<number>
): void {
  if (data.length !== labels.length * cols) {
    throw new RangeError(
      `${labels.length} labels for ${data.length / cols} rows of ${cols} values`
    );
  }
}
