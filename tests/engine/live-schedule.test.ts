/** The live views' scheduler: each view at most as often as its interval, all within LIVE_SHARE of the training time, measured. */
import { describe, expect, it } from 'vitest';
import { createLiveSchedule, LIVE_INTERVAL_MS, LIVE_SHARE } from '../../engine/train/live-schedule';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('the live-view schedule', () => {
  it('runs a cheap view at its interval', () => {
    const c = clock();
    const live = createLiveSchedule(c.now);
    c.advance(1000);
    expect(live.due('health')).toBe(true);
    live.run('health', () => c.advance(1));
    expect(live.due('health'), 'before its interval').toBe(false);
    c.advance(LIVE_INTERVAL_MS.health);
    expect(live.due('health')).toBe(true);
  });

  it('defers a view whose measured cost exceeds the share, until training has earned it', () => {
    const c = clock();
    const live = createLiveSchedule(c.now);
    c.advance(1000);
    expect(live.due('weights')).toBe(true);
    live.run('weights', () => c.advance(200)); // a histogram of 16.8 M weights
    c.advance(LIVE_INTERVAL_MS.weights);
    // 700 ms of training so far, 200 ms of it in the view: far past 5 %.
    expect(live.due('weights')).toBe(false);
    // It is due again once (spent + its cost) ≤ share · training time: at 200 + (200 + 200) / 0.05 = 8.2 s.
    c.advance(200 + 400 / LIVE_SHARE - 1700 - 1);
    expect(live.due('weights')).toBe(false);
    c.advance(2);
    expect(live.due('weights')).toBe(true);
  });

  it('keeps the time in views within the share over a run, whatever a view costs', () => {
    // A view's first run is paced by an assumed cost (it has not been measured yet); from then on
    // its measured cost paces it. So at any time the views have spent at most the share plus one
    // unmeasured run of each, and over a long run the share itself.
    for (const cost of [0.05, 3, 40, 400]) {
      const c = clock();
      const live = createLiveSchedule(c.now);
      for (let step = 0; step < 400_000; step++) {
        c.advance(1); // a training step
        for (const view of ['health', 'weights', 'boundary', 'evaluation'] as const) if (live.due(view)) live.run(view, () => c.advance(cost));
        if (step % 997 === 0) expect(live.spentMs).toBeLessThanOrEqual(LIVE_SHARE * (c.now() - live.spentMs) + 4 * cost);
      }
      expect(live.spentMs, `views costing ${cost} ms`).toBeLessThanOrEqual(LIVE_SHARE * (c.now() - live.spentMs));
      expect(live.spentMs, `views costing ${cost} ms still run`).toBeGreaterThan(0);
    }
  });
});
