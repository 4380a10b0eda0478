import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as zodModule from 'zod';

// A background woken from sleep pays for every schema its modules build when they load, before its
// first answer (issue 16). So the protocol, the settings and site health build theirs on first use,
// and a request builds only its own type's schema. These tests count zod's schema factories
// (z.object, z.string, …) while the background's modules load and answer.
const built: string[] = [];

vi.mock('zod', async (importOriginal) => {
  const actual = await importOriginal<typeof zodModule>();
  const counted = new Proxy(actual.z, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      // Factories only (lower-case names); classes stay themselves for instanceof, config is not a schema.
      if (typeof value !== 'function' || typeof key !== 'string' || !/^[a-z]/.test(key) || key === 'config') return value;
      return (...args: unknown[]) => {
        built.push(key);
        return (value as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  return { ...actual, z: counted };
});

beforeEach(() => {
  vi.resetModules();
  built.length = 0;
});

describe('schemas are built on first use', () => {
  it('loading the background server and the store builds no schema', async () => {
    await import('../../../src/background/server.ts');
    await import('../../../src/store/health.ts');
    await import('../../../src/store/settings-check.ts');
    await import('../../../src/core/settings.ts');
    expect(built).toEqual([]);
  });

  it('a request builds its own type’s schema once, and no other', async () => {
    const { contentRequestSchema, pageRequestSchema } = await import('../../../src/messaging/protocol.ts');
    const popupData = pageRequestSchema('popupData');
    expect(built.sort()).toEqual(['literal', 'object']);
    expect(popupData?.safeParse({ type: 'popupData' }).success).toBe(true);
    expect(pageRequestSchema('popupData')).toBe(popupData);
    expect(built).toHaveLength(2);

    expect(contentRequestSchema('ping')?.safeParse({ type: 'ping' }).success).toBe(true);
    expect(built).toHaveLength(4);
  });

  it('a type that is no request, or is another audience’s, has no schema', async () => {
    const { contentRequestSchema, pageRequestSchema } = await import('../../../src/messaging/protocol.ts');
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty', '', undefined, null, 7, { type: 'ping' }]) {
      expect(contentRequestSchema(type), String(type)).toBeNull();
      expect(pageRequestSchema(type), String(type)).toBeNull();
    }
    expect(pageRequestSchema('ping')).toBeNull();
    expect(contentRequestSchema('popupData')).toBeNull();
    expect(built).toEqual([]);
  });

  it('the settings schemas are built once, on the first check', async () => {
    const { settingsSchemas, validateSettings, defaultSettings } = await import('../../../src/core/settings.ts');
    expect(built).toEqual([]);
    expect(validateSettings(defaultSettings('UTC')).ok).toBe(true);
    const count = built.length;
    expect(count).toBeGreaterThan(10);
    expect(validateSettings({}).ok).toBe(false);
    expect(settingsSchemas()).toBe(settingsSchemas());
    expect(built).toHaveLength(count);
  });
});
