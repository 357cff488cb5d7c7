import { CodeSnippet, EmptyState, WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { HEADROOM_SLO_FILE_ANNOTATION } from '@headroom/plugin-headroom-common';
import type { SloStatus } from '@headroom/plugin-headroom-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import React from 'react';
import { BackendUnreachableError } from '../api';
import { formatAge, formatTime } from '../lib/format';

const EXAMPLE = `metadata:
  annotations:
    ${HEADROOM_SLO_FILE_ANNOTATION}: ./slos.yaml`;

/** No SLOs and no SLO file: how to add one, through the catalog file or the editor. */
export function NoSlosState(props: {
  entityName: string;
  hasAnnotation: boolean;
  onCreate?: () => void;
}) {
  const { entityName, hasAnnotation, onCreate } = props;
  return (
    <EmptyState
      missing={hasAnnotation ? 'data' : 'info'}
      title={hasAnnotation ? `No SLOs read for ${entityName} yet` : `${entityName} has no SLOs yet`}
      description={
        hasAnnotation
          ? `The ${HEADROOM_SLO_FILE_ANNOTATION} annotation is set, but the backend has not read any SLO from that file yet. It reads catalog files every few minutes; if this stays empty, check the file with "headroom validate".`
          : `Add an OpenSLO file next to catalog-info.yaml and point the ${HEADROOM_SLO_FILE_ANNOTATION} annotation at it, or create an SLO here if you own this entity.`
      }
      action={
        <>
          {!hasAnnotation && <CodeSnippet language="yaml" text={EXAMPLE} showCopyCodeButton />}
          {onCreate && (
            <Button
              variant="contained"
              color="primary"
              onClick={onCreate}
              style={{ marginTop: 16 }}
            >
              Create an SLO
            </Button>
          )}
        </>
      }
    />
  );
}

function describeError(error: Error): { title: string; detail: string } {
  if (error instanceof BackendUnreachableError || error.name === 'BackendUnreachableError') {
    return {
      title: 'The Headroom backend is unreachable',
      detail: `${error.message}. Check that the backend is running; this page retries every minute.`,
    };
  }
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    const status = (error as ResponseError).response?.status;
    if (status === 403) {
      return {
        title: 'You may not read these SLOs',
        detail: `${(error as ResponseError).body?.error?.message ?? error.message}. Ask the owners for access.`,
      };
    }
    return {
      title: `The Headroom backend answered ${status}`,
      detail: (error as ResponseError).body?.error?.message ?? error.message,
    };
  }
  return { title: 'Could not load SLOs', detail: error.message };
}

/**
 * A failed load. With older data still on screen it says since when that data is stale;
 * without, it says what failed and how to retry.
 */
export function LoadError(props: {
  error: Error;
  failingSince?: Date;
  loadedAt?: Date;
  onRetry?: () => void;
}) {
  const { error, failingSince, loadedAt, onRetry } = props;
  const { title, detail } = describeError(error);
  const stale = loadedAt
    ? ` The numbers below were loaded at ${formatTime(loadedAt.toISOString())} and are not updating${failingSince ? ` since ${formatTime(failingSince.toISOString())}` : ''}.`
    : '';
  return <FailurePanel title={title} detail={`${detail}${stale}`} onRetry={onRetry} />;
}

/** The panel of a failed load: what failed, why and what to do, and a retry button. */
export function FailurePanel(props: { title: string; detail: string; onRetry?: () => void }) {
  const { title, detail, onRetry } = props;
  return (
    <WarningPanel severity="error" title={title} defaultExpanded>
      <Typography variant="body2">{detail}</Typography>
      {onRetry && (
        <Button size="small" variant="outlined" onClick={onRetry} style={{ marginTop: 8 }}>
          Retry now
        </Button>
      )}
    </WarningPanel>
  );
}

/**
 * An SLO whose latest evaluation failed (Prometheus down) or that was never evaluated: what the
 * numbers are, how old they are and why they are not newer.
 */
export function StaleNotice(props: { status: SloStatus | null; compact?: boolean }) {
  const { status, compact } = props;
  if (!status || status.evaluatedAt === null) {
    const why = status?.error
      ? ` The last attempt at ${formatTime(status.lastAttemptAt)} failed: ${status.error}`
      : '';
    return (
      <Typography variant="body2" color="textSecondary" role="status">
        Not evaluated yet.{why}
      </Typography>
    );
  }
  if (!status.error) return null;
  const text = `Evaluation failing since the last success at ${formatTime(status.evaluatedAt)} (${formatAge(status.ageSeconds)}); these numbers are from then. Last attempt at ${formatTime(status.lastAttemptAt)}: ${status.error}`;
  if (compact) {
    return (
      <Typography variant="body2" color="error" role="status">
        Stale: {text}
      </Typography>
    );
  }
  return (
    <WarningPanel severity="warning" title="These numbers are stale" defaultExpanded>
      <Typography variant="body2">{text}</Typography>
    </WarningPanel>
  );
}
