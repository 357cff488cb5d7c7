import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES, findService } from '@headroom/demo-simulator';
import { parse } from 'yaml';
import { costAnnotationsOf, unitCostDriverOf } from './catalog';
import { SERVICE_COSTS } from './prices';

const catalog = join(__dirname, '..', '..', 'catalog', 'services');

describe('cost annotations of the demo catalog', () => {
  it('prices every service of the world and nothing else', () => {
    expect(Object.keys(SERVICE_COSTS).sort()).toEqual(SERVICES.map(s => s.name).sort());
  });

  it('picks the business counter, else signed-in users, else successful requests', () => {
    expect(unitCostDriverOf(findService('order-gateway'))).toEqual({
      query: 'sum(rate(business_orders_total{service="order-gateway"}[5m]))',
      unit: 'order/s',
    });
    expect(unitCostDriverOf(findService('wallet-api'))).toEqual({
      query: 'sum(business_active_users{service="wallet-api"})',
      unit: 'user',
    });
    expect(unitCostDriverOf(findService('market-data'))).toEqual({
      query: 'sum(rate(http_requests_total{service="market-data",code="200"}[5m]))',
      unit: 'qps',
    });
  });

  it.each(SERVICES.map(s => s.name))(
    'the committed catalog-info of %s carries them (node dev-env/catalog/generate.js)',
    name => {
      const doc = parse(readFileSync(join(catalog, name, 'catalog-info.yaml'), 'utf8')) as {
        metadata: { annotations?: Record<string, string> };
      };
      const annotations = doc.metadata.annotations ?? {};
      for (const [key, value] of Object.entries(costAnnotationsOf(findService(name)))) {
        expect([key, annotations[key]]).toEqual([key, value]);
      }
    },
  );
});
