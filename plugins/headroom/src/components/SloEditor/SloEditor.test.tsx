import { ResponseError } from '@backstage/errors';
import type { SloInput, SloPreview, SloWithStatus } from '@headroom/plugin-headroom-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { headroomApiRef, type HeadroomApi } from '../../api';
import { availabilitySlo, fakeApi, ledger } from '../../__fixtures__/slos';
import { SloEditor, type SloEditorProps } from './SloEditor';

// Every keystroke re-validates with core and re-renders Material UI fields: slow in jsdom.
jest.setTimeout(60_000);

const ENTITY_REF = 'component:default/ledger';
const BAD = 'http_requests_total{service="ledger",code=~"5.."}';
const GOOD = 'http_requests_total{service="ledger",code!~"5.."}';
const TOTAL = 'http_requests_total{service="ledger"}';

async function renderEditor(api: HeadroomApi, props: Partial<SloEditorProps> = {}) {
  const onSaved = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[headroomApiRef, api]]}>
      <SloEditor entity={ledger} canEdit onSaved={onSaved} {...props} />
    </TestApiProvider>,
  );
  return { onSaved };
}

const field = (name: RegExp) => screen.getByRole('textbox', { name });
const NAME = /^Name/;
const DISPLAY_NAME = /^Display name/;
const OBJECTIVE = /^Objective \(%\)/;
const WINDOW = /^Window/;
const EVENTS = /^Events counter/;
const TOTAL_FIELD = /^Total counter/;
const INTERVAL = /^Evaluation interval/;
const YAML = /^OpenSLO v1 document/;

async function replace(user: ReturnType<typeof userEvent.setup>, name: RegExp, text: string) {
  await user.clear(field(name));
  if (text) await user.paste(text);
}

/** A ResponseError as the Backstage backend sends it. */
function responseError(status: number, message: string): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        request: { method: 'POST', url: '/entities/component/default/ledger/slos' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

function theirVersion(): SloWithStatus {
  const ours = availabilitySlo();
  const definition = JSON.parse(JSON.stringify(ours.definition));
  definition.spec.objectives = [{ target: 0.999 }];
  return {
    ...ours,
    version: 4,
    objective: 0.999,
    updatedAt: '2026-11-25T11:00:00.000Z',
    updatedBy: 'user:default/bo.chen',
    definition,
  };
}

function preview(): SloPreview {
  return {
    evaluatedAt: '2026-11-25T12:00:00.000Z',
    sli: 0.99971234,
    budgetRemaining: 0.4246,
    burnRates: [
      { window: '5m', rate: 0.3 },
      { window: '1h', rate: 1.234 },
      { window: '6h', rate: 14.44 },
    ],
    alertState: 'ticket',
    timeToExhaustionSeconds: 3 * 86400 + 4 * 3600 + 120,
    burndown: [
      { t: 1764000000, remaining: 1 },
      { t: 1764003600, remaining: 0.8 },
      { t: 1764007200, remaining: 0.4246 },
    ],
  };
}

describe('SloEditor', () => {
  it('creates an SLO from the form', async () => {
    const user = userEvent.setup({ delay: null });
    const created: [string, SloInput][] = [];
    const saved = availabilitySlo({
      name: 'success',
      version: 1,
      updatedBy: 'user:default/ana.silva',
    });
    const { onSaved } = await renderEditor(
      fakeApi({
        createSlo: async (ref, input) => {
          created.push([ref, input]);
          return saved;
        },
      }),
    );
    await replace(user, NAME, 'success');
    await replace(user, DISPLAY_NAME, 'Ledger postings succeed');
    await replace(user, OBJECTIVE, '99.5');
    await replace(user, WINDOW, '7d');
    await user.click(screen.getByRole('radio', { name: 'good events' }));
    await replace(user, EVENTS, GOOD);
    await replace(user, TOTAL_FIELD, TOTAL);
    await user.click(screen.getByRole('checkbox', { name: 'Ticket (slow burn)' }));
    await replace(user, INTERVAL, '120');
    await user.click(screen.getByRole('button', { name: 'Create' }));

    expect(await screen.findByTestId('slo-editor-saved')).toHaveTextContent(
      /^Saved as version 1 at .+ by user:default\/ana\.silva\.$/,
    );
    expect(created).toEqual([
      [
        ENTITY_REF,
        {
          name: 'success',
          displayName: 'Ledger postings succeed',
          objective: 0.995,
          window: '7d',
          indicator: { type: 'ratio', good: GOOD, total: TOTAL },
          alerting: { page: true, ticket: false },
          evaluationIntervalSeconds: 120,
        },
      ],
    ]);
    expect(onSaved).toHaveBeenCalledWith(saved);
  });

  it('edits a stored SLO against the version it was read at, then the saved one', async () => {
    const user = userEvent.setup({ delay: null });
    const updates: [string, string, number, SloInput][] = [];
    const api = fakeApi({
      updateSlo: async (ref, name, version, input) => {
        updates.push([ref, name, version, input]);
        return availabilitySlo({ version: version + 1, objective: input.objective });
      },
    });
    await renderEditor(api, { existing: availabilitySlo() });

    expect(screen.getByTestId('slo-editor-version')).toHaveTextContent(
      /^Version 3, saved at .+ by user:default\/ana\.silva\.$/,
    );
    expect(field(NAME)).toHaveValue('availability');
    expect(field(NAME)).toBeDisabled();
    expect(field(DISPLAY_NAME)).toHaveValue('Ledger postings succeed');
    expect(field(OBJECTIVE)).toHaveValue('99.95');
    expect(field(WINDOW)).toHaveValue('30d');
    expect(field(EVENTS)).toHaveValue(BAD);
    expect(field(TOTAL_FIELD)).toHaveValue(TOTAL);
    expect(screen.getByRole('radio', { name: 'bad events (errors)' })).toBeChecked();
    // The stored definition has no alert policies: core enables both.
    expect(screen.getByRole('checkbox', { name: 'Page (fast burn)' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Ticket (slow burn)' })).toBeChecked();

    await replace(user, OBJECTIVE, '99.9');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/^Saved as version 4 /);
    await replace(user, WINDOW, '28d');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/^Saved as version 5 /);

    // The form reads the stored OpenSLO definition, which has no description.
    const input = (objective: number, window: string): SloInput => ({
      name: 'availability',
      displayName: 'Ledger postings succeed',
      objective,
      window,
      indicator: { type: 'ratio', bad: BAD, total: TOTAL },
      alerting: { page: true, ticket: true },
    });
    expect(updates).toEqual([
      [ENTITY_REF, 'availability', 3, input(0.999, '30d')],
      [ENTITY_REF, 'availability', 4, input(0.999, '28d')],
    ]);
  });

  it('keeps form and YAML in sync both ways (form → YAML → form → YAML)', async () => {
    const user = userEvent.setup({ delay: null });
    await renderEditor(fakeApi({}));
    await replace(user, NAME, 'success');
    await replace(user, OBJECTIVE, '99.5');
    await replace(user, WINDOW, '7d');
    await replace(user, EVENTS, BAD);
    await replace(user, TOTAL_FIELD, TOTAL);
    const fromForm = (field(YAML) as HTMLTextAreaElement).value;
    expect(fromForm).toMatch(/^apiVersion: openslo\/v1\nkind: SLO\nmetadata:\n {2}name: success\n/);
    expect(fromForm).toContain('  service: ledger\n');
    expect(fromForm).toContain(`          query: ${BAD}\n`);
    expect(fromForm).toContain('    - duration: 7d\n');
    expect(fromForm).toContain('    - target: 0.995\n');

    await replace(
      user,
      YAML,
      fromForm
        .replace('target: 0.995', 'target: 0.9999')
        .replace('duration: 7d', 'duration: 4w')
        .replace('name: success\n', 'name: success\n  displayName: Postings\n'),
    );
    expect(field(OBJECTIVE)).toHaveValue('99.99');
    expect(field(WINDOW)).toHaveValue('4w');
    expect(field(DISPLAY_NAME)).toHaveValue('Postings');
    expect(field(EVENTS)).toHaveValue(BAD);

    // Undoing the three changes in the form gives back the first document exactly.
    await replace(user, OBJECTIVE, '99.5');
    await replace(user, WINDOW, '7d');
    await replace(user, DISPLAY_NAME, '');
    expect(field(YAML)).toHaveValue(fromForm);
  });

  it('shows errors at their field: the API rules, and core issues with their YAML path and line', async () => {
    const user = userEvent.setup({ delay: null });
    const api = fakeApi({});
    await renderEditor(api);

    // Nothing is flagged before the field is touched or a save is tried.
    expect(field(NAME)).not.toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(field(NAME)).toHaveAccessibleDescription('is required');
    expect(field(EVENTS)).toHaveAccessibleDescription('is required');
    expect(field(TOTAL_FIELD)).toHaveAccessibleDescription('is required');
    expect(field(OBJECTIVE)).toHaveAccessibleDescription('Share of good events, e.g. 99.9');

    await replace(user, NAME, 'Ledger SLO');
    expect(field(NAME)).toHaveAttribute('aria-invalid', 'true');
    expect(field(NAME)).toHaveAccessibleDescription(
      'must be lower-case letters, digits and dashes, starting with a letter (at most 63)',
    );
    await replace(user, OBJECTIVE, '100');
    expect(field(OBJECTIVE)).toHaveAccessibleDescription('must be above 0% and below 100%');

    await replace(user, NAME, 'success');
    await replace(user, OBJECTIVE, '99.5');
    await replace(user, EVENTS, BAD);
    await replace(user, TOTAL_FIELD, TOTAL);
    expect(field(NAME)).not.toHaveAttribute('aria-invalid', 'true');

    const text = (field(YAML) as HTMLTextAreaElement).value.replace(
      'duration: 30d',
      'duration: soon',
    );
    const line = text.split('\n').findIndex(l => l.includes('duration: soon')) + 1;
    await replace(user, YAML, text);
    expect(field(WINDOW)).toHaveAttribute('aria-invalid', 'true');
    expect(field(WINDOW)).toHaveAccessibleDescription('must be a duration like 5m, 1h, 30d');
    expect(screen.getByTestId('slo-editor-yaml-issues')).toHaveTextContent(
      `Line ${line}: spec.timeWindow[0].duration must be a duration like 5m, 1h, 30d`,
    );

    const outOfRange = text
      .replace('duration: soon', 'duration: 30d')
      .replace('target: 0.995', 'target: 1.5');
    await replace(user, YAML, outOfRange);
    expect(field(WINDOW)).not.toHaveAttribute('aria-invalid', 'true');
    expect(field(OBJECTIVE)).toHaveAccessibleDescription('must be < 1');
    expect(screen.getByTestId('slo-editor-yaml-issues')).toHaveTextContent(
      'spec.objectives[0].target must be < 1',
    );

    // A save with errors in the YAML sends nothing (the fake API rejects any call).
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.queryByTestId('slo-editor-error')).not.toBeInTheDocument();
    expect(screen.queryByTestId('slo-editor-saved')).not.toBeInTheDocument();
  });

  it('shows who saved first on a conflict, and saves over theirs on request', async () => {
    const user = userEvent.setup({ delay: null });
    const conflict = await responseError(
      409,
      "SLO 'availability' of component:default/ledger is at version 4, not 3",
    );
    const versions: number[] = [];
    const api = fakeApi({
      updateSlo: async (_ref, _name, version) => {
        versions.push(version);
        if (version === 3) throw conflict;
        return availabilitySlo({ version: 5, window: '28d' });
      },
      getSlo: async (ref, name) => {
        expect([ref, name]).toEqual([ENTITY_REF, 'availability']);
        return theirVersion();
      },
    });
    await renderEditor(api, { existing: availabilitySlo() });
    await replace(user, WINDOW, '28d');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const notice = await screen.findByTestId('slo-editor-conflict');
    expect(notice).toHaveTextContent('Someone else saved this SLO first');
    expect(notice).toHaveTextContent(
      /user:default\/bo\.chen saved version 4 at .+, after the version 3 you started from\. Fields that differ from yours: Objective \(%\), Window\./,
    );
    await user.click(within(notice).getByRole('button', { name: 'Save mine over theirs' }));
    expect(await screen.findByTestId('slo-editor-saved')).toHaveTextContent(/^Saved as version 5 /);
    expect(versions).toEqual([3, 4]);
  });

  it('loads their version on a conflict, and saves against it next', async () => {
    const user = userEvent.setup({ delay: null });
    const conflict = await responseError(409, 'stale version');
    const versions: number[] = [];
    await renderEditor(
      fakeApi({
        updateSlo: async (_ref, _name, version) => {
          versions.push(version);
          if (version === 3) throw conflict;
          return availabilitySlo({ version: 5 });
        },
        getSlo: async () => theirVersion(),
      }),
      { existing: availabilitySlo() },
    );
    await replace(user, WINDOW, '28d');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const notice = await screen.findByTestId('slo-editor-conflict');
    await user.click(
      within(notice).getByRole('button', { name: 'Load their version (discard my changes)' }),
    );
    expect(screen.queryByTestId('slo-editor-conflict')).not.toBeInTheDocument();
    expect(field(OBJECTIVE)).toHaveValue('99.9');
    expect(field(WINDOW)).toHaveValue('30d');
    expect((field(YAML) as HTMLTextAreaElement).value).toContain(
      '\n  objectives:\n    - target: 0.999\n',
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByTestId('slo-editor-saved');
    expect(versions).toEqual([3, 4]);
  });

  it('says a new name is taken rather than showing a conflict', async () => {
    const user = userEvent.setup({ delay: null });
    const taken = await responseError(
      409,
      "component:default/ledger already has an SLO named 'availability'",
    );
    await renderEditor(
      fakeApi({
        createSlo: async () => {
          throw taken;
        },
      }),
    );
    await replace(user, NAME, 'availability');
    await replace(user, EVENTS, BAD);
    await replace(user, TOTAL_FIELD, TOTAL);
    await user.click(screen.getByRole('button', { name: 'Create' }));
    const error = await screen.findByTestId('slo-editor-error');
    expect(error).toHaveTextContent('Name taken');
    expect(error).toHaveTextContent("already has an SLO named 'availability'");
  });

  it('is read-only for someone who does not own the entity', async () => {
    await renderEditor(fakeApi({}), {
      existing: availabilitySlo(),
      canEdit: false,
      readOnlyReason:
        'Only members of the owning group (group:default/team-payments) can edit the SLOs of ledger.',
    });
    expect(screen.getByTestId('slo-editor-readonly')).toHaveTextContent(
      'Read-only. Only members of the owning group (group:default/team-payments) can edit the SLOs of ledger.',
    );
    for (const name of [NAME, DISPLAY_NAME, OBJECTIVE, WINDOW, EVENTS, TOTAL_FIELD, YAML]) {
      expect(field(name)).toBeDisabled();
    }
    expect(screen.getByRole('radio', { name: 'bad events (errors)' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: 'Page (fast burn)' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Preview on recent data' }),
    ).not.toBeInTheDocument();
    // The definition is still there to read.
    expect(field(OBJECTIVE)).toHaveValue('99.95');
  });

  it('is read-only, saying why, for an SLO the form cannot represent', async () => {
    const slo = availabilitySlo();
    const definition = JSON.parse(JSON.stringify(slo.definition));
    definition.spec.timeWindow = [
      {
        duration: '1M',
        isRolling: false,
        calendar: { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' },
      },
    ];
    await renderEditor(fakeApi({}), { existing: { ...slo, definition } });
    expect(screen.getByTestId('slo-editor-readonly')).toHaveTextContent(
      'The editor cannot show this SLO as a form: its window is calendar-aligned; the editor writes rolling windows.',
    );
    expect(field(YAML)).toBeDisabled();
  });

  it('shows the preview numbers exactly as the API returned them', async () => {
    const user = userEvent.setup({ delay: null });
    const asked: [string, SloInput][] = [];
    await renderEditor(
      fakeApi({
        previewSlo: async (ref, input) => {
          asked.push([ref, input]);
          return preview();
        },
      }),
      { existing: availabilitySlo() },
    );
    await user.click(screen.getByRole('button', { name: 'Preview on recent data' }));
    const panel = await screen.findByTestId('slo-editor-preview');
    await within(panel).findByTestId('slo-preview-sli');
    const text = (id: string) => within(panel).getByTestId(id).textContent;
    expect(text('slo-preview-sli')).toBe('99.971%');
    expect(text('slo-preview-budget')).toBe('42.5%');
    expect(text('slo-preview-exhaustion')).toBe('3d 4h');
    expect(text('slo-preview-burn-5m')).toBe('0.30×');
    expect(text('slo-preview-burn-1h')).toBe('1.23×');
    expect(text('slo-preview-burn-6h')).toBe('14.4×');
    expect(within(panel).getByLabelText('Alert state: Ticket')).toBeInTheDocument();
    expect(
      within(panel).getByRole('img', {
        name: 'Budget burndown through the window with this definition',
      }),
    ).toBeInTheDocument();
    expect(asked).toEqual([
      [
        ENTITY_REF,
        expect.objectContaining({ name: 'availability', objective: 0.9995, window: '30d' }),
      ],
    ]);

    // An edit makes the numbers belong to another definition: they go.
    await replace(user, OBJECTIVE, '99.9');
    expect(screen.queryByTestId('slo-editor-preview')).not.toBeInTheDocument();
  });

  it('drops a preview answer that arrives after the definition changed', async () => {
    const user = userEvent.setup({ delay: null });
    let answer: (p: SloPreview) => void = () => {};
    await renderEditor(
      fakeApi({
        previewSlo: () =>
          new Promise<SloPreview>(resolve => {
            answer = resolve;
          }),
      }),
      { existing: availabilitySlo() },
    );
    await user.click(screen.getByRole('button', { name: 'Preview on recent data' }));
    expect(await screen.findByText('Evaluating…')).toBeInTheDocument();
    await replace(user, WINDOW, '28d');
    answer(preview());
    await waitFor(() => expect(screen.queryByText('Evaluating…')).not.toBeInTheDocument());
    expect(screen.queryByTestId('slo-preview-sli')).not.toBeInTheDocument();
  });

  it('says Prometheus could not be queried when the preview answers 503', async () => {
    const user = userEvent.setup({ delay: null });
    const unavailable = await responseError(
      503,
      "SLO 'availability' of component:default/ledger could not be evaluated: Prometheus at http://127.0.0.1:9090 unreachable: connect ECONNREFUSED",
    );
    await renderEditor(
      fakeApi({
        previewSlo: async () => {
          throw unavailable;
        },
      }),
      { existing: availabilitySlo() },
    );
    await user.click(screen.getByRole('button', { name: 'Preview on recent data' }));
    const error = await screen.findByTestId('slo-editor-preview-error');
    expect(error).toHaveTextContent('Prometheus could not be queried');
    expect(error).toHaveTextContent(
      'could not be evaluated: Prometheus at http://127.0.0.1:9090 unreachable: connect ECONNREFUSED',
    );
    expect(screen.queryByTestId('slo-preview-sli')).not.toBeInTheDocument();
  });

  it('reaches every field and the save button with the Tab key, in reading order', async () => {
    const user = userEvent.setup({ delay: null });
    await renderEditor(fakeApi({}), { onCancel: () => {} });
    const expected = [
      field(NAME),
      field(DISPLAY_NAME),
      screen.getByRole('textbox', { name: /^Description/ }),
      field(OBJECTIVE),
      field(WINDOW),
      screen.getByRole('radio', { name: 'bad events (errors)' }),
      field(EVENTS),
      field(TOTAL_FIELD),
      screen.getByRole('checkbox', { name: 'Page (fast burn)' }),
      screen.getByRole('checkbox', { name: 'Ticket (slow burn)' }),
      field(INTERVAL),
      screen.getByRole('button', { name: 'Create' }),
      screen.getByRole('button', { name: 'Preview on recent data' }),
      screen.getByRole('button', { name: 'Cancel' }),
      field(YAML),
    ];
    const reached: Element[] = [];
    for (let i = 0; i < 30 && reached.length < expected.length; i++) {
      await user.tab();
      const el = document.activeElement;
      if (el && expected.includes(el as HTMLElement) && !reached.includes(el)) reached.push(el);
    }
    expect(reached).toEqual(expected);
  });
});
