import { createHash } from 'node:crypto';
import type express from 'express';

/**
 * A JSON answer serialised once, with its ETag: list routes read 200 times a second answer the
 * same kept value to every caller, and serialising and hashing it per request cost more CPU than
 * everything else the request does.
 */
export interface SerializedJson {
  body: Buffer;
  etag: string;
}

export function serializeJson(value: unknown): SerializedJson {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** Sends a serialised answer; the ETag set here spares express hashing the body again. */
export function sendSerialized(res: express.Response, { body, etag }: SerializedJson): void {
  res.set('ETag', etag).type('application/json').send(body);
}
