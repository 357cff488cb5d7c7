import { Content, Progress } from '@backstage/core-components';
import { worstBurnRate } from '@headroom/core';
import { useEntity } from '@backstage/plugin-catalog-react';
import { isHeadroomSloFileAvailable, type SloWithStatus } from '@headroom/plugin-headroom-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import React from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  formatBurnRate,
  formatObjective,
  formatPercent,
  formatTimeToExhaustion,
} from '../../lib/format';
import { useCanEditSlos } from '../../lib/useCanEditSlos';
import { AlertStateChip } from '../AlertStateChip';
import { SloEditor } from '../SloEditor/SloEditor';
import { LoadError, NoSlosState } from '../states';
import { useEntitySlos } from '../useEntitySlos';
import { SloDetail } from './SloDetail';

function worstRate(slo: SloWithStatus): number | null {
  return worstBurnRate((slo.status?.burnRates ?? []).map(b => b.rate));
}

/**
 * The entity's SLO tab: every SLO, a drill-down per SLO (`?slo=`), and the editor
 * (`?edit=<name>` or `?new=1`), read-only for people who do not own the entity.
 */
export function EntityHeadroomSloContent() {
  const { entity } = useEntity();
  const [params, setParams] = useSearchParams();
  const right = useCanEditSlos(entity);
  const { value, error, loading, loadedAt, failingSince, retry } = useEntitySlos(entity);
  const go = (next: Record<string, string>) => setParams(next);
  const selected = params.get('slo');
  const editing = params.get('edit');
  const creating = params.get('new') === '1';
  const ownersText = right.owners.length > 0 ? right.owners.join(', ') : 'nobody (no owner set)';
  const readOnlyReason = `Only members of the owning group (${ownersText}) can edit the SLOs of ${entity.metadata.name}.`;

  if (loading && !value && !error) return <Progress aria-label="Loading SLOs" />;
  if (!value) {
    return (
      <Content>
        <LoadError error={error!} failingSince={failingSince} onRetry={retry} />
      </Content>
    );
  }
  const stale = error ? (
    <LoadError error={error} failingSince={failingSince} loadedAt={loadedAt} onRetry={retry} />
  ) : null;

  if (creating) {
    return (
      <Content>
        <Typography variant="h5" component="h2" gutterBottom>
          New SLO for {entity.metadata.name}
        </Typography>
        <SloEditor
          entity={entity}
          canEdit={right.canEdit}
          readOnlyReason={readOnlyReason}
          onSaved={saved => {
            retry();
            go({ edit: saved.name });
          }}
          onCancel={() => go({})}
        />
      </Content>
    );
  }

  const find = (name: string | null) => value.slos.find(s => s.name === name);
  const editSlo = find(editing);
  if (editSlo) {
    return (
      <Content>
        <Typography variant="h5" component="h2" gutterBottom>
          {editSlo.displayName ?? editSlo.name}
        </Typography>
        <SloEditor
          key={`${editSlo.name}@${editSlo.version}`}
          entity={entity}
          existing={editSlo}
          canEdit={right.canEdit && editSlo.origin === 'api'}
          readOnlyReason={
            editSlo.origin === 'file'
              ? `This SLO is read from ${editSlo.sourceLocation ?? 'an SLO file'}; change it there.`
              : readOnlyReason
          }
          onSaved={() => retry()}
          onCancel={() => go({ slo: editSlo.name })}
        />
      </Content>
    );
  }

  const detail = find(selected);
  if (detail) {
    return (
      <Content>
        {stale}
        <SloDetail
          entity={entity}
          slo={detail}
          canEdit={right.canEdit}
          onEdit={() => go({ edit: detail.name })}
          onBack={() => go({})}
        />
      </Content>
    );
  }

  if (value.slos.length === 0) {
    return (
      <Content>
        {stale}
        <NoSlosState
          entityName={entity.metadata.title ?? entity.metadata.name}
          hasAnnotation={isHeadroomSloFileAvailable(entity)}
          onCreate={right.canEdit ? () => go({ new: '1' }) : undefined}
        />
      </Content>
    );
  }

  return (
    <Content>
      {stale}
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, marginBottom: 16 }}>
        <Typography variant="h5" component="h2" style={{ flexGrow: 1 }}>
          Service level objectives of {entity.metadata.title ?? entity.metadata.name}
        </Typography>
        {right.canEdit ? (
          <Button variant="contained" color="primary" onClick={() => go({ new: '1' })}>
            New SLO
          </Button>
        ) : (
          !right.loading && (
            <Typography variant="body2" color="textSecondary" data-testid="slo-readonly-note">
              Read-only: {readOnlyReason}
            </Typography>
          )
        )}
      </div>
      <Table size="small" aria-label={`SLOs of ${entity.metadata.name}`}>
        <TableHead>
          <TableRow>
            <TableCell>SLO</TableCell>
            <TableCell>Objective</TableCell>
            <TableCell>SLI</TableCell>
            <TableCell>Budget left</TableCell>
            <TableCell>Worst burn</TableCell>
            <TableCell>Time to exhaustion</TableCell>
            <TableCell>Alert</TableCell>
            <TableCell>Source</TableCell>
            <TableCell>Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.slos.map(slo => (
            <TableRow key={slo.name} data-testid={`slo-row-${slo.name}`}>
              <TableCell>
                <Button size="small" onClick={() => go({ slo: slo.name })}>
                  {slo.displayName ?? slo.name}
                </Button>
              </TableCell>
              <TableCell>
                {formatObjective(slo.objective)} / {slo.window}
              </TableCell>
              <TableCell>{formatPercent(slo.status?.sli ?? null, 3)}</TableCell>
              <TableCell>{formatPercent(slo.status?.budgetRemaining ?? null, 1)}</TableCell>
              <TableCell>{formatBurnRate(worstRate(slo))}</TableCell>
              <TableCell>
                {formatTimeToExhaustion(
                  slo.status?.timeToExhaustionSeconds ?? null,
                  slo.status?.budgetRemaining ?? null,
                )}
              </TableCell>
              <TableCell>
                <AlertStateChip state={slo.status?.alertState ?? null} />
              </TableCell>
              <TableCell>{slo.origin === 'file' ? 'SLO file' : 'editor / API'}</TableCell>
              <TableCell>
                {slo.origin === 'api' && (
                  <Button
                    size="small"
                    variant="outlined"
                    onClick={() => go({ edit: slo.name })}
                    aria-label={`${right.canEdit ? 'Edit' : 'View'} ${slo.name}`}
                  >
                    {right.canEdit ? 'Edit' : 'View'}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Content>
  );
}
