// A minimal Observable-style runtime for a page of ES module cells: each
// <script type="module" data-cell="name"> calls cell(name, inputs, define); define receives the
// values of the named cells it depends on once they exist, and what it returns is the cell's
// value, shown under the cell's source (a DOM node as is, anything else as text). No bundler, no
// framework: the page imports TF.js and @layerviz/view through its import map.
const values = new Map();
const settle = new Map();

/** The value of cell `name` (a promise that resolves once the cell has run). */
export function value(name) {
  if (!values.has(name)) {
    values.set(name, new Promise((resolve, reject) => settle.set(name, { resolve, reject })));
  }
  return values.get(name);
}

/**
 * Define cell `name`: `define(...inputs)` runs once every input cell has a value; it receives
 * those values and the cell's output element, and may return a value (or a promise of one).
 */
export function cell(name, inputs, define) {
  const output = document.querySelector(`[data-output="${name}"]`);
  value(name);
  const { resolve, reject } = settle.get(name);
  output.textContent = 'Waiting…';
  output.dataset.state = 'waiting';
  Promise.all(inputs.map(value))
    .then((args) => {
      output.textContent = 'Running…';
      output.dataset.state = 'running';
      return define(...args, output);
    })
    .then((result) => {
      if (result instanceof Node) {
        output.replaceChildren(result);
      } else if (output.textContent === 'Running…') {
        output.textContent = result === undefined ? '' : describe(result);
      }
      output.dataset.state = 'done';
      resolve(result);
    })
    .catch((err) => {
      output.textContent = `Error: ${err instanceof Error ? err.message : String(err)}`;
      output.dataset.state = 'error';
      reject(err);
    });
}

function describe(result) {
  return typeof result === 'object' && result !== null && 'describe' in result
    ? result.describe
    : String(result);
}

// Show each cell's source above its output, as a notebook does.
for (const script of document.querySelectorAll('script[data-cell]')) {
  const source = document.createElement('pre');
  source.className = 'cell-source';
  source.textContent = script.textContent.trim();
  document.querySelector(`[data-output="${script.dataset.cell}"]`).before(source);
}

// For the console and the smoke test: `await notebook.value('view')`.
window.notebook = { value };
