// @ts-check

/**
 * The change log: every change (a deploy or a canary) with its risk pre-assessment, the canary
 * verdicts given while it was live and the rollbacks decided for it. Deploy events stay in
 * headroom_deploys (DORA reads them); a change recorded here writes its deploy there too.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('headroom_changes', table => {
    table.comment('Changes: deploys and canaries, with their pre-assessment and state');
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('service', 255).notNullable().comment('the entity name, as deploys name it');
    table.string('line_of_business', 255).nullable();
    table.string('version', 255).notNullable();
    table.string('kind', 16).notNullable().comment('deploy or canary');
    table.double('started_at').notNullable().comment('unix seconds');
    table.integer('watch_seconds').notNullable().comment('how long a signal still rolls it back');
    table.string('state', 16).notNullable().comment('live, promoted or rolled-back');
    table.text('assessment').nullable().comment('JSON: core RiskAssessment');
    table.text('target').nullable().comment('JSON: what the rollback action acts on');
    table.string('source', 255).notNullable().comment('who recorded it');
    table.index(['entity_ref', 'started_at'], 'headroom_changes_entity_idx');
    table.index(['started_at'], 'headroom_changes_start_idx');
    table.index(['state'], 'headroom_changes_state_idx');
  });

  await knex.schema.createTable('headroom_change_verdicts', table => {
    table.comment('Canary verdicts given while a change was live');
    table.increments('id');
    table.string('change_id', 36).notNullable();
    table.double('at').notNullable().comment('unix seconds');
    table.string('classification', 16).notNullable().comment('Pass, Marginal or Fail');
    table.double('score').notNullable();
    table.string('source', 16).notNullable().comment('prometheus (judged here) or posted');
    table.text('verdict').notNullable().comment('JSON: the whole verdict');
    table.index(['change_id'], 'headroom_change_verdicts_change_idx');
  });

  await knex.schema.createTable('headroom_change_rollbacks', table => {
    table.comment('Rollbacks decided for changes, and what the configured action answered');
    table.increments('id');
    table.string('change_id', 36).notNullable();
    table.double('at').notNullable().comment('unix seconds');
    table.text('reason').notNullable();
    table.text('trigger').notNullable().comment('JSON: the signal that called for it');
    table.string('action', 16).notNullable().comment('argo, flagger, webhook, simulator or none');
    table.string('outcome', 16).notNullable().comment('sent, described or failed');
    table.text('detail').notNullable().comment('JSON: the call made and its answer');
    table.index(['change_id'], 'headroom_change_rollbacks_change_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('headroom_change_rollbacks');
  await knex.schema.dropTable('headroom_change_verdicts');
  await knex.schema.dropTable('headroom_changes');
};
