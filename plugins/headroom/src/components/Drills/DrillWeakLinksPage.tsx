import { Content, ContentHeader, Header, Page, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import React, { useState } from 'react';
import { headroomApiRef, type DrillResilience, type DrillWeakLinks } from '../../api';
import { formatTime } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { LoadFailure } from '../Cost/LoadFailure';
import { OutlinedSelect } from '../OutlinedSelect';
import { scoreText } from './runText';

const useStyles = makeStyles(theme => ({
  paper: { padding: theme.spacing(2), marginBottom: theme.spacing(3) },
  list: { margin: theme.spacing(0.5, 0, 1), paddingLeft: theme.spacing(2.5) },
}));

const ref = (service: string) => `component:default/${service}`;

function Section(props: {
  title: string;
  empty: string;
  count: number;
  children: React.ReactNode;
}) {
  const classes = useStyles();
  return (
    <Paper className={classes.paper} component="section" aria-label={props.title}>
      <Typography variant="h6" component="h2">
        {props.title} ({props.count})
      </Typography>
      {props.count === 0 ? (
        <Typography variant="body2">{props.empty}</Typography>
      ) : (
        <ul className={classes.list}>{props.children}</ul>
      )}
    </Paper>
  );
}

function Report(props: { report: DrillWeakLinks; resilience: DrillResilience | undefined }) {
  const classes = useStyles();
  const { report: r, resilience } = props;
  return (
    <>
      <Paper className={classes.paper}>
        <Typography variant="body1" data-testid="weak-links-period">
          Drills from {formatTime(r.from)} to {formatTime(r.to)}
          {r.lineOfBusiness ? ` in ${r.lineOfBusiness}` : ' in every line of business'}.
        </Typography>
        {resilience?.series.map(s => (
          <Typography key={s.key} variant="body2" data-testid={`resilience-${s.key}`}>
            {s.key}: resilience {scoreText(s.score)}; by week{' '}
            {s.points.map(p => (p.score === null ? '—' : p.score.toFixed(1))).join(', ')}
          </Typography>
        ))}
      </Paper>
      <Section
        title="Drills that broke their hypothesis or missed a target"
        empty="Every drill's latest run held its hypothesis and met its targets."
        count={r.failedDrills.length}
      >
        {r.failedDrills.map(f => (
          <li key={`${f.service}/${f.drill}`}>
            <EntityRefLink entityRef={ref(f.service)} />: {f.drill} {f.verdict} on{' '}
            {formatTime(f.at)}, missed {f.misses.join(' and ')}. {f.summary}
          </li>
        ))}
      </Section>
      <Section
        title="Alerts that never fired in a drill that expected them"
        empty="Every expected alert fired in at least one drill."
        count={r.silentAlerts.length}
      >
        {r.silentAlerts.map(a => (
          <li key={`${a.service}/${a.slo}/${a.severity}`}>
            <EntityRefLink entityRef={ref(a.service)} />: the {a.severity} alert of SLO {a.slo}{' '}
            stayed silent in {a.runs} run{a.runs === 1 ? '' : 's'} of {a.drills.join(', ')}
          </li>
        ))}
      </Section>
      <Section
        title="Dependencies whose faults spread to their dependants"
        empty="No drill's fault left a dependant's SLO unsteady."
        count={r.spreading.length}
      >
        {r.spreading.map(s => (
          <li key={`${s.dependency}/${s.dependant}/${s.slo}`}>
            <EntityRefLink entityRef={ref(s.dependency)} /> →{' '}
            <EntityRefLink entityRef={ref(s.dependant)} /> (
            {s.path ? `via ${s.path.join(' → ')}` : 'a dependency the catalog does not declare'}):{' '}
            {s.detail}
          </li>
        ))}
      </Section>
      <Section
        title="Services with SLOs and no drill in the period"
        empty="Every service with SLOs had a drill."
        count={r.undrilled.length}
      >
        {r.undrilled.map(u => (
          <li key={u.service}>
            <EntityRefLink entityRef={ref(u.service)} />
            {u.lastDrillAt ? `: last drilled ${formatTime(u.lastDrillAt)}` : ': never drilled'}
          </li>
        ))}
      </Section>
    </>
  );
}

/**
 * The weak links of a line of business: drills that failed, alerts that stayed silent, faults
 * that spread, services never drilled; with the Litmus resilience score per line of business by
 * week. The report and the scores are the backend's (core's weakLinks and resilienceTrend).
 */
export function DrillWeakLinksPage() {
  const api = useApi(headroomApiRef);
  const [lob, setLob] = useState('');
  const lobs = usePolled(() => api.getLineOfBusinessRollup(), [api], 600_000);
  const report = usePolled(
    () => api.getDrillWeakLinks(lob ? { lineOfBusiness: lob } : {}),
    [api, lob],
    120_000,
  );
  const resilience = usePolled(
    () =>
      api.getDrillResilience({
        by: 'lineOfBusiness',
        step: 'week',
        ...(lob ? { lineOfBusiness: lob } : {}),
      }),
    [api, lob],
    120_000,
  );
  return (
    <Page themeId="tool">
      <Header title="Weak links" subtitle="What the chaos drills found, per line of business" />
      <Content>
        <ContentHeader title="Weak links" />
        <OutlinedSelect
          id="headroom-weak-links-lob"
          label="Line of business"
          value={lob}
          onChange={setLob}
          options={(lobs.value ?? []).map(l => ({ value: l.key, label: l.key }))}
          allLabel="All"
          minWidth={220}
          style={{ marginBottom: 16 }}
        />
        {report.loading && !report.value && !report.error && (
          <Progress aria-label="Loading the weak links" />
        )}
        {report.error && (
          <LoadFailure
            what="the weak links"
            error={report.error}
            loadedAt={report.loadedAt}
            onRetry={report.retry}
          />
        )}
        {report.value && <Report report={report.value} resilience={resilience.value} />}
      </Content>
    </Page>
  );
}
