import { z } from 'zod';
import { isTimeZone, RFC1123_MESSAGE, TIME_ZONE_MESSAGE, type SloDraft } from './common';
import type { IssueSink } from './issues';
import { OP_FORBIDDEN } from './openslo';

/**
 * OpenSLO `openslo.com/v2alpha` objects are checked with the rules oslo applies to every version
 * (RFC 1123 names, IANA time zones; with `oslo`, `op` only beside a threshold indicator), so
 * that a file of
 * them gets oslo's verdicts; Headroom does not read v2alpha SLOs into its model yet, and says so.
 */
const name = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const slo = z.looseObject({
  spec: z
    .looseObject({
      sli: z.looseObject({ spec: z.looseObject({ ratioMetric: z.unknown().nullish() }) }).nullish(),
      timeWindow: z
        .array(
          z.looseObject({
            calendar: z.looseObject({ timeZone: z.string().nullish() }).nullish(),
          }),
        )
        .nullish(),
      objectives: z
        .array(
          z.looseObject({
            op: z.string().nullish(),
            sli: z
              .looseObject({ spec: z.looseObject({ ratioMetric: z.unknown().nullish() }) })
              .nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});

export function validateOpenSloV2Alpha(
  doc: unknown,
  sink: IssueSink,
  options: { oslo?: boolean },
): SloDraft[] {
  const d = doc as { kind?: unknown; metadata?: { name?: unknown } | null };
  const before = sink.count;
  const metaName = d.metadata?.name;
  if (typeof metaName !== 'string' || metaName === '')
    sink.add(['metadata', 'name'], 'is required');
  else if (!name.test(metaName)) sink.add(['metadata', 'name'], RFC1123_MESSAGE);
  if (d.kind !== 'SLO') return [];

  const parsed = slo.safeParse(doc, { reportInput: true });
  if (!parsed.success) {
    sink.addZod(parsed.error);
    return [];
  }
  const spec = parsed.data.spec;
  spec?.timeWindow?.forEach((w, i) => {
    const zone = w.calendar?.timeZone;
    if (zone && !isTimeZone(zone))
      sink.add(['spec', 'timeWindow', i, 'calendar', 'timeZone'], TIME_ZONE_MESSAGE);
  });
  spec?.objectives?.forEach((o, i) => {
    const ratio = (o.sli ?? spec.sli)?.spec.ratioMetric;
    if (options.oslo && o.op && ratio) sink.add(['spec', 'objectives', i, 'op'], OP_FORBIDDEN);
  });
  if (sink.count === before) {
    sink.add(
      ['apiVersion'],
      'openslo.com/v2alpha SLOs are not supported yet (the object is otherwise valid); write it as openslo/v1 to use it',
    );
  }
  return [];
}
