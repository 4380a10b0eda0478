import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The pure core is kept pure by a lint rule (eslint.config.js), not by hope. These tests prove the
// rule bites: code that reaches for storage, the DOM or the browser from src/core is an error.
const eslint = new ESLint({ cwd: process.cwd() });

async function coreLintMessages(source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: 'src/core/__probe__.ts' });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the pure core boundary', () => {
  it('rejects Dexie, browser APIs, Preact and outer layers in src/core', async () => {
    const messages = await coreLintMessages(
      [
        "import Dexie from 'dexie';",
        "import { browser } from 'wxt/browser';",
        "import { h } from 'preact';",
        "import { openDb } from '../store/db';",
        'export const probe = [Dexie, browser, h, openDb];',
      ].join('\n'),
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(4);
  });

  it('rejects DOM and network globals in src/core', async () => {
    const messages = await coreLintMessages(
      'export const probe = () => [document.title, window.name, fetch, indexedDB];\n',
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-globals'))).toHaveLength(4);
  });

  it('accepts plain date-fns and Intl code in src/core', async () => {
    const messages = await coreLintMessages(
      "import { addDays } from 'date-fns';\nexport const tomorrow = (d: Date): string => new Intl.DateTimeFormat('en').format(addDays(d, 1));\n",
    );
    expect(messages).toEqual([]);
  });
});

async function lintMessages(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the protocol boundaries', () => {
  it('keeps zod out of content-script code: the protocol for its types only, zod not at all', async () => {
    const messages = await lintMessages(
      'src/sites/shared/__probe__.ts',
      [
        "import { CONTENT_REQUEST_TYPES } from '../../messaging/protocol.ts';",
        "import { z } from 'zod';",
        "import type { TabRequest } from '../../messaging/protocol.ts';",
        'export const probe: [unknown, unknown, TabRequest | null] = [CONTENT_REQUEST_TYPES, z, null];',
      ].join('\n'),
    );
    expect(messages.filter((m) => m.startsWith('@typescript-eslint/no-restricted-imports'))).toHaveLength(2);
  });

  it('keeps store rows out of the protocol', async () => {
    const messages = await lintMessages('src/messaging/__probe__.ts', "import type { ImportRecord } from '../store/db.ts';\nexport type Probe = ImportRecord;\n");
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(1);
  });
});
