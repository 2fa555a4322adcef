// The bundler inlines package.json, so the version is written in one place only (lerna bumps it)
// and `_model_module_version` can never drift from the published package.
declare function require(path: string): unknown;
const pkg = require('../package.json') as { name: string; version: string };

/** The npm name of this package: the widget's `_model_module` and `_view_module`. */
export const MODULE_NAME: string = pkg.name;

/** The package version: the widget's `_model_module_version` and `_view_module_version`. */
export const MODULE_VERSION: string = pkg.version;
