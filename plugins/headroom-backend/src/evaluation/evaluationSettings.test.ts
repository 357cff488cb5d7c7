import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { evaluationSettings } from './SloEvaluator';

const config = (evaluation: JsonObject) =>
  new ConfigReader({ headroom: { prometheus: { baseUrl: 'http://127.0.0.1:9' }, evaluation } });

describe('evaluationSettings', () => {
  it('reads incrementally with a 5-minute overlap unless told otherwise', () => {
    expect(evaluationSettings(config({}))).toMatchObject({
      sampleReads: 'incremental',
      overlapSeconds: 300,
    });
    expect(evaluationSettings(config({ sampleReads: 'full', overlapSeconds: 0 }))).toMatchObject({
      sampleReads: 'full',
      overlapSeconds: 0,
    });
  });

  it('refuses an unknown way of reading and a negative overlap, naming the key', () => {
    expect(() => evaluationSettings(config({ sampleReads: 'sometimes' }))).toThrow(
      'Invalid config headroom.evaluation.sampleReads: "sometimes"; use "incremental" or "full"',
    );
    expect(() => evaluationSettings(config({ overlapSeconds: -60 }))).toThrow(
      'Invalid config headroom.evaluation.overlapSeconds: -60; use a number of seconds, 0 or more',
    );
  });
});
