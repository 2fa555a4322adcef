import {
  DEFAULT_LAYOUT,
  LAYOUT_NUMBERS,
  type LayoutMethod,
  type LayoutParameters
} from '@layerviz/core/reduce';

/** Names of the methods as people know them. */
export const METHOD_LABELS: Readonly<Record<LayoutMethod, string>> = {
  pca: 'PCA',
  tsne: 't-SNE',
  umap: 'UMAP'
};

interface NumberField {
  readonly key: 'perplexity' | 'neighbors' | 'minDist' | 'seed';
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly value: number;
  /** Methods the field applies to. */
  readonly methods: readonly LayoutMethod[];
}

/** A number field showing one of core's {@link LAYOUT_NUMBERS}, with its range and default. */
function field(
  key: NumberField['key'],
  label: string,
  step: number,
  methods: readonly LayoutMethod[]
): NumberField {
  const { min, max, default: value } = LAYOUT_NUMBERS[key];
  return { key, label, min, max, step, value, methods };
}

const FIELDS: readonly NumberField[] = [
  field('perplexity', 'perplexity', 1, ['tsne']),
  field('neighbors', 'neighbors', 1, ['umap']),
  field('minDist', 'min dist', 0.05, ['umap']),
  field('seed', 'seed', 1, ['tsne', 'umap'])
];

/**
 * The layout controls: method, 2-D/3-D, and the method's parameters. A change that is valid
 * calls `onChange` with the full parameters; an out-of-range number is marked invalid (with its
 * range in the tooltip) and changes nothing.
 */
export class LayoutControls {
  readonly node: HTMLDivElement;
  private readonly method: HTMLSelectElement;
  private readonly dims: HTMLSelectElement;
  private readonly inputs = new Map<NumberField['key'], HTMLInputElement>();
  private readonly labels = new Map<NumberField['key'], HTMLLabelElement>();
  private params: LayoutParameters = DEFAULT_LAYOUT;

  constructor(
    document: Document,
    private readonly onChange: (params: LayoutParameters) => void
  ) {
    this.node = document.createElement('div');
    this.node.className = 'lv-layout-controls';
    this.method = select(document, 'layout method', [
      ['pca', METHOD_LABELS.pca],
      ['tsne', METHOD_LABELS.tsne],
      ['umap', METHOD_LABELS.umap]
    ]);
    this.method.classList.add('lv-method');
    this.dims = select(document, 'layout dimensions', [
      ['2', '2-D'],
      ['3', '3-D']
    ]);
    this.dims.classList.add('lv-dims');
    this.node.append(this.method, this.dims);
    for (const field of FIELDS) {
      const label = document.createElement('label');
      label.className = `lv-field lv-field-${field.key}`;
      label.append(`${field.label} `);
      const input = document.createElement('input');
      input.type = 'number';
      input.min = String(field.min);
      input.max = String(field.max);
      input.step = String(field.step);
      input.value = String(field.value);
      input.setAttribute('aria-label', field.label);
      input.title = `${field.label}: ${field.min} to ${field.max}`;
      label.append(input);
      this.node.append(label);
      this.inputs.set(field.key, input);
      this.labels.set(field.key, label);
      input.addEventListener('change', () => this.changed());
    }
    this.method.addEventListener('change', () => this.changed());
    this.dims.addEventListener('change', () => this.changed());
    this.set(DEFAULT_LAYOUT);
  }

  /** The parameters the controls show. */
  get value(): LayoutParameters {
    return this.params;
  }

  /** Show `params` without calling `onChange`. */
  set(params: LayoutParameters): void {
    this.params = params;
    this.method.value = params.method;
    this.dims.value = String(params.dims);
    for (const field of FIELDS) {
      const input = this.inputs.get(field.key);
      const value = params[field.key];
      if (input !== undefined) {
        input.value = String(value ?? field.value);
        input.removeAttribute('aria-invalid');
      }
    }
    this.showFieldsOf(params.method);
  }

  /** Enable or disable every control (e.g. while the activations are computed). */
  setEnabled(enabled: boolean): void {
    this.method.disabled = !enabled;
    this.dims.disabled = !enabled;
    this.inputs.forEach((input) => (input.disabled = !enabled));
  }

  private changed(): void {
    const method = this.method.value as LayoutMethod;
    const next: Record<string, unknown> = {
      ...this.params,
      method,
      dims: this.dims.value === '3' ? 3 : 2
    };
    let valid = true;
    for (const field of FIELDS) {
      const input = this.inputs.get(field.key) as HTMLInputElement;
      const value = Number(input.value);
      if (input.value === '' || !Number.isFinite(value) || value < field.min || value > field.max) {
        input.setAttribute('aria-invalid', 'true');
        input.title = `${field.label} must be between ${field.min} and ${field.max}`;
        valid = valid && !field.methods.includes(method);
        continue;
      }
      input.removeAttribute('aria-invalid');
      input.title = `${field.label}: ${field.min} to ${field.max}`;
      next[field.key] = value;
    }
    this.showFieldsOf(method);
    if (valid) {
      this.params = next as unknown as LayoutParameters;
      this.onChange(this.params);
    }
  }

  private showFieldsOf(method: LayoutMethod): void {
    for (const field of FIELDS) {
      const label = this.labels.get(field.key);
      if (label !== undefined) {
        label.hidden = !field.methods.includes(method);
      }
    }
  }
}

function select(
  document: Document,
  ariaLabel: string,
  options: readonly (readonly [string, string])[]
): HTMLSelectElement {
  const node = document.createElement('select');
  node.setAttribute('aria-label', ariaLabel);
  for (const [value, text] of options) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = text;
    node.append(option);
  }
  return node;
}
