// '@tensorflow/tfjs-core' for the WASM backend's ES module: the core inside the page's one TF.js
// bundle, so the backend registers with the engine the view uses (a second copy of the core would
// have its own engine).
export * from '@tensorflow/tfjs';
