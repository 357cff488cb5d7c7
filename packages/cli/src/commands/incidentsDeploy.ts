import { EXIT_OK, InputError } from '../errors';
import type { Console } from '../io/console';
import { formatTime, parseTimeOption } from '../io/time';

export interface DeployOptions {
  backend: string;
  service: string;
  version?: string;
  at?: string;
  token?: string;
}

function deploysUrl(backend: string): URL {
  let base: URL;
  try {
    base = new URL(backend);
  } catch {
    throw new InputError(`--backend "${backend}" is not a URL such as http://localhost:7007`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new InputError(`--backend "${backend}" must be an http or https URL`);
  }
  return new URL(`${base.href.replace(/\/+$/, '')}/api/headroom/deploys`);
}

/**
 * `headroom incidents deploy`: records a deployment in the backend (POST /deploys), from a CI
 * job after it deploys; the backend's MTTx then carries DORA's change failure rate and failed
 * deployment recovery time. A refusal is printed with the backend's message, exit 2.
 */
export async function incidentsDeployCommand(opts: DeployOptions, io: Console): Promise<number> {
  const url = deploysUrl(opts.backend);
  const at = opts.at === undefined ? undefined : formatTime(parseTimeOption(opts.at, '--at'));
  const token = opts.token ?? process.env.HEADROOM_BACKEND_TOKEN;
  const body = {
    service: opts.service,
    ...(opts.version ? { version: opts.version } : {}),
    ...(at ? { at } : {}),
  };
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new InputError(`${url.href}: ${(e as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
    } catch {
      // not JSON: the text as it came
    }
    throw new InputError(`${url.href}: HTTP ${res.status}: ${message}`);
  }
  const recorded = JSON.parse(text) as { service: string; at: string; version: string | null };
  io.out(
    `deploy of ${recorded.service}${recorded.version ? ` ${recorded.version}` : ''} recorded at ${recorded.at}`,
  );
  return EXIT_OK;
}
