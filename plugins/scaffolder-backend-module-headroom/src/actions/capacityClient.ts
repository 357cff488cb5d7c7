import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';

/** The body of Headroom's POST /capacity/entities/{kind}/{namespace}/{name}/assessments. */
export interface AssessmentRequest {
  inputs: Record<string, unknown>;
  ownerRef?: string;
  lineOfBusiness?: string;
  note?: string;
}

/** The parts of the stored assessment the action reports. */
export interface AssessmentResponse {
  entityRef: string;
  version: number;
  recommendation: {
    unit: string;
    needed: number;
    replicas: number | null;
    monthlyCost: number | null;
  };
  result: { capacity: { explanation: string[] } };
}

/** Records (or, in a dry run, only checks) a capacity assessment. */
export interface CapacityAssessmentClient {
  record(
    entityRef: string,
    body: AssessmentRequest,
    options: { dryRun: boolean; credentials: BackstageCredentials },
  ): Promise<AssessmentResponse>;
}

/**
 * Talks to the Headroom backend plugin over its REST API with a token on behalf of the user who
 * runs the template, so the plugin's own validation, storage and permission policy apply.
 */
export class HeadroomCapacityClient implements CapacityAssessmentClient {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async record(
    entityRef: string,
    body: AssessmentRequest,
    options: { dryRun: boolean; credentials: BackstageCredentials },
  ): Promise<AssessmentResponse> {
    const ref = parseEntityRef(entityRef);
    const base = await this.discovery.getBaseUrl('headroom');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'headroom',
    });
    const path = [ref.kind, ref.namespace, ref.name].map(encodeURIComponent).join('/');
    const url = `${base}/capacity/entities/${path}/assessments${options.dryRun ? '?dryRun=true' : ''}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as AssessmentResponse;
  }
}
