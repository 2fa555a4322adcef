// Print, as JSON, core's layout options (packages/core/src/options.ts) and the widget model's
// trait defaults (packages/jupyterlab/src/traits.ts) from their builds, for the Python test that
// holds layerviz/options.py and layerviz/widget.py equal to them.
//
//   node test/cross/options.mjs      (Node 20: node --experimental-detect-module ...)
//
// @layerviz/jupyterlab's package.json names no module type, so Node before 22.7 needs the flag
// to read its ES modules.
import * as options from '../../packages/core/lib/options.js';
import { LAYOUT_TRAITS, TRAIT_DEFAULTS } from '../../packages/jupyterlab/lib/traits.js';

console.log(JSON.stringify({ options, traits: TRAIT_DEFAULTS, layoutTraits: LAYOUT_TRAITS }));
