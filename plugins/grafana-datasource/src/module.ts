import { DataSourcePlugin } from '@grafana/data';
import { DataSource } from './datasource';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import type { HeadroomDataSourceOptions, HeadroomQuery } from './types';

export const plugin = new DataSourcePlugin<DataSource, HeadroomQuery, HeadroomDataSourceOptions>(DataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
