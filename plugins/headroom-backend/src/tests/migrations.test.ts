import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';

const migrationsDir = `${__dirname}/../../migrations`;

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'go up and all the way down again on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const files = fs.readdirSync(migrationsDir).filter(f => f.endsWith('.js'));
      await knex.migrate.latest({ directory: migrationsDir });
      for (const table of [
        'headroom_slos',
        'headroom_slo_versions',
        'headroom_slo_status',
        'headroom_slo_snapshots',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      for (let i = 0; i < files.length; i++) {
        await knex.migrate.down({ directory: migrationsDir });
      }
      expect(await knex.schema.hasTable('headroom_slos')).toBe(false);
      expect(await knex.schema.hasTable('headroom_slo_snapshots')).toBe(false);
    },
  );
});
