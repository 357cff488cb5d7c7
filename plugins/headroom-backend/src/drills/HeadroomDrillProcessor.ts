import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  type CatalogProcessor,
  type CatalogProcessorEmit,
  type LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { loadEntityDrills } from './drillFile';

/**
 * Validates the drills file an entity points to (`headroom.dev/drills`), so that a broken drill
 * shows as a processing error on the entity page, naming the file, the document and the field.
 */
export class HeadroomDrillProcessor implements CatalogProcessor {
  constructor(private readonly reader: UrlReaderService) {}

  getProcessorName(): string {
    return 'HeadroomDrillProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (location.type !== 'file' && location.type !== 'url') return entity;
    const { problems } = await loadEntityDrills(entity, this.reader, {
      type: location.type,
      target: location.target,
    });
    for (const message of problems) emit(processingResult.inputError(location, message));
    return entity;
  }
}
