/** One measured figure, as `npm run bench` prints it. Benchmarks return these; tests never assert on timings. */
export interface Figure {
  /** What is measured, e.g. "store" or "sizes". */
  section: string;
  name: string;
  value: number;
  unit: string;
  /** The goal in words, e.g. "≥ 20000". */
  goal?: string;
  /** Whether the value meets the goal, when there is one. */
  ok?: boolean;
}
