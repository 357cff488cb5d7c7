// @ts-check

/**
 * Drills: every run recorded (by `headroom drill run --record` or by the plugin's scheduler),
 * with the record core judged and what the weak-links report needs beside it (faults and their
 * weights, the expected alert's severity, the dependants' SLOs seen during the fault); and per
 * scheduled drill, when the scheduler last looked and why it last held the drill back.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('headroom_drill_runs', table => {
    table.comment('Drill runs, one row per run');
    table.string('id', 64).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('service', 255).notNullable();
    table.string('drill', 255).notNullable();
    table.string('slo', 255).notNullable();
    table.string('verdict', 16).notNullable().comment('Pass, Fail, Aborted, Skipped');
    table.double('started_at').notNullable().comment('unix seconds');
    table.string('source', 32).notNullable().comment('cli or scheduler');
    table.string('recorded_by', 255).notNullable();
    table.text('record').notNullable().comment('JSON: the DrillRunRecord');
    table.text('faults').notNullable().comment('JSON: type, target and weight of each fault');
    table.string('alert_severity', 16).nullable();
    table.text('dependants').nullable().comment('JSON: the SLOs of dependants during the fault');
    table.index(['entity_ref', 'started_at'], 'headroom_drill_runs_entity_idx');
    table.index(['started_at'], 'headroom_drill_runs_start_idx');
  });

  await knex.schema.createTable('headroom_drill_schedule', table => {
    table.comment('State of the scheduler per scheduled drill');
    table.string('entity_ref', 255).notNullable();
    table.string('drill', 255).notNullable();
    table
      .double('checked_at')
      .notNullable()
      .comment('unix seconds: due slots up to here are handled');
    table.string('held_reason', 1024).nullable().comment('why the last due slot did not run');
    table.double('held_at').nullable();
    table.primary(['entity_ref', 'drill']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('headroom_drill_schedule');
  await knex.schema.dropTable('headroom_drill_runs');
};
