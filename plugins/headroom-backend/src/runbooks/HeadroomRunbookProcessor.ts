import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  type CatalogProcessor,
  type CatalogProcessorEmit,
  type LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { loadEntityRunbooks } from './runbookFile';

/**
 * Validates the runbooks file an entity points to (`headroom.dev/runbooks`), so that a broken
 * runbook (an unknown action, a query that does not parse, a missing field) shows as a
 * processing error on the entity page, naming the file, the document and the field.
 */
export class HeadroomRunbookProcessor implements CatalogProcessor {
  constructor(private readonly reader: UrlReaderService) {}

  getProcessorName(): string {
    return 'HeadroomRunbookProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (location.type !== 'file' && location.type !== 'url') return entity;
    const { problems } = await loadEntityRunbooks(entity, this.reader, {
      type: location.type,
      target: location.target,
    });
    for (const message of problems) emit(processingResult.inputError(location, message));
    return entity;
  }
}
