import type { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  type CatalogProcessor,
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
    const { slos, issues } = parseSloDocuments(text, file.target, {
      defaults: { service: entity.metadata.name },
    });
    for (const issue of issues) {
      emit(
        processingResult.inputError(
          location,
          `${HEADROOM_SLO_FILE_ANNOTATION}: ${formatIssue(issue)}`,
        ),
      );
    }
    if (issues.length === 0 && slos.length === 0) {
      emit(
        processingResult.inputError(
          location,
          `${HEADROOM_SLO_FILE_ANNOTATION}: ${file.target} defines no SLO`,
        ),
      );
    }
    this.logger.debug(
      `${entity.metadata.name}: ${slos.length} SLOs, ${issues.length} issues in ${file.target}`,
    );
    return entity;
  }
}
