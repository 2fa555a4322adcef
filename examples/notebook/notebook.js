// The page's cells run on Observable's own runtime (@observablehq/runtime): each
// <script type="module" data-cell="name"> defines a variable from the cells it names, which runs
// once they have values and again whenever one of them is redefined (reactive, as on
// observablehq.com). Values are shown under the cell's source by Observable's inspector (a DOM
// node as is, anything else as an expandable value). No bundler: the import map points the bare
// module names at files beside the page.
import { Inspector } from '@observablehq/inspector';
import { Runtime } from '@observablehq/runtime';

const main = new Runtime().module();

/** The output element of cell `name`: a cell may write its progress there while it runs. */
export function outputOf(name) {
  return document.querySelector(`[data-output="${name}"]`);
}

/**
 * The observer of cell `name`: its state on the output element (`data-state`: waiting, running,
 * done, error, for the page's tests) and its value through the inspector. A value with a
 * `display` (text or a DOM node) is shown as that, the value itself going to the cells that use it.
 */
function observer(name) {
  const output = outputOf(name);
  const inspector = new Inspector(output);
  output.textContent = 'Waiting…';
  output.dataset.state = 'waiting';
  return {
    pending() {
      output.dataset.state = 'running';
      if (output.textContent === 'Waiting…') {
        output.textContent = 'Running…';
      }
      inspector.pending();
    },
    fulfilled(value) {
      const display = value?.display;
      const shown = typeof display === 'string' ? document.createTextNode(display) : display;
      inspector.fulfilled(shown ?? value, name);
      output.dataset.state = 'done';
    },
    rejected(error) {
      inspector.rejected(error, name);
      output.dataset.state = 'error';
    }
  };
}

/** Define cell `name`: `define(...values of inputs)` gives its value (or a promise of it). */
export function cell(name, inputs, define) {
  main.variable(observer(name)).define(name, inputs, define);
}

/**
 * Define cell `name` as a DOM node shown on the page whose `value` the other cells use under the
 * same name (Observable's `viewof`).
 */
export function viewof(name, inputs, define) {
  main.variable(observer(name)).define(`viewof ${name}`, inputs, define);
  main.variable().define(name, [`viewof ${name}`], (node) => node.value);
}

// Show each cell's source above its output, as a notebook does.
for (const script of document.querySelectorAll('script[data-cell]')) {
  const source = document.createElement('pre');
  source.className = 'cell-source';
  source.textContent = script.textContent.trim();
  outputOf(script.dataset.cell).before(source);
}

// For the console and the smoke test: `await notebook.value('view')`.
window.notebook = { value: (name) => main.value(name) };
