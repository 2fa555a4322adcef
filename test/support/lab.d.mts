import type { Locator, Page } from '@playwright/test';

export const CHROMIUM_ARGS: string[];
export const CHROMIUM_PATH: string;
export function openNotebook(page: Page, baseUrl: string | undefined, path: string): Promise<void>;
export function waitForIdleKernel(page: Page, timeout?: number): Promise<void>;
export function runAllCells(page: Page): Promise<void>;
export function waitForLayerViz(
  page: Page,
  timeout?: number
): Promise<{ state: string; error: string }>;
export interface SubplotSummary {
  id: string;
  layer: string;
  points: number;
  renderedGroups: number;
  width: number;
}
export function figureSummary(page: Page): Promise<{ subplots: SubplotSummary[]; focus: string }>;
export function runNewCell(
  page: Page,
  code: string,
  marker: string,
  timeout?: number
): Promise<string>;
export function runNotebookToLayerViz(
  page: Page,
  baseUrl: string | undefined,
  path: string
): Promise<{ state: string; error: string }>;
export function drawSelectionBox(
  page: Page,
  root: Locator,
  from: [number, number],
  to: [number, number]
): Promise<number>;
