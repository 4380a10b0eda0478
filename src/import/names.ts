/** Which files hold mail, by name (shared by the readers and the pages' folder picking). */

/** Takeout's "…/Mail/All mail Including Spam and Trash.mbox", Apple Mail's "Name.mbox/mbox", .mbx, .eml files. */
export function isMailboxName(name: string): boolean {
  const base = name.split('/').pop() ?? name;
  return /\.(mbox|mbx|eml)$/i.test(base) || base === 'mbox';
}

/** Archives a Takeout export comes in. */
export function isArchiveName(name: string): boolean {
  return /\.(zip|tgz|tar|gz)$/i.test(name);
}
