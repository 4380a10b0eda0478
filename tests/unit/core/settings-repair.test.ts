import { describe, expect, it } from 'vitest';
import { repairSettings } from '../../../src/core/settings-repair.ts';
import { settingsSchemas, validateSettings } from '../../../src/core/settings-schema.ts';

// Repair is written field by field (settings-repair.ts), so a field added to the schema and
// forgotten there would be silently dropped from every stored settings object that needs any
// repair. This test reads the fields from the schema itself: it builds the fullest valid settings
// the schema allows (every optional field present, every list and map with an entry, values other
// than the defaults), damages one field at a time, repairs, and checks that every other valid field
// came through unchanged.

type Path = (string | number)[];
type Schema = { _zod: { def: Record<string, unknown> & { type: string } }; safeParse(value: unknown): { success: boolean; data?: unknown } };

const ZONE = 'UTC';

/** What repair falls back to for each field (a client's fields from a client with only an id and a name). */
const fallback = repairSettings({ clients: [{ id: 'fallback-id', name: 'fallback-name' }], attention: {} }, ZONE).settings;

function at(value: unknown, path: Path): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

const accepts = (schema: Schema, value: unknown) => {
  const result = schema.safeParse(value);
  // Only values that come out as they went in: repair normalises (trims, lower-cases) otherwise.
  return result.success && JSON.stringify(result.data) === JSON.stringify(value);
};

let leafCount = 0;
const ZONES = ['Asia/Tokyo', 'America/Denver', 'Europe/Oslo', 'Australia/Perth', 'Africa/Lagos'];

/** A valid value for a leaf, other than what repair would fall back to, different from leaf to leaf. */
function leafSample(schema: Schema, path: Path): unknown {
  const def = schema._zod.def;
  const index = ++leafCount;
  const candidates: unknown[] =
    def.type === 'literal'
      ? [...(def.values as unknown[])]
      : def.type === 'enum'
        ? Object.values(def.entries as Record<string, unknown>).reverse()
        : [
            true,
            false,
            index + 1,
            index + 1.5,
            ...[2, 3, 4, 5, 6, 7, 0.5, 1, 0],
            1_700_000_000_000 + index,
            `text ${index}`,
            ZONES[index % ZONES.length],
            `${String(index % 24).padStart(2, '0')}:${String((index * 7) % 60).padStart(2, '0')}`,
            `2026-12-${String(1 + (index % 28)).padStart(2, '0')}`,
            `pat${index}@initech.com`,
            `initech${index}.com`,
          ];
  const valid = candidates.filter((candidate) => accepts(schema, candidate));
  const fallbackValue = at(fallback, path);
  const chosen = def.type === 'literal' ? valid[0] : valid.find((candidate) => JSON.stringify(candidate) !== JSON.stringify(fallbackValue));
  if (chosen === undefined) throw new Error(`no sample value for ${path.join('.')} (${def.type}): add a candidate to this test`);
  return chosen;
}

/** The fullest valid value of `schema`. */
function sample(schema: Schema, path: Path): unknown {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object':
      return Object.fromEntries(Object.entries(def.shape as Record<string, Schema>).map(([key, child]) => [key, sample(child, [...path, key])]));
    case 'optional':
    case 'nullable':
      return sample(def.innerType as Schema, path);
    case 'array': {
      // The shortest non-empty list the schema takes (a week has exactly seven days).
      for (let length = 1; length <= 10; length++) {
        const list = Array.from({ length }, (_, i) => sample(def.element as Schema, [...path, i]));
        if (schema.safeParse(list).success) return list;
      }
      throw new Error(`no list length fits ${path.join('.')}`);
    }
    case 'record': {
      const key = leafSample(def.keyType as Schema, [...path, '(key)']) as string;
      return { [key]: sample(def.valueType as Schema, [...path, key]) };
    }
    default:
      return leafSample(schema, path);
  }
}

/** Every path of the value (containers and leaves), with the schema that governs it. */
function fields(schema: Schema, value: unknown, path: Path = []): { path: Path; schema: Schema; leaf: boolean }[] {
  const def = schema._zod.def;
  if (def.type === 'optional' || def.type === 'nullable') return fields(def.innerType as Schema, value, path);
  const here = path.length > 0 ? [{ path, schema, leaf: false }] : [];
  if (def.type === 'object') {
    return [...here, ...Object.entries(def.shape as Record<string, Schema>).flatMap(([key, child]) => fields(child, at(value, [key]), [...path, key]))];
  }
  if (def.type === 'array') return [...here, ...(value as unknown[]).flatMap((entry, i) => fields(def.element as Schema, entry, [...path, i]))];
  if (def.type === 'record') {
    return [...here, ...Object.entries(value as Record<string, unknown>).flatMap(([key, entry]) => fields(def.valueType as Schema, entry, [...path, key]))];
  }
  return [{ path, schema, leaf: true }];
}

/** A value the field's own schema refuses. */
function damageFor(schema: Schema): unknown {
  const damage = [-1, 'not valid ☃', null, [], {}].find((candidate) => !schema.safeParse(candidate).success);
  if (damage === undefined) throw new Error('no damaging value');
  return damage;
}

/**
 * What repair may lose when `damaged` is broken, by design: the field itself (a list entry is
 * dropped, a field reset); a whole client when its id or name is unusable; a whole week when one
 * of its ranges is broken (the week is repaired as one field).
 */
function lostWith(damaged: Path): Path {
  const clientIdentity = damaged.length === 3 && damaged[0] === 'clients' && (damaged[2] === 'id' || damaged[2] === 'name');
  if (clientIdentity) return damaged.slice(0, 2);
  const week = damaged.indexOf('week');
  if (week >= 0) return damaged.slice(0, week + 1);
  return damaged;
}

const isUnder = (path: Path, prefix: Path) => prefix.length <= path.length && prefix.every((key, i) => path[i] === key);
const label = (path: Path) => path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('').slice(1);

const settingsSchema = settingsSchemas().SettingsSchema as unknown as Schema;
const fullest = sample(settingsSchema, []);
const allFields = fields(settingsSchema, fullest);
const leaves = allFields.filter((f) => f.leaf).map((f) => f.path);

describe('repair keeps every valid field (read from the schema)', () => {
  it('starts from the fullest valid settings, with every field present', () => {
    expect(validateSettings(fullest)).toEqual({ ok: true, settings: fullest });
    // Every field of a client, of the defaults and of the attention thresholds is in the sample.
    for (const path of [['clients', 0, 'schedule', 'holidays', 0], ['clients', 0, 'minReplyDelayMinutes'], ['attention', 'weeklyReviewHour'], ['pausedUntil']]) {
      expect(leaves.some((leaf) => isUnder(leaf, path)), label(path)).toBe(true);
    }
    expect(repairSettings(fullest, ZONE)).toEqual({ settings: fullest, problems: [] });
  });

  it.each(allFields.map((f) => [label(f.path), f] as const))('damaged %s: the rest is kept', (_name, field) => {
    const damaged = structuredClone(fullest) as Record<string, unknown>;
    const parent = at(damaged, field.path.slice(0, -1)) as Record<string | number, unknown>;
    parent[field.path[field.path.length - 1]!] = damageFor(field.schema);

    const { settings, problems } = repairSettings(damaged, ZONE);
    expect(problems.length, 'the damage is reported').toBeGreaterThan(0);
    expect(validateSettings(settings).ok).toBe(true);
    const lost = lostWith(field.path);
    for (const leaf of leaves) {
      if (isUnder(leaf, lost)) continue;
      expect(at(settings, leaf), label(leaf)).toEqual(at(fullest, leaf));
    }
  });
});
