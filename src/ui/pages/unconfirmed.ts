/**
 * Whether a change that failed may have been written anyway: an answer that did not come in time,
 * or a background that failed, may come after the write. Only a refusal (the request was invalid
 * or not allowed, checked before anything is written) is certain to have changed nothing. After
 * an unconfirmed change a page shows the settings as they are stored now, so that its next save
 * does not undo what was written.
 */
export function mayHaveChanged(envelope: { ok: boolean; code?: string }): boolean {
  return !envelope.ok && envelope.code !== 'invalid-request' && envelope.code !== 'forbidden';
}

export const SHOWN_AS_STORED = 'The settings shown are the ones stored now.';
