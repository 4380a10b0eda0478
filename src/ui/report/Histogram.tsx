import type { ReportModel } from '../../core/report.ts';
import { formatDuration } from '../../core/format.ts';

interface Props {
  histogram: ReportModel['histogram'];
  targetMs: number;
}

const WIDTH = 640;
const HEIGHT = 230;
const LEFT = 8;
const RIGHT = 8;
const TOP = 28;
const BOTTOM = 44;

/**
 * Reply times in working hours, one bar per range, with the agreed target as a dashed line.
 * Counts are printed above the bars and bars within the target are solid, the others hatched,
 * so the chart still reads on a black-and-white printout.
 */
export function Histogram({ histogram, targetMs }: Props) {
  const { bins, max, targetPosition } = histogram;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / bins.length;
  const barWidth = slot * 0.72;
  const scale = max > 0 ? plotHeight / max : 0;
  const targetX = LEFT + Math.min(bins.length, targetPosition) * slot;
  const description = `Replies by working time taken: ${bins.map((b) => `${b.label}: ${b.count}`).join('; ')}. Target ${formatDuration(targetMs)}.`;
  return (
    <svg class="chart histogram" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="histogram-title histogram-desc">
      <title id="histogram-title">How long replies took, in working time</title>
      <desc id="histogram-desc">{description}</desc>
      <defs>
        <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" class="bar-late-bg" />
          <line x1="0" y1="0" x2="0" y2="6" class="bar-late-line" stroke-width="3" />
        </pattern>
      </defs>
      <line x1={LEFT} x2={WIDTH - RIGHT} y1={TOP + plotHeight} y2={TOP + plotHeight} class="axis" />
      {bins.map((bin, index) => {
        const height = bin.count * scale;
        const x = LEFT + index * slot + (slot - barWidth) / 2;
        const y = TOP + plotHeight - height;
        return (
          <g key={bin.label} class={bin.withinTarget ? 'bin within' : 'bin late'}>
            {bin.count > 0 && <rect x={x} y={y} width={barWidth} height={height} fill={bin.withinTarget ? undefined : 'url(#hatch)'} />}
            <text x={x + barWidth / 2} y={y - 5} text-anchor="middle" class="count">
              {bin.count}
            </text>
            <text x={x + barWidth / 2} y={TOP + plotHeight + 16} text-anchor="middle" class="tick">
              {bin.label}
            </text>
          </g>
        );
      })}
      <line x1={targetX} x2={targetX} y1={TOP - 14} y2={TOP + plotHeight + 4} class="target" />
      <text x={targetX + 4} y={TOP - 16} class="target-label">
        Target {formatDuration(targetMs)}
      </text>
      <text x={LEFT} y={HEIGHT - 6} class="axis-label">
        Working time from their message to your reply
      </text>
    </svg>
  );
}
