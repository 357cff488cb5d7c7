/** What a failed request to the Headroom backend means for the person editing an SLO. */
import { ResponseError } from '@backstage/errors';

export interface ErrorText {
  title: string;
  message: string;
}

/** The HTTP status and the backend's own message of a failed call, when it has them. */
export function responseMessage(e: unknown): { status?: number; message: string } {
  // By name too: a ResponseError from another copy of @backstage/errors fails instanceof.
  if (e instanceof ResponseError || (e as Error)?.name === 'ResponseError') {
    const r = e as ResponseError;
    return { status: r.response?.status, message: r.body?.error?.message ?? r.message };
  }
  return { message: e instanceof Error ? e.message : String(e) };
}

/** A failed preview. */
export function previewErrorText(status: number | undefined, message: string): ErrorText {
  switch (status) {
    case 503:
      return { title: 'Prometheus could not be queried', message };
    case 404:
      return {
        title: 'This backend does not offer previews',
        message: `${message}. Save to see the budget after the next evaluation.`,
      };
    case 403:
      return { title: 'You may not preview SLOs of this entity', message };
    case 400:
      return { title: 'The backend rejected the SLO', message };
    default:
      return { title: 'No preview', message };
  }
}

/**
 * A failed save other than a stale version of a stored SLO (which is a conflict to resolve): a
 * 409 on a new SLO means its name is taken.
 */
export function saveErrorText(status: number | undefined, message: string): ErrorText {
  switch (status) {
    case 409:
      return { title: 'Name taken', message };
    case 403:
      return { title: 'Refused', message };
    case 400:
      return { title: 'The backend rejected the SLO', message };
    default:
      return { title: 'Not saved', message };
  }
}
