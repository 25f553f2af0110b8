import { describe, expect, it } from 'vitest';
import {
  AGGREGATIONS,
  ALGORITHM_IDS,
  BUNDLED_MODELS,
  DEFAULT_BUCKET_PLAN,
  DEFAULT_MODEL,
  DEFAULT_SETTINGS,
  FALLBACK_MODEL_NAME,
  MAX_K,
  isOneOf,
} from './settings';

describe('settings defaults', () => {
  it('are valid choices of their own lists, and frozen', () => {
    expect(AGGREGATIONS).toContain(DEFAULT_SETTINGS.aggregation);
    expect(ALGORITHM_IDS).toContain(DEFAULT_BUCKET_PLAN.algorithm);
    expect(DEFAULT_BUCKET_PLAN.k).toBeLessThanOrEqual(MAX_K);
    expect(BUNDLED_MODELS).toContain(FALLBACK_MODEL_NAME);
    expect(DEFAULT_MODEL).toEqual({ kind: 'bundled', name: BUNDLED_MODELS[0] });
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
  });

  it("take the model's own score threshold by default (null), and aggregate by first piece", () => {
    expect(DEFAULT_SETTINGS.scoreThreshold).toBeNull();
    expect(DEFAULT_SETTINGS.aggregation).toBe('first');
  });
});

describe('isOneOf', () => {
  it('accepts only a listed string', () => {
    expect(isOneOf('max', AGGREGATIONS)).toBe(true);
    expect(isOneOf('MAX', AGGREGATIONS)).toBe(false);
    expect(isOneOf(3, AGGREGATIONS)).toBe(false);
  });
});
