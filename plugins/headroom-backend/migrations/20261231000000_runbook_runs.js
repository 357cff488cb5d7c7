// @ts-check

/**
 * Runbook runs: the audit record of each run (as `headroom runbook run` prints it), the entity
 * and incident it belongs to, and the approvals given to its risky actions. The record is kept
 * whole as JSON; the columns beside it are what lists filter and sort by.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('headroom_runbook_runs', table => {
    table.comment('Runbook runs with their audit record');
    table.string('id', 64).primary();
    table.string('runbook', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('incident_id', 128).nullable().comment('the incident the run answered, if found');
    table.string('result', 32).notNullable();
    table.string('mode', 16).notNullable().comment('live or dry-run');
    table.double('started_at').notNullable().comment('unix seconds');
    table.double('ended_at').notNullable().comment('unix seconds');
    table.text('record').notNullable().comment('the audit record, JSON');
    table.string('recorded_by', 255).notNullable();
    table.double('recorded_at').notNullable().comment('unix seconds');
    table.index(['entity_ref', 'started_at'], 'headroom_runbook_runs_entity_idx');
    table.index(['incident_id'], 'headroom_runbook_runs_incident_idx');
  });

  await knex.schema.createTable('headroom_runbook_approvals', table => {
    table.comment('Approvals of risky runbook actions');
    table.string('run_id', 64).notNullable();
    table.string('action', 255).notNullable();
    table.string('by', 255).notNullable();
    table.double('at').notNullable().comment('unix seconds');
    table.primary(['run_id', 'action']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('headroom_runbook_approvals');
  await knex.schema.dropTable('headroom_runbook_runs');
};
