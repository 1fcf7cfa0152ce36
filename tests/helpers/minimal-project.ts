/** The smallest valid project file text: an empty graph on the flower dataset. */
export const MINIMAL_PROJECT = JSON.stringify({
  format: 'dendrite.project',
  version: 1,
  graph: { nodes: [], edges: [] },
  dataset: { id: 'flower', seed: 1 },
  training: { learningRate: 1.2, iterations: 100, seed: 2 },
});
