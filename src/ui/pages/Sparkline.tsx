import type { WeeklyNorm } from '../../core/types.ts';
import { sparklineShape } from './sparklineShape.ts';

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
  const { label, segments } = sparklineShape(weeks, width, height);

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
