import { describe, expect, it } from 'vitest';
import { bucketMinimums, SPECIAL_TOKENS_PER_INPUT } from './bucket-minimum';
import { planOverflow } from './windows';

describe('bucketMinimums', () => {
  it('needs [CLS] + one token + [SEP] for any bucket, and a window of 3 tokens for the largest', () => {
    expect(bucketMinimums()).toEqual({ smallest: 3, largest: 5 });
    expect(SPECIAL_TOKENS_PER_INPUT).toBe(2);
  });

  it('follows the number of special tokens', () => {
    expect(bucketMinimums(0)).toEqual({ smallest: 1, largest: 3 });
    expect(bucketMinimums(3)).toEqual({ smallest: 4, largest: 6 });
  });

  it('refuses the window that produced nonsense: a largest bucket of 3 runs a 15-token text as 15 one-token windows', () => {
    const plan = planOverflow(15, 3 - SPECIAL_TOKENS_PER_INPUT, 'window');
    expect(plan.spans).toHaveLength(15);
    expect(plan.spans.every((s) => s.end - s.start === 1)).toBe(true);
    expect(3).toBeLessThan(bucketMinimums().largest);
  });
});
