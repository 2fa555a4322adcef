import type { Locator, Page } from '@playwright/test';

/** The focused plot's points as Plotly drew them, rounded (to compare two epochs). */
export function focusedPoints(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const gd = document.querySelector('.lv-root .lv-plot') as unknown as {
      _fullData: { x: number[]; y: number[]; xaxis: string }[];
    };
    return gd._fullData
      .filter((t) => t.xaxis === 'x')
      .flatMap((t) => [...t.x, ...t.y])
      .map((v) => Math.round(v * 1000) / 1000);
  });
}

/**
 * Move the epoch slider in `scope` (a page with one view, or one view's root) to `index` as a
 * person dragging it would (an input event).
 */
export async function moveEpochSlider(scope: Page | Locator, index: number): Promise<void> {
  await scope.locator('.lv-epoch-input').evaluate((input: HTMLInputElement, value) => {
    input.value = String(value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, index);
}
