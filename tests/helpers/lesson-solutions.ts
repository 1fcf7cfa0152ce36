/** What a student does in each shipped lesson, step by step (the e2e tests do the same by mouse). */
import { addEdge, setParam, type StepSolution } from './lesson-player';

export const SOLUTIONS: Record<string, Record<string, StepSolution>> = {
  'course-01-logistic-regression': {
    shapes: { answers: { 'output-1/W': '(1, 2)', 'output-1/b': '(1, 1)' } },
    params: { answers: { 'output-1/params': '3' } },
  },
  'course-02-planar-hidden-layer': {
    shapes: { answers: { 'dense-1/W': '(4, 2)', 'dense-1/b': '(4, 1)', 'dense-1/Z': '(4, m)', 'dense-1/params': '12' } },
    'hidden-size': { edit: (s) => setParam(s, 'dense-1', 'units', 4) },
  },
  'course-03-initialisation': {
    he: { edit: (s) => ['dense-1', 'dense-2', 'dense-3'].forEach((id) => setParam(s, id, 'init', { kind: 'he' })) },
  },
  'course-04-regularisation': {
    dropout: { edit: (s) => ['dropout-1', 'dropout-2'].forEach((id) => setParam(s, id, 'keepProb', 0.7)) },
  },
  'course-05-optimisers': {
    momentum: { edit: (s) => (s.training.optimizer = 'momentum') },
    adam: { edit: (s) => (s.training.optimizer = 'adam') },
  },
  'course-06-batch-norm': {
    insert: {
      edit: (s) => {
        addEdge(s, 'dense-1', 'batchnorm-1');
        addEdge(s, 'batchnorm-1', 'activation-1');
      },
    },
  },
  'course-07-softmax': {
    units: { edit: (s) => setParam(s, 'output-1', 'units', 3) },
    shapes: { answers: { 'output-1/W': '(3, 8)', 'output-1/A': '(3, m)' } },
  },
  'course-08-conv-shapes': {
    valid: { answers: { 'conv2d-1/W': '(5, 5, 1, 6)', 'conv2d-1/A': '(m, 24, 24, 6)', 'conv2d-1/params': '156' } },
    same: { edit: (s) => setParam(s, 'conv2d-1', 'padding', 'same') },
    pool: { answers: { 'pool-1/A': '(m, 14, 14, 6)', 'pool-1/params': '0' } },
    stride: {
      edit: (s) => {
        setParam(s, 'conv2d-2', 'f', 2);
        setParam(s, 'conv2d-2', 's', 2);
      },
    },
  },
  'course-09-residual-block': {
    wire: { edit: (s) => addEdge(s, 'dense-1', 'add-1', 'a') },
    shapes: { answers: { 'add-1/A': '(16, m)', 'add-1/params': '0' } },
  },
};
