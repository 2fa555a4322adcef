// Stands in for the Node built-ins ('fs', 'path', 'os', 'perf_hooks') that TF.js's WASM backend
// imports for Node only; in a page it never calls them.
export default {};
