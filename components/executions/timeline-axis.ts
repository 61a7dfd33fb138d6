// Where the timeline's axis puts its labels: round steps (0, 100 ms, 200 ms…) no closer together than a label
// needs, so a narrow axis shows fewer labels instead of overlapping ones.

/** The room one axis label needs, gap included: "1.25 s", "250 ms" and "2m 05s" are about 40 px at 10 px type. */
export const AXIS_LABEL_WIDTH = 64;
/** A wide axis still gets no more than this many steps. */
const MAX_STEPS = 5;

/** The tick offsets in ms for an axis `widthPx` wide (null until measured: the wide default) spanning `totalMs`. */
export function axisTicks(totalMs: number, widthPx: number | null): number[] {
  const steps = widthPx === null ? MAX_STEPS : Math.max(1, Math.min(MAX_STEPS, Math.floor(widthPx / AXIS_LABEL_WIDTH)));
  const rough = totalMs / steps;
  const power = 10 ** Math.floor(Math.log10(Math.max(rough, 0.001)));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? power * 10;
  const result: number[] = [];
  for (let at = 0; at <= totalMs + step * 0.001; at += step) result.push(at);
  return result;
}
