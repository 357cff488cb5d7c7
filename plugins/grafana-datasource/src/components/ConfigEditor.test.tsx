import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setDataSourceSrv, type DataSourceSrv } from '@grafana/runtime';
import type { DataSourceSettings } from '@grafana/data';
import { ConfigEditor, validBackendUrl } from './ConfigEditor';
import type { HeadroomDataSourceOptions, HeadroomSecureJsonData } from '../types';

const prometheus = {
  uid: 'prom',
  name: 'Prometheus',
  type: 'prometheus',
  meta: { id: 'prometheus', info: { logos: { small: '' } } },
};

beforeAll(() => {
  setDataSourceSrv({
    getList: () => [prometheus],
    getInstanceSettings: (ref: unknown) =>
      ref === 'prom' || (ref as { uid?: string })?.uid === 'prom' ? prometheus : undefined,
    get: async () => ({}),
    reload: async () => {},
    registerRuntimeDataSource: () => {},
  } as unknown as DataSourceSrv);
});

function options(jsonData: HeadroomDataSourceOptions, secureJsonFields: Record<string, boolean> = {}) {
  return {
    id: 1,
    uid: 'hr',
    orgId: 1,
    name: 'Headroom',
    type: 'headroom-slo-datasource',
    typeName: 'Headroom',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    jsonData,
    secureJsonFields,
    readOnly: false,
    withCredentials: false,
  } as unknown as DataSourceSettings<HeadroomDataSourceOptions, HeadroomSecureJsonData>;
}

describe('ConfigEditor', () => {
  it('sends the backend URL to jsonData and the token only to secureJsonData', async () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={options({ prometheusUid: 'prom' })} onOptionsChange={onOptionsChange} />);
    await userEvent.type(screen.getByPlaceholderText('http://backstage:7007'), 'h');
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ jsonData: { prometheusUid: 'prom', backendUrl: 'h' } })
    );
    await userEvent.type(screen.getByPlaceholderText('token'), 's');
    const last = onOptionsChange.mock.calls.at(-1)![0];
    expect(last.secureJsonData).toEqual({ backendToken: 's' });
    expect(JSON.stringify(last.jsonData)).not.toContain('"s"');
  });

  it('shows a configured token as configured, and reset clears it', async () => {
    const onOptionsChange = jest.fn();
    render(
      <ConfigEditor
        options={options({ backendUrl: 'http://backstage:7007', prometheusUid: 'prom' }, { backendToken: true })}
        onOptionsChange={onOptionsChange}
      />
    );
    expect(screen.getByDisplayValue('configured')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onOptionsChange.mock.calls[0][0].secureJsonFields).toEqual({ backendToken: false });
  });

  it('says what is missing: the URL and the Prometheus datasource', () => {
    render(<ConfigEditor options={options({})} onOptionsChange={jest.fn()} />);
    expect(screen.getByText('The URL of the Backstage backend that runs Headroom is required')).toBeInTheDocument();
    expect(screen.getByText('Choose the Prometheus datasource with the SLO series')).toBeInTheDocument();
  });

  it('validates the URL', () => {
    expect(validBackendUrl('http://backstage:7007')).toBeUndefined();
    expect(validBackendUrl('backstage')).toBe('"backstage" is not a URL, e.g. http://backstage:7007');
    expect(validBackendUrl('ftp://x')).toBe('Use an http:// or https:// URL');
  });
});
