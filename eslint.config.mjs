import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const jupyter = ['@jupyter-widgets/*', '@jupyterlab/*', '@lumino/*', '@layerviz/jupyterlab'];
const coreOneWay = {
  group: ['plotly.js*', '@layerviz/view', ...jupyter],
  message: 'core has no DOM, Plotly or Jupyter.'
};

export default tseslint.config(
  {
    ignores: [
      '**/lib/**',
      '**/node_modules/**',
      '**/dist/**',
      '.venv/**',
      'packages/python/layerviz/labextension/**',
      'packages/python/layerviz/nbextension/**',
      'packages/python/layerviz/report_page/**',
      'out/**',
      'test-results/**',
      'playwright-report/**',
      'packages/view/src/worker/source.generated.ts',
      'packages/view/src/plotly/source.generated.ts',
      'packages/jupyterlab/src/wasm_binary.generated.ts',
      'packages/core/src/reduce/pffft_binary.generated.ts'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      curly: ['error', 'all'],
      eqeqeq: 'error'
    }
  },
  {
    files: [
      'test/support/**/*.mjs',
      'examples/web/**/*.js',
      'examples/notebook/**/*.js',
      'bench/load/**/*.js',
      'bench/load.mjs',
      'bench/e2e.mjs'
    ],
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  },
  {
    // Numeric kernels index typed arrays inside loops bounded by their lengths; `!` there costs
    // nothing, where `?? 0` would add a branch to every inner-loop read.
    files: [
      'packages/core/src/reduce/**/*.ts',
      'packages/core/src/metrics/**/*.ts',
      'packages/core/src/service/layer_metrics.ts',
      'packages/core/src/service/probe.ts',
      'packages/core/src/service/selection.ts',
      'packages/core/src/randomized_pca.ts'
    ],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' }
  },
  {
    // Dependencies point one way: python → jupyterlab → view → core.
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [coreOneWay] }],
      'no-restricted-globals': [
        'error',
        { name: 'document', message: 'core has no DOM.' },
        { name: 'window', message: 'core has no DOM.' },
        { name: 'console', message: 'core reports through callbacks, never the console.' }
      ]
    }
  },
  {
    // TF.js lives at core's root (the model code, randomized PCA) and in the service's linear probe
    // (service/probe.ts, tfjs-core on its CPU backend). reduce/ and metrics/ are documented
    // TF.js-free, and the service keeps TF.js in that one file. test/folders.test.ts checks the
    // same through imports of imports.
    files: [
      'packages/core/src/reduce/**/*.ts',
      'packages/core/src/metrics/**/*.ts',
      'packages/core/src/service/**/*.ts',
      'packages/core/src/progress.ts',
      'packages/core/src/steps.ts'
    ],
    ignores: ['packages/core/src/service/probe.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            coreOneWay,
            {
              group: ['@tensorflow/*'],
              message:
                "reduce/, metrics/ and the service (but its probe.ts) are TF.js-free; TF.js code goes at core's root."
            }
          ]
        }
      ]
    }
  },
  {
    files: ['packages/view/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: jupyter, message: 'view must work without Jupyter.' }] }
      ]
    }
  }
);
