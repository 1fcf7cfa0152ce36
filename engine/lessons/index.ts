/**
 * engine/lessons — public entry: the lesson format and schema, goal checks (shared by the app and
 * `dendrite verify`), predict-then-check marking, evidence from runs, and the results file.
 */
export { canonical } from './canonical';
export { shippedLessons } from './catalogue';
export { recordRun, type Evidence } from './evidence';
export { QUANTITIES, type Condition, type ControlId, type Goal, type Lesson, type LessonStart, type LessonStep, type PredictTarget } from './format';
export { checkGoal, describeCondition, type GoalOutcome } from './goals';
export { markPrediction, targetLabel, type Marked } from './predict';
export { buildResults, serialiseResults, type StepResult } from './results';
export { parseLesson, parseLessonText } from './schema';
