import type { Entity } from '@backstage/catalog-model';
import {
  getDeclaredLineOfBusiness,
  getHeadroomSloFile,
  isHeadroomSloFileAvailable,
} from './constants';

const entity = (annotations?: Record<string, string>, labels?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ledger', annotations, labels },
  spec: {},
});

describe('annotations', () => {
  it('reads the SLO file annotation, trimmed, and treats a blank one as absent', () => {
    expect(getHeadroomSloFile(entity({ 'headroom.dev/slo-file': ' ./slos.yaml ' }))).toBe(
      './slos.yaml',
    );
    expect(isHeadroomSloFileAvailable(entity({ 'headroom.dev/slo-file': '  ' }))).toBe(false);
    expect(isHeadroomSloFileAvailable(entity())).toBe(false);
  });

  it('reads the line of business from the annotation first, then the label', () => {
    expect(
      getDeclaredLineOfBusiness(
        entity(
          { 'headroom.dev/line-of-business': 'payments' },
          { 'headroom.dev/line-of-business': 'spot' },
        ),
      ),
    ).toBe('payments');
    expect(getDeclaredLineOfBusiness(entity({}, { 'headroom.dev/line-of-business': 'spot' }))).toBe(
      'spot',
    );
    expect(getDeclaredLineOfBusiness(entity())).toBeUndefined();
  });
});
