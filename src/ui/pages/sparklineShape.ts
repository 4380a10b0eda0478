/**
 * What a sparkline of weekly reply times shows: its accessible label and the points of its lines.
 * Apart from Sparkline.tsx because the popup's first paint draws sparklines without Preact.
 */
import { formatDuration } from '../../core/format.ts';
import type { WeeklyNorm } from '../../core/types.ts';

export interface SparklineShape {
  label: string;
  /** Runs of consecutive known weeks, as "x,y" points; a run of one point is drawn as a dot. */
  segments: string[][];
}

export function sparklineShape(weeks: readonly WeeklyNorm[], width: number, height: number): SparklineShape {
  const values = weeks.map((w) => w.medianWorkingMs);
  const known = values.filter((v): v is number => v !== null);
  const label =
    known.length === 0
      ? 'No replies in the last 8 weeks'
      : `Typical reply per week, oldest first: ${values.map((v) => (v === null ? 'none' : formatDuration(v))).join(', ')}`;
  const max = Math.max(1, ...known);
  const step = weeks.length > 1 ? (width - 4) / (weeks.length - 1) : 0;
  const point = (v: number, i: number) => `${(2 + i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`;

  // Consecutive known weeks form one line; a lone week is a dot.
  const segments: string[][] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current);
      current = [];
    } else current.push(point(v, i));
  });
  if (current.length) segments.push(current);
  return { label, segments };
}
