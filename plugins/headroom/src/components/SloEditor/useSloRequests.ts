import { useApi } from '@backstage/core-plugin-api';
import type { SloInput, SloWithStatus } from '@headroom/plugin-headroom-common';
import { useRef, useState } from 'react';
import { headroomApiRef, type SloPreview } from '../../api';
import { type ErrorText, previewErrorText, responseMessage, saveErrorText } from './requestErrors';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; slo: SloWithStatus }
  | { kind: 'conflict'; theirs: SloWithStatus }
  | ({ kind: 'error' } & ErrorText);

export type PreviewState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; preview: SloPreview }
  | ({ kind: 'error' } & ErrorText);

export interface SloRequests {
  save: SaveState;
  preview: PreviewState;
  /** The stored version the draft started from: a save is made against it. */
  baseVersion?: number;
  runPreview: (input: SloInput) => Promise<void>;
  /** Creates the SLO, or updates it against `version`; a 409 on a stored SLO is a conflict. */
  runSave: (input: SloInput, version?: number) => Promise<void>;
  /** Forget the preview: the definition it was computed from changed. */
  clearPreview: () => void;
  /** The draft now starts from this stored version (theirs, after a conflict). */
  startFrom: (record: SloWithStatus) => void;
}

/** The editor's calls to the Headroom backend: preview, save, and the stored SLO on a conflict. */
export function useSloRequests(options: {
  entityRef: string;
  existing?: SloWithStatus;
  onSaved?: (slo: SloWithStatus) => void;
}): SloRequests {
  const { entityRef, existing, onSaved } = options;
  const api = useApi(headroomApiRef);
  const [baseVersion, setBaseVersion] = useState<number | undefined>(existing?.version);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [preview, setPreview] = useState<PreviewState>({ kind: 'idle' });
  // Each edit starts a new generation, so an answer to a preview of an older definition that
  // arrives after the edit is dropped instead of being shown as this definition's numbers.
  const previewGeneration = useRef(0);

  const clearPreview = () => {
    previewGeneration.current++;
    setPreview({ kind: 'idle' });
  };

  const runPreview = async (input: SloInput) => {
    const generation = ++previewGeneration.current;
    setPreview({ kind: 'loading' });
    try {
      const result = await api.previewSlo(entityRef, input);
      if (generation === previewGeneration.current) setPreview({ kind: 'done', preview: result });
    } catch (e) {
      if (generation !== previewGeneration.current) return;
      const { status, message } = responseMessage(e);
      setPreview({ kind: 'error', ...previewErrorText(status, message) });
    }
  };

  const runSave = async (input: SloInput, version?: number) => {
    setSave({ kind: 'saving' });
    try {
      const saved =
        existing && version !== undefined
          ? await api.updateSlo(entityRef, existing.name, version, input)
          : await api.createSlo(entityRef, input);
      setBaseVersion(saved.version);
      setSave({ kind: 'saved', slo: saved });
      onSaved?.(saved);
    } catch (e) {
      const { status, message } = responseMessage(e);
      if (status !== 409 || !existing) {
        setSave({ kind: 'error', ...saveErrorText(status, message) });
        return;
      }
      try {
        const theirs = await api.getSlo(entityRef, existing.name);
        setSave({ kind: 'conflict', theirs });
      } catch (inner) {
        setSave({
          kind: 'error',
          title: 'Conflict',
          message: `${message}; ${responseMessage(inner).message}`,
        });
      }
    }
  };

  const startFrom = (record: SloWithStatus) => {
    setBaseVersion(record.version);
    setSave({ kind: 'idle' });
  };

  return { save, preview, baseVersion, runPreview, runSave, clearPreview, startFrom };
}
