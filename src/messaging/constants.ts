/** Shared by both sides of the protocol; a plain module so that neither side needs zod to name it. */
export const NORMS_UPDATES_PORT = 'norms-updates';
