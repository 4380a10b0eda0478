import type { ReportModel } from '../../core/report.ts';

interface Props {
  heatmap: ReportModel['heatmap'];
  /** "Sydney time". */
  zoneText: string;
}

const CELL = 22;
const LEFT = 40;
const TOP = 22;
const WIDTH = LEFT + 24 * CELL + 4;
const HEIGHT = TOP + 7 * CELL + 30;

/**
 * When replies went out, weekday × hour in the client's zone. Their working hours are framed and
 * tinted; the darker a cell, the more replies; each non-empty cell also prints its count, so the
 * chart reads without colour.
 */
export function HeatMap({ heatmap, zoneText }: Props) {
  const { rows, max } = heatmap;
  const busiest = rows
    .flatMap((row) => row.hours.map((cell, hour) => ({ day: row.label, hour, ...cell })))
    .filter((cell) => cell.count > 0)
    .map((cell) => `${cell.day} ${cell.hour}:00${cell.working ? '' : ' (outside hours)'}: ${cell.count}`);
  const description = busiest.length ? `Replies per weekday and hour, ${zoneText}: ${busiest.join('; ')}.` : 'No replies in this period.';
  return (
    <svg class="chart heatmap" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="heatmap-title heatmap-desc">
      <title id="heatmap-title">When replies went out ({zoneText})</title>
      <desc id="heatmap-desc">{description}</desc>
      {Array.from({ length: 8 }, (_, i) => i * 3).map((hour) => (
        <text key={hour} x={LEFT + hour * CELL} y={TOP - 8} class="tick" text-anchor="middle">
          {hour}:00
        </text>
      ))}
      {rows.map((row, rowIndex) => (
        <g key={row.label}>
          <text x={LEFT - 8} y={TOP + rowIndex * CELL + CELL / 2 + 4} class="tick" text-anchor="end">
            {row.label}
          </text>
          {row.hours.map((cell, hour) => {
            const x = LEFT + hour * CELL;
            const y = TOP + rowIndex * CELL;
            const strength = max > 0 && cell.count > 0 ? 0.2 + (0.8 * cell.count) / max : 0;
            return (
              <g key={hour}>
                <rect x={x + 1} y={y + 1} width={CELL - 2} height={CELL - 2} rx="2" class={cell.working ? 'cell working' : 'cell'} />
                {cell.count > 0 && <rect x={x + 1} y={y + 1} width={CELL - 2} height={CELL - 2} rx="2" class="cell-fill" fill-opacity={strength.toFixed(2)} />}
                {cell.count > 0 && (
                  <text x={x + CELL / 2} y={y + CELL / 2 + 4} text-anchor="middle" class={strength > 0.6 ? 'cell-count strong' : 'cell-count'}>
                    {cell.count}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      ))}
      <rect x={LEFT} y={HEIGHT - 20} width="14" height="14" rx="2" class="cell working" />
      <text x={LEFT + 20} y={HEIGHT - 9} class="tick">
        their working hours
      </text>
      <rect x={LEFT + 150} y={HEIGHT - 20} width="14" height="14" rx="2" class="cell-fill" fill-opacity="0.9" />
      <text x={LEFT + 170} y={HEIGHT - 9} class="tick">
        more replies
      </text>
    </svg>
  );
}
