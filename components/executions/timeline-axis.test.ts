import { describe, expect, it } from 'vitest';
import { AXIS_LABEL_WIDTH, axisTicks } from './timeline-axis';

// The timeline's axis labels never crowd each other, however narrow the axis.

function closestGapPx(ticks: number[], totalMs: number, widthPx: number): number {
  return Math.min(...ticks.slice(1).map((at, index) => ((at - ticks[index]) / totalMs) * widthPx));
}

describe('axisTicks', () => {
  it('gives a wide axis about five round steps from 0', () => {
    expect(axisTicks(1000, 800)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(axisTicks(1000, null)).toEqual([0, 200, 400, 600, 800, 1000]);
  });

  it('thins the labels out as the axis narrows, keeping a label’s width between them', () => {
    for (const totalMs of [3, 480, 1234, 9_999, 61_000, 3_700_000]) {
      for (const widthPx of [80, 120, 200, 260, 330, 500]) {
        const ticks = axisTicks(totalMs, widthPx);
        expect(ticks[0]).toBe(0);
        if (ticks.length > 1) expect(closestGapPx(ticks, totalMs, widthPx)).toBeGreaterThanOrEqual(AXIS_LABEL_WIDTH - 0.001);
      }
    }
    expect(axisTicks(1000, 130)).toEqual([0, 500, 1000]);
  });
});
