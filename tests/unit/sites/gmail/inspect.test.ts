import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..', '..');
const inspect = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/inspect.ts', ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// Each test starts node + tsx, which compiles the readers: about 3 s on an idle machine, 9 s and more
// on a loaded one (load average 13 on 2 cores measured), past vitest's 5 s default.
describe('npm run inspect', { timeout: 60_000 }, () => {
  it('prints what ReplyPace reads from a saved Gmail page, telling the site from the page', () => {
    const out = JSON.parse(inspect('tests/fixtures/gmail/2026-11-two-composes.html'));
    expect(out.site).toBe('gmail');
    expect(out.account).toBe('sam@northwind-sales.com');
    expect(out.messages).toHaveLength(3);
    expect(out.messages[0]).toMatchObject({ from: 'jana.berger@acme-corp.com', atIso: '2026-05-13T08:12:00.000Z' });
    expect(out.composes.map((c: { kind: string }) => c.kind)).toEqual(['inline', 'popup']);
  });

  it('reads Outlook pages through the Outlook reader', () => {
    const out = JSON.parse(inspect('tests/fixtures/outlook/2025-05-read-A.html'));
    expect(out.site).toBe('outlook');
    expect(out.messages.length).toBeGreaterThan(0);
  });

  it('says so, and fails, for a page of neither site', () => {
    expect(() => inspect('tests/demo/gmail/demo.js')).toThrow(/neither a Gmail nor an Outlook page/);
  });
});
