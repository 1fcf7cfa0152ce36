import { describe, expect, it } from 'vitest';
import { requestGradCheck, takeGradCheckRequest } from '../../src/renderer/src/project/gradcheck-request';

describe('Run ▸ Check Gradients request', () => {
  it('is taken exactly once, so remounting the panel later does not check again', () => {
    expect(takeGradCheckRequest()).toBe(false);
    requestGradCheck();
    requestGradCheck();
    expect(takeGradCheckRequest()).toBe(true);
    expect(takeGradCheckRequest()).toBe(false);
  });
});
