import { describe, expect, it } from 'vitest';
import { LIVE_STEADY, nextLiveWarmup, sentDuringWarmup, type LiveWarmup, type LiveWarmupEvent } from './live-warmup';

// An apply stands for the store's promise of its outcome; a name is enough here.
type State = LiveWarmup<string>;
const warming = (picked: boolean, apply: string | null): State => ({ kind: 'warming', picked, apply });
const warmed = (picked: boolean, apply: string | null): State => ({ kind: 'warmed', picked, apply });
const checked = (isWarming: boolean): LiveWarmupEvent<string> => ({ type: 'checked', warming: isWarming });
const sent = (duringWarmup: boolean, picked = false, started: string | null = null): LiveWarmupEvent<string> => ({
  type: 'sent',
  duringWarmup,
  picked,
  started,
});

describe('nextLiveWarmup', () => {
  it('starts steady: nothing sent yet is put down to a warm-up', () => {
    expect(LIVE_STEADY).toEqual({ kind: 'steady' });
    expect(sentDuringWarmup(LIVE_STEADY)).toBe(false);
  });

  describe("'checked': whether the worker warms up the handles on screen before the next chunk", () => {
    it.each<[string, State, boolean, State]>([
      ['steady, no warm-up: stays steady', LIVE_STEADY, false, LIVE_STEADY],
      ['steady, a warm-up it has not sent to: stays steady', LIVE_STEADY, true, LIVE_STEADY],
      ['warming, still warming: unchanged', warming(true, 'a'), true, warming(true, 'a')],
      ['warming, over: warmed, keeping what it picked and its apply', warming(true, 'a'), false, warmed(true, 'a')],
      ['warming without picks or apply, over: warmed', warming(false, null), false, warmed(false, null)],
      ['warmed, checked again: unchanged', warmed(true, 'a'), false, warmed(true, 'a')],
      ['warmed, a warm-up again: unchanged until a chunk goes to it', warmed(false, 'a'), true, warmed(false, 'a')],
    ])('%s', (_, state, isWarming, next) => {
      expect(nextLiveWarmup(state, checked(isWarming))).toEqual(next);
    });
  });

  describe("'sent': a chunk goes to the worker", () => {
    it.each<[string, State, LiveWarmupEvent<string>, State]>([
      ['steady, on the applied sessions: steady', LIVE_STEADY, sent(false), LIVE_STEADY],
      ['warming, on the applied sessions: steady', warming(true, 'a'), sent(false), LIVE_STEADY],
      ['warmed, on the applied sessions: steady, its apply read', warmed(true, 'a'), sent(false), LIVE_STEADY],
      ['steady, to a warm-up others started', LIVE_STEADY, sent(true), warming(false, null)],
      ['steady, picked, to a warm-up it started', LIVE_STEADY, sent(true, true, 'b'), warming(true, 'b')],
      ['warming, the same warm-up: a pick is kept', warming(true, 'a'), sent(true, false), warming(true, 'a')],
      ['warming, the same warm-up: a first pick counts', warming(false, 'a'), sent(true, true), warming(true, 'a')],
      [
        'warming, the same warm-up, nothing picked: still nothing',
        warming(false, null),
        sent(true),
        warming(false, null),
      ],
      [
        'warming, an apply started now replaces none',
        warming(false, null),
        sent(true, false, 'b'),
        warming(false, 'b'),
      ],
      ['warmed, to a new warm-up: starts afresh', warmed(true, 'a'), sent(true), warming(false, null)],
      ['warmed, to a new warm-up it started', warmed(true, null), sent(true, true, 'b'), warming(true, 'b')],
    ])('%s', (_, state, event, next) => {
      expect(nextLiveWarmup(state, event)).toEqual(next);
    });
  });

  it('a failure is put down to the warm-up while the last chunk went to one, over or not', () => {
    expect(sentDuringWarmup(warming(false, null))).toBe(true);
    expect(sentDuringWarmup(warmed(false, null))).toBe(true);
    expect(sentDuringWarmup(nextLiveWarmup(warmed(true, 'a'), sent(false)))).toBe(false);
  });

  it('a stream through a warm-up it started: the end is marked once, its apply read, then steady', () => {
    let state: State = LIVE_STEADY;
    state = nextLiveWarmup(state, checked(false));
    // No warm-up: the stream applies the handles itself, and that apply warms them up.
    state = nextLiveWarmup(state, sent(true, true, 'own'));
    state = nextLiveWarmup(state, checked(true));
    state = nextLiveWarmup(state, sent(true, false));
    expect(state).toEqual(warming(true, 'own'));
    state = nextLiveWarmup(state, checked(false));
    expect(state).toEqual(warmed(true, 'own'));
    state = nextLiveWarmup(state, sent(false));
    expect(state).toEqual(LIVE_STEADY);
    expect(nextLiveWarmup(state, checked(false))).toEqual(LIVE_STEADY);
  });
});
