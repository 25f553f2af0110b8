import { describe, expect, it } from 'vitest';
import { boundaryX, lengthAtX } from './handle-geometry';

const g = { first: 1, last: 100, plotX: 50, plotWidth: 400 };

describe('handle geometry', () => {
  it('puts a boundary on the right edge of its length band', () => {
    expect(boundaryX(1, g)).toBe(54);
    expect(boundaryX(100, g)).toBe(450);
    expect(boundaryX(50, g)).toBe(250);
  });

  it('inverts boundaryX for every length on the axis', () => {
    for (let length = 1; length <= 100; length++) expect(lengthAtX(boundaryX(length, g), g)).toBe(length);
  });

  it('snaps to the nearest boundary and clamps to the axis', () => {
    expect(lengthAtX(250 + 1.9, g)).toBe(50);
    expect(lengthAtX(250 + 2.1, g)).toBe(51);
    expect(lengthAtX(-1000, g)).toBe(1);
    expect(lengthAtX(10_000, g)).toBe(100);
  });

  it('refuses an axis without width', () => {
    expect(() => boundaryX(3, { ...g, plotWidth: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_AXIS' }));
  });
});
