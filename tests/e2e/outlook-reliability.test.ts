/**
 * At least 200 random send gestures on the Outlook demo mailbox with faults injected (see
 * outlook-reliability.ts for each fault and how it is injected): no send lost, none sent twice,
 * none swallowed, every nudge closable. `npm run bench` runs 2,000.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LaunchedExtension } from './harness.ts';
import { launchOnOutlookDemo } from './outlook-support.ts';
import { runOutlookGestureTrials } from './outlook-reliability.ts';

let ext: LaunchedExtension & { extensionPage: Page };
beforeAll(async () => {
  ext = await launchOnOutlookDemo();
});
afterAll(async () => {
  await ext?.close();
});

it('survives 200 random send gestures with faults: nothing lost, nothing twice, every nudge closes', { timeout: 900_000 }, async () => {
  const seed = Number(process.env.REPLYPACE_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const report = await runOutlookGestureTrials(ext, { gestures: 200, seed });
  console.log(`outlook reliability seed=${seed}`, JSON.stringify({ ...report, problems: report.problems.slice(0, 10) }));
  expect(report.problems).toEqual([]);
  expect({ swallowed: report.swallowed, lost: report.lost, duplicated: report.duplicated, unclosable: report.unclosable }).toEqual({
    swallowed: 0, lost: 0, duplicated: 0, unclosable: 0,
  });
  // The run must really have exercised the nudge, the schedule path and every fault.
  expect(report.nudges).toBeGreaterThan(20);
  expect(report.scheduled).toBeGreaterThan(0);
  expect(report.scheduleFailures).toBeGreaterThan(0);
  for (const fault of ['background-unreachable', 'database-errors', 'no-schedule-dialog', 'no-send-button', 'decision-not-ready']) {
    expect(report.faultGestures[fault] ?? 0, fault).toBeGreaterThan(0);
  }
});
