/**
 * The words of settings problems: a field's path as a person reads it ("clients[2].schedule.timeZone")
 * and each zod issue as a sentence ("'Mars/Base' is not a known time zone"). Shared by the strict
 * check, the file import and the repair report, so the same problem always reads the same.
 */
import type { z } from './zod.ts';

/** ['clients', 2, 'schedule', 'timeZone'] → "clients[2].schedule.timeZone". */
export function pathText(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return 'settings';
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text;
}

export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is missing' : `${quoted(issue.input)} is not ${article(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'array') return `needs ${issue.exact ? 'exactly' : 'at least'} ${String(issue.minimum)} entries`;
      if (issue.origin === 'string') return 'is empty';
      return `${quoted(issue.input)} is below the minimum of ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return issue.exact ? `needs exactly ${String(issue.maximum)} entries` : `has more than ${String(issue.maximum)} entries`;
      if (issue.origin === 'string') return `is longer than ${String(issue.maximum)} characters`;
      return `${quoted(issue.input)} is above the maximum of ${String(issue.maximum)}`;
    case 'invalid_value':
      return `${quoted(issue.input)} is not one of ${issue.values.map((v) => quoted(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'an object';
  if (expected === 'int') return 'a whole number';
  return `a ${expected}`;
}

export function quoted(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (value === undefined) return 'nothing';
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
