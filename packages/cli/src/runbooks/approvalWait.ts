import type { RunbookAction, RunbookAuditRecord } from '@headroom/core';
import { backendApprovalsOf, recordRunbookRun, updateRunbookRun } from './backendRecord';

export interface ApprovalWaitPorts {
  /** Unix seconds. */
  now(): number;
  sleep(seconds: number): Promise<void>;
  log(line: string): void;
}

/**
 * A run's wait for approvals through the backend. The first wait records the run there as
 * waiting (the incident shows it with an Approve button); a later wait rewrites that record.
 * Then the run's approvals are read every `pollSeconds` until the action's appears or the
 * deadline passes. `runId()` is the recorded run, which the run's final record then replaces.
 */
export function backendApprovalWait(
  backend: string,
  token: string | undefined,
  pollSeconds: number,
  ports: ApprovalWaitPorts,
) {
  let runId: string | undefined;
  const awaitApproval = async (
    action: RunbookAction,
    waiting: RunbookAuditRecord,
    deadline: number,
  ): Promise<{ by: string; at: number } | null> => {
    try {
      if (runId === undefined) {
        runId = (await recordRunbookRun(backend, waiting, token)).id;
      } else {
        await updateRunbookRun(backend, runId, waiting, token);
      }
    } catch (error) {
      // Nobody can approve a run the backend does not show: people take over.
      ports.log(`the waiting run could not be recorded (${(error as Error).message})`);
      return null;
    }
    ports.log(
      `waiting for approval of ${action.name} on run ${runId} in ${backend} until ${new Date(deadline * 1000).toISOString()}`,
    );
    for (;;) {
      try {
        const given = (await backendApprovalsOf(backend, runId, token)).find(
          a => a.action === action.name,
        );
        if (given) return { by: given.by, at: given.at };
      } catch (error) {
        ports.log(`approvals could not be read (${(error as Error).message})`);
      }
      const left = deadline - ports.now();
      if (left <= 0) return null;
      await ports.sleep(Math.min(pollSeconds, left));
    }
  };
  return { awaitApproval, runId: () => runId };
}
