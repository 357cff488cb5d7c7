import React, { ChangeEvent } from 'react';
import { Field, FieldSet, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';
import { DataSourcePicker } from '@grafana/runtime';
import type { DataSourceInstanceSettings, DataSourcePluginOptionsEditorProps } from '@grafana/data';
import type { HeadroomDataSourceOptions, HeadroomSecureJsonData } from '../types';

type Props = DataSourcePluginOptionsEditorProps<HeadroomDataSourceOptions, HeadroomSecureJsonData>;

export function validBackendUrl(value: string | undefined): string | undefined {
  if (!value) {
    return 'The URL of the Backstage backend that runs Headroom is required';
  }
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      return 'Use an http:// or https:// URL';
    }
  } catch {
    return `"${value}" is not a URL, e.g. http://backstage:7007`;
  }
  return undefined;
}

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData, secureJsonFields, secureJsonData } = options;
  const urlError = validBackendUrl(jsonData.backendUrl);

  const setJson = (patch: Partial<HeadroomDataSourceOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });

  return (
    <>
      <FieldSet label="Headroom backend">
        <Field
          label="Backend URL"
          description="The Backstage backend with the Headroom plugin; Grafana's data proxy calls it, the browser never does."
          invalid={Boolean(urlError)}
          error={urlError}
        >
          <Input
            id="headroom-backend-url"
            value={jsonData.backendUrl ?? ''}
            placeholder="http://backstage:7007"
            width={50}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ backendUrl: e.target.value.trim() })}
          />
        </Field>
        <Field label="Token" description="A Backstage external-access token, sent as a bearer token by the data proxy.">
          <SecretInput
            id="headroom-backend-token"
            isConfigured={Boolean(secureJsonFields?.backendToken)}
            value={secureJsonData?.backendToken ?? ''}
            placeholder="token"
            width={50}
            onReset={() =>
              onOptionsChange({
                ...options,
                secureJsonFields: { ...secureJsonFields, backendToken: false },
                secureJsonData: { ...secureJsonData, backendToken: '' },
              })
            }
            onChange={(e: ChangeEvent<HTMLInputElement>) =>
              onOptionsChange({ ...options, secureJsonData: { ...secureJsonData, backendToken: e.target.value } })
            }
          />
        </Field>
      </FieldSet>
      <FieldSet label="Prometheus">
        <Field
          label="Prometheus datasource"
          description="Where the SLO counters and recording rules are; queried through its own datasource."
          invalid={!jsonData.prometheusUid}
          error={jsonData.prometheusUid ? undefined : 'Choose the Prometheus datasource with the SLO series'}
        >
          <DataSourcePicker
            pluginId="prometheus"
            current={jsonData.prometheusUid ?? null}
            noDefault
            width={50}
            onChange={(ds: DataSourceInstanceSettings) => setJson({ prometheusUid: ds.uid })}
          />
        </Field>
        <Field label="Rule labels" description="Label names of the generated recording rules.">
          <RadioButtonGroup
            options={[
              { label: 'Sloth (sloth_id)', value: 'sloth' },
              { label: 'Headroom (headroom_id)', value: 'headroom' },
            ]}
            value={jsonData.ruleLabels ?? 'sloth'}
            onChange={(v) => setJson({ ruleLabels: v as 'sloth' | 'headroom' })}
          />
        </Field>
      </FieldSet>
    </>
  );
}
