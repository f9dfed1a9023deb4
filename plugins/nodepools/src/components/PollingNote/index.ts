export { PollingNote } from './PollingNote';
export type { PollingNoteProps } from './PollingNote';
