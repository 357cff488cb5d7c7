// @ts-check

/**
 * Optimisation: right-sizing recommendations with their lifecycle, and cost anomalies.
 *
 * A recommendation row carries its status, its history (JSON, oldest first) and a version that
 * every step increases (optimistic concurrency between replicas). `open_key` is
 * `<entity_ref>|<resource>` while the recommendation is open and null once it is closed: its
 * unique index lets at most one open recommendation exist per entity and workload, even when
 * two replicas propose at once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('headroom_optimisation_recommendations', table => {
    table.comment('Right-sizing recommendations of catalog entities and their lifecycle');
    table.string('id', 64).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('resource', 255).notNullable().comment('<Kind>/<namespace>/<name>/<container>');
    table.string('owner_ref', 255).nullable();
    table.string('line_of_business', 255).nullable();
    table.string('status', 32).notNullable();
    table.integer('version').notNullable();
    table.string('open_key', 520).nullable().unique('headroom_optimisation_open_key_idx');
    table.string('currency', 8).notNullable();
    table
      .string('expected_monthly_saving', 64)
      .notNullable()
      .comment('exact decimal string, per month');
    table.string('realised_monthly_saving', 64).nullable().comment('exact decimal string');
    table.text('detail').notNullable().comment('the recommendation, exports included, JSON');
    table.text('history').notNullable().comment('lifecycle events, JSON, oldest first');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['entity_ref'], 'headroom_optimisation_entity_idx');
    table.index(['line_of_business'], 'headroom_optimisation_lob_idx');
  });

  await knex.schema.createTable('headroom_cost_anomalies', table => {
    table.comment('Points of cost series scored above the anomaly threshold');
    table.string('id', 64).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('line_of_business', 255).nullable();
    table.string('series', 32).notNullable().comment('cost or unit-cost');
    table.timestamp('at', { useTz: true }).notNullable().comment("start of the point's period");
    table.integer('step_seconds').notNullable();
    table.double('value').notNullable();
    table.double('expected').notNullable();
    table.double('score').notNullable();
    table.string('currency', 8).nullable();
    table.timestamp('detected_at', { useTz: true }).notNullable();
    table.unique(['entity_ref', 'series', 'at'], {
      indexName: 'headroom_cost_anomalies_point_idx',
    });
    table.index(['at'], 'headroom_cost_anomalies_time_idx');
    table.index(['line_of_business', 'at'], 'headroom_cost_anomalies_lob_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('headroom_cost_anomalies');
  await knex.schema.dropTable('headroom_optimisation_recommendations');
};
