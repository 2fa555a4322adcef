/** The colours a figure takes from the page's theme. */
export interface FigureTheme {
  /** Behind the figure and its plots. */
  readonly background: string;
  /** Titles, tick labels, legend. */
  readonly text: string;
  /** Grid and axis lines. */
  readonly grid: string;
}

/** Plotly's own colours: what a page without JupyterLab's variables gets. */
export const LIGHT_THEME: FigureTheme = { background: '#ffffff', text: '#444444', grid: '#eeeeee' };

/**
 * The theme of the page around `element`, from JupyterLab's CSS variables (light or dark, and any
 * theme extension that defines them); {@link LIGHT_THEME} for what is not defined.
 */
export function readTheme(element: Element): FigureTheme {
  const style = getComputedStyle(element);
  const value = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback;
  return {
    background: value('--jp-layout-color0', LIGHT_THEME.background),
    text: value('--jp-ui-font-color1', LIGHT_THEME.text),
    grid: value('--jp-border-color2', LIGHT_THEME.grid)
  };
}

/**
 * A key that changes when JupyterLab switches theme (it names the theme on `<body>`), so the
 * theme is read again only then: reading computed styles costs a style recalculation.
 */
export function themeKey(document: Document): string {
  return document.body?.dataset['jpThemeName'] ?? '';
}

/**
 * `layout` in `theme`'s colours: background, fonts, and the lines of every 2-D axis and 3-D scene
 * axis. Pure: returns a new layout.
 */
export function themedLayout(
  layout: Readonly<Record<string, unknown>>,
  theme: FigureTheme
): Record<string, unknown> {
  const lines = { gridcolor: theme.grid, linecolor: theme.grid, zerolinecolor: theme.grid };
  const out: Record<string, unknown> = {
    ...layout,
    paper_bgcolor: theme.background,
    plot_bgcolor: theme.background,
    font: { ...(layout['font'] as object | undefined), color: theme.text }
  };
  for (const [key, value] of Object.entries(layout)) {
    if (/^[xy]axis\d*$/.test(key)) {
      out[key] = { ...(value as object), ...lines };
    } else if (/^scene\d*$/.test(key)) {
      const scene = value as Record<string, unknown>;
      out[key] = {
        ...scene,
        bgcolor: theme.background,
        xaxis: { ...(scene['xaxis'] as object), ...lines },
        yaxis: { ...(scene['yaxis'] as object), ...lines },
        zaxis: { ...(scene['zaxis'] as object), ...lines }
      };
    }
  }
  return out;
}

/**
 * The page's theme colours for one element, read once and again only when JupyterLab switches
 * theme (it names the theme on `<body>`); `onChange` is told then, so the owner can redraw.
 */
export class ThemeWatcher {
  private cached: { key: string; value: FigureTheme } | null = null;
  private readonly observer: MutationObserver | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly element: Element,
    onChange: () => void
  ) {
    const document = element.ownerDocument;
    const Mutations = document.defaultView?.MutationObserver;
    if (Mutations !== undefined && document.body) {
      const changed = (): void => {
        this.cached = null;
        onChange();
      };
      this.observer = new Mutations(() => {
        changed();
        // Again a little later: the new theme's stylesheet may still be loading.
        clearTimeout(this.timer);
        this.timer = setTimeout(changed, 500);
      });
      this.observer.observe(document.body, {
        attributes: true,
        attributeFilter: ['data-jp-theme-name']
      });
    }
  }

  /** The colours now. */
  get theme(): FigureTheme {
    const key = themeKey(this.element.ownerDocument);
    if (this.cached?.key !== key) {
      this.cached = { key, value: readTheme(this.element) };
    }
    return this.cached.value;
  }

  dispose(): void {
    this.observer?.disconnect();
    clearTimeout(this.timer);
  }
}
