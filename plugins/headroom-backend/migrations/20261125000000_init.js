// @ts-check

/**
 * SLO definitions (one row per SLO, with its current version), every version ever written
 * (author, time, diff), the latest status of each SLO and its snapshot history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('headroom_slos', table => {
    table.comment('SLO definitions attached to catalog entities');
    table.string('id', 36).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('name', 63).notNullable();
    table.string('origin', 8).notNullable().comment('file or api');
    table.text('source_location').nullable();
    table.integer('version').notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('line_of_business', 255).nullable();
    table.string('display_name', 255).nullable();
    table.text('description').nullable();
    table.double('objective').notNullable();
    table.string('window', 16).notNullable();
    table.integer('evaluation_interval_seconds').nullable();
    table.text('definition').notNullable().comment('the normalised SLO, JSON');
    table
      .text('input')
      .nullable()
      .comment('the API body an SLO of origin api was written with, JSON');
    table.string('content_hash', 64).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('next_evaluation_at', { useTz: true }).nullable();
    table.unique(['entity_ref', 'name'], { indexName: 'headroom_slos_entity_name_idx' });
    table.index(['owner_ref'], 'headroom_slos_owner_idx');
    table.index(['line_of_business'], 'headroom_slos_lob_idx');
    table.index(['next_evaluation_at'], 'headroom_slos_next_eval_idx');
  });

  await knex.schema.createTable('headroom_slo_versions', table => {
    table.comment('Every version of every SLO, kept after deletion');
    table.string('slo_id', 36).notNullable();
    table.integer('version').notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('name', 63).notNullable();
    table.string('change', 8).notNullable().comment('create, update or delete');
    table.string('author', 255).notNullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.text('definition').nullable();
    table.text('diff').notNullable().comment('JSON list of { path, before, after }');
    table.primary(['slo_id', 'version']);
    table.index(['entity_ref', 'name'], 'headroom_slo_versions_entity_name_idx');
  });

  await knex.schema.createTable('headroom_slo_status', table => {
    table.comment('The latest evaluation of each SLO and the latest attempt');
    table
      .string('slo_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('headroom_slos')
      .onDelete('CASCADE');
    table.timestamp('evaluated_at', { useTz: true }).nullable();
    table.double('sli').nullable();
    table.double('budget_remaining').nullable();
    table.double('worst_burn_rate').nullable();
    table.text('burn_rates').nullable();
    table.string('alert_state', 8).nullable();
    table.double('time_to_exhaustion_seconds').nullable();
    table.timestamp('last_attempt_at', { useTz: true }).nullable();
    table.text('error').nullable();
  });

  await knex.schema.createTable('headroom_slo_snapshots', table => {
    table.comment('Status history: one row per successful evaluation');
    table.bigIncrements('id').primary();
    table
      .string('slo_id', 36)
      .notNullable()
      .references('id')
      .inTable('headroom_slos')
      .onDelete('CASCADE');
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.double('sli').nullable();
    table.double('budget_remaining').nullable();
    table.text('burn_rates').notNullable();
    table.string('alert_state', 8).notNullable();
    table.double('time_to_exhaustion_seconds').nullable();
    table.index(['slo_id', 'evaluated_at'], 'headroom_slo_snapshots_slo_time_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('headroom_slo_snapshots');
  await knex.schema.dropTable('headroom_slo_status');
  await knex.schema.dropTable('headroom_slo_versions');
  await knex.schema.dropTable('headroom_slos');
};
