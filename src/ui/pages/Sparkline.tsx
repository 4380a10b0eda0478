import type { WeeklyNorm } from '../../core/types.ts';
import { formatDuration } from '../../core/format.ts';

interface Props {
  weeks: readonly WeeklyNorm[];
  width?: number;
  height?: number;
}

/**
 * Typical reply time per week, oldest on the left; weeks without replies are gaps, not zeros (a
 * zero would read as "replied instantly"). The accessible name carries the same numbers.
 */
export function Sparkline({ weeks, width = 72, height = 20 }: Props) {
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

  return (
    <svg class="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <title>{label}</title>
      <line x1="0" y1={height - 1} x2={width} y2={height - 1} stroke="currentColor" stroke-opacity="0.2" />
      {segments.map((points) =>
        points.length === 1 ? (
          <circle key={points[0]} cx={points[0]!.split(',')[0]} cy={points[0]!.split(',')[1]} r="2.4" fill="currentColor" />
        ) : (
          <polyline key={points[0]} points={points.join(' ')} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" />
        ),
      )}
    </svg>
  );
}
