import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { SloWithStatus } from '@headroom/plugin-headroom-common';
import Grid from '@material-ui/core/Grid';
import React from 'react';
import { formFromRecord } from '../../lib/sloForm';
import { ReadOnlyNotice, SaveOutcome, StoredVersion } from './EditorNotices';
import { PreviewPanel } from './PreviewPanel';
import { SloFormSection } from './SloFormSection';
import { useSloDraft } from './useSloDraft';
import { useSloRequests } from './useSloRequests';
import { YamlSection } from './YamlSection';

export interface SloEditorProps {
  entity: Entity;
  /** The SLO being edited; a new SLO when absent. */
  existing?: SloWithStatus;
  /** False shows the definition read-only, with `readOnlyReason`. */
  canEdit: boolean;
  readOnlyReason?: string;
  onSaved?: (slo: SloWithStatus) => void;
  onCancel?: () => void;
}

/**
 * Create or edit an SLO: a form and its OpenSLO YAML side by side, kept in sync and validated by
 * @headroom/core as the backend will; a preview of the budget on recent data; a conflict notice
 * when someone else saved first.
 */
export function SloEditor(props: SloEditorProps) {
  const { entity, existing, canEdit, readOnlyReason, onSaved, onCancel } = props;
  const service = entity.metadata.name;
  const requests = useSloRequests({ entityRef: stringifyEntityRef(entity), existing, onSaved });
  const draft = useSloDraft({ existing, service, onEdit: requests.clearPreview });
  const { save, preview, baseVersion } = requests;
  const readOnly = !canEdit || !draft.representable;

  const runPreview = () => {
    const input = draft.submit();
    if (input) requests.runPreview(input);
  };
  const runSave = (version?: number) => {
    const input = draft.submit();
    if (input) requests.runSave(input, version);
  };
  const loadTheirs = (theirs: SloWithStatus) => {
    draft.load(theirs);
    requests.startFrom(theirs);
  };

  return (
    <div>
      {readOnly && (
        <ReadOnlyNotice
          reason={
            !draft.representable
              ? `The editor cannot show this SLO as a form: ${draft.unsupported}.`
              : (readOnlyReason ?? 'You may not edit these SLOs.')
          }
        />
      )}
      {existing && <StoredVersion slo={existing} />}
      <SaveOutcome
        save={save}
        mine={draft.values}
        theirValues={
          save.kind === 'conflict' ? formFromRecord(save.theirs, service).values : undefined
        }
        baseVersion={baseVersion}
        onLoadTheirs={loadTheirs}
        onSaveOver={theirs => runSave(theirs.version)}
      />
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <SloFormSection
            draft={draft}
            readOnly={readOnly}
            isStored={Boolean(existing)}
            saving={save.kind === 'saving'}
            previewing={preview.kind === 'loading'}
            onSave={() => runSave(baseVersion)}
            onPreview={runPreview}
            onCancel={onCancel}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <YamlSection
            text={draft.yamlText}
            issues={draft.yamlIssues}
            readOnly={readOnly}
            onChange={draft.updateYaml}
          />
          <PreviewPanel preview={preview} />
        </Grid>
      </Grid>
    </div>
  );
}
