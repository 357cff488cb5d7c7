import { ResponseError } from '@backstage/errors';
import React from 'react';
import { BackendUnreachableError } from '../../api';
import { formatTime } from '../../lib/format';
import { FailurePanel } from '../states';

/** What failed, in words: the title names the data, the detail says why and what to do. */
export function describeLoadFailure(what: string, error: Error): { title: string; detail: string } {
  if (error instanceof BackendUnreachableError || error.name === 'BackendUnreachableError') {
    return {
      title: `Could not load ${what}: the Headroom backend is unreachable`,
      detail: `${error.message}. Check that the backend is running.`,
    };
  }
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    const response = (error as ResponseError).response;
    const message = (error as ResponseError).body?.error?.message ?? error.message;
    if (response?.status === 403) {
      return {
        title: `You may not read ${what}`,
        detail: `${message}. Ask the owners for access.`,
      };
    }
    return {
      title:
        `Could not load ${what}: the Headroom backend answered ${response?.status} ${response?.statusText ?? ''}`.trimEnd(),
      detail: message,
    };
  }
  return { title: `Could not load ${what}`, detail: error.message };
}

/**
 * A failed load of `what` (e.g. "the cost of ledger"). With older numbers still on screen it
 * says they are not updating.
 */
export function LoadFailure(props: {
  what: string;
  error: Error;
  loadedAt?: Date;
  onRetry?: () => void;
}) {
  const { what, error, loadedAt, onRetry } = props;
  const { title, detail } = describeLoadFailure(what, error);
  const stale = loadedAt
    ? ` The numbers below were loaded at ${formatTime(loadedAt.toISOString())} and are not updating.`
    : '';
  return <FailurePanel title={title} detail={`${detail}${stale}`} onRetry={onRetry} />;
}
