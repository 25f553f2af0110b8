import { describe, expect, it } from 'vitest';
import { ProgressThrottle } from './progress-throttle';

describe('ProgressThrottle', () => {
  it('passes the first report, then one per interval, and always the one that ends a pass', () => {
    let clock = 0;
    const throttle = new ProgressThrottle(100, () => clock);
    const passed: string[] = [];
    for (let done = 1; done <= 10; done++) {
      clock += 30;
      if (throttle.pass(done, 10)) passed.push(`${done}@${clock}`);
    }
    // 30 ms apart: the first, then every fourth (120 ms later), then the last.
    expect(passed).toEqual(['1@30', '5@150', '9@270', '10@300']);
  });
});
