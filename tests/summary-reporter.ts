import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

/**
 * Ends every run with one plain line, "tests: N passed, N failed, N skipped", so CI logs (and the
 * tools that read them) see how many tests really ran, whatever the default reporter prints.
 *
 * A failure outside any test (a failing beforeAll/afterAll hook, a file that cannot load, an
 * unhandled error) fails the run too: it is counted among the failed, and named on a line of its own.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, _reason: TestRunEndReason): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const outside: string[] = [];
    for (const module of testModules) {
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') failedTests += 1;
        else counts.skipped += 1;
      }
      counts.failed += failedTests;
      const suitesFailed = [...module.children.allSuites()].some((suite) => suite.state() === 'failed' && ![...suite.children.allTests()].some((t) => t.result().state === 'failed'));
      if (module.errors().length > 0 || suitesFailed || (module.state() === 'failed' && failedTests === 0)) outside.push(module.moduleId);
    }
    counts.failed += outside.length + unhandledErrors.length;
    console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    for (const file of outside) console.log(`failed outside its tests (a hook, or the file itself): ${file}`);
    for (const error of unhandledErrors) console.log(`unhandled error: ${error.message}`);
  }
}
