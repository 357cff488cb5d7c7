// @ts-check

/**
 * Incidents: the Alertmanager alerts received (one row per fingerprint and start, so repeated
 * and re-sent notifications change nothing), acknowledgements, deploy events, and the impact
 * start and mitigation computed from Prometheus once they can no longer change. Incidents
 * themselves are derived from the alerts by core, so there is no incident table to keep in step.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('headroom_incident_alerts', table => {
    table.comment('Alertmanager alerts, one row per fingerprint and startsAt');
    table.string('alert_key', 128).primary().comment('<fingerprint>@<startsAt in ms>');
    table.string('fingerprint', 64).notNullable();
    table.double('starts_at').notNullable().comment('unix seconds');
    table
      .double('ends_at')
      .nullable()
      .comment('unix seconds, once a resolved notification said so');
    table.double('received_at').notNullable().comment('unix seconds of the first notification');
    table.string('service', 255).nullable().comment('the service the alert maps to, if any');
    table.text('labels').notNullable().comment('JSON');
    table.text('annotations').notNullable().comment('JSON');
    table.index(['starts_at'], 'headroom_incident_alerts_start_idx');
    table.index(['ends_at'], 'headroom_incident_alerts_end_idx');
    table.index(['fingerprint'], 'headroom_incident_alerts_fingerprint_idx');
  });

  await knex.schema.createTable('headroom_incident_acks', table => {
    table.comment('Acknowledgements of incidents, by one of their alert fingerprints');
    table.increments('id');
    table.string('incident_id', 128).notNullable();
    table.string('fingerprint', 64).notNullable();
    table.double('at').notNullable().comment('unix seconds');
    table.string('by', 255).notNullable();
    table.index(['fingerprint'], 'headroom_incident_acks_fingerprint_idx');
  });

  await knex.schema.createTable('headroom_deploys', table => {
    table.comment('Deployments reported by CI, Argo Rollouts, Flagger or the CLI');
    table.increments('id');
    table.string('service', 255).notNullable();
    table.double('at').notNullable().comment('unix seconds');
    table.string('version', 255).nullable();
    table.string('source', 255).nullable().comment('who reported it');
    table.index(['service', 'at'], 'headroom_deploys_service_idx');
    table.index(['at'], 'headroom_deploys_at_idx');
  });

  await knex.schema.createTable('headroom_incident_impacts', table => {
    table.comment('Impact start and mitigation of resolved incidents, computed from Prometheus');
    table.string('incident_id', 128).primary();
    table.double('impact_start').nullable().comment('null: no impact in the counters');
    table.double('mitigated_at').nullable();
    table.double('computed_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('headroom_incident_impacts');
  await knex.schema.dropTable('headroom_deploys');
  await knex.schema.dropTable('headroom_incident_acks');
  await knex.schema.dropTable('headroom_incident_alerts');
};
