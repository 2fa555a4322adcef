export { knnAccuracy, trustworthiness } from './neighborhood.js';
export type { TrustworthinessOptions } from './neighborhood.js';
