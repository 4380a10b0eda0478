/** A calendar file refused, with a message for the user. Its own file: pages use it without ical.js. */
export class IcsError extends Error {
  override name = 'IcsError';
}
