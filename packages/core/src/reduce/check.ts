/** @throws RangeError naming the parameter, its range and the value given. */
export function checkRange(name: string, value: number, lo: number, hi: number): void {
  if (!Number.isFinite(value) || value < lo || value > hi) {
    throw new RangeError(`${name} must be a number in [${lo}, ${hi}], got ${value}`);
  }
}
