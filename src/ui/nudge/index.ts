export { showNudge, NUDGE_TAG } from './show';
export type { NudgeCardProps, NudgeHandle, NudgeUiChoice } from './types';
