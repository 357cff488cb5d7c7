import type { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import {
  type CatalogProcessor,
  type CatalogProcessorCache,
  type CatalogProcessorEmit,
  type LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { formatIssue, parseSloDocuments } from '@headroom/core';
import { HEADROOM_SLO_FILE_ANNOTATION, getHeadroomSloFile } from '@headroom/plugin-headroom-common';
import { readSloFile, resolveSloFile, type SloFileLocation } from './sloFile';

/**
 * Validates the SLO file an entity points to, so that a broken file shows as a processing error
 * on the entity page, with the file, the document and the field. The SLOs themselves are stored
 * by the Headroom plugin, which reads the same files.
 */
export class HeadroomSloProcessor implements CatalogProcessor {
  constructor(
    private readonly reader: UrlReaderService,
    private readonly logger: LoggerService,
  ) {}

  getProcessorName(): string {
    return 'HeadroomSloProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    cache?: CatalogProcessorCache,
  ): Promise<Entity> {
    const value = getHeadroomSloFile(entity);
    if (!value) return entity;
    if (location.type !== 'file' && location.type !== 'url') return entity;
    let file: SloFileLocation;
    let text: string;
    try {
      file = resolveSloFile(value, { type: location.type, target: location.target });
      text = await readSloFile(file, this.reader);
    } catch (error) {
      emit(
        processingResult.inputError(
          location,
          `${HEADROOM_SLO_FILE_ANNOTATION}: cannot read '${value}': ${(error as Error).message}`,
        ),
      );
      return entity;
    }
    // The catalog processes every entity again and again; parse a file only when it changed.
    const hash = createHash('sha256').update(file.target).update('\0').update(text).digest('hex');
    const cached = (await cache?.get<CachedCheck>(CACHE_KEY)) as CachedCheck | undefined;
    let messages: string[];
    if (cached?.hash === hash) {
      messages = cached.messages;
    } else {
      messages = this.check(text, file.target, entity.metadata.name);
      await cache?.set<CachedCheck>(CACHE_KEY, { hash, messages });
    }
    for (const message of messages) {
      emit(processingResult.inputError(location, message));
    }
    return entity;
  }

  /** The error messages for one SLO file; none when it is valid. */
  private check(text: string, file: string, service: string): string[] {
    const { slos, issues } = parseSloDocuments(text, file, { defaults: { service } });
    const messages = issues.map(issue => `${HEADROOM_SLO_FILE_ANNOTATION}: ${formatIssue(issue)}`);
    if (issues.length === 0 && slos.length === 0) {
      messages.push(`${HEADROOM_SLO_FILE_ANNOTATION}: ${file} defines no SLO`);
    }
    this.logger.debug(`${service}: ${slos.length} SLOs, ${issues.length} issues in ${file}`);
    return messages;
  }
}

const CACHE_KEY = 'headroom-slo-file';

type CachedCheck = { hash: string; messages: string[] };
