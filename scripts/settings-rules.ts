/**
 * The stamp of the settings rules a build checks stored settings by (src/store/settings-check.ts):
 * a hash of everything in src/core (the schema, the repair, the limits and what they use) and of
 * zod's version. wxt.config.ts gives it to the code as __REPLYPACE_SETTINGS_RULES__. The same
 * sources give the same stamp, so a rebuild from the sources zip gives the same files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { filesUnder } from './files-under.ts';

export function settingsRulesStamp(root: string): string {
  const hash = createHash('sha256');
  const core = join(root, 'src', 'core');
  for (const file of filesUnder(core)) {
    // The path with forward slashes, so the stamp is the same on every system.
    hash.update(relative(root, file).split('\\').join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  const zod = JSON.parse(readFileSync(createRequire(join(root, 'package.json')).resolve('zod/package.json'), 'utf8')) as { version: string };
  hash.update(`zod@${zod.version}`);
  return hash.digest('hex').slice(0, 16);
}
