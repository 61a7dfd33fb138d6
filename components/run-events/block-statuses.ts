// The statuses a block shows on the editor's canvas, the execution page's graph, timeline and panel, and their
// words, in one place.

/**
 * `pending` a block still waiting; `running`, `success`, `error`, `skipped` as the stream or the log says;
 * `cancelled` a block stopped because the execution ended (cancelled, or another block failed); `not_reached` a
 * block that never started in an execution that has ended.
 */
export type BlockStatus = 'pending' | 'running' | 'success' | 'error' | 'cancelled' | 'skipped' | 'not_reached';

/** The statuses a run's stream itself gives a block (the others are read from the record once it has ended). */
export type BlockRunStatus = Extract<BlockStatus, 'pending' | 'running' | 'success' | 'error' | 'skipped'>;

export const BLOCK_STATUS_LABEL: Record<BlockStatus, string> = {
  pending: 'Waiting',
  running: 'Running',
  success: 'Succeeded',
  error: 'Failed',
  cancelled: 'Stopped',
  skipped: 'Skipped',
  not_reached: 'Not reached',
};
