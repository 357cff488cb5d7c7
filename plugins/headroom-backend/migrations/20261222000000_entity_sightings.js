// @ts-check

/**
 * When the backend first saw each catalog entity. The catalog keeps no creation time, and the
 * new-service template's `headroom.dev/created-at` only covers services made with the template;
 * this covers every service created after Headroom started watching the catalog.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('headroom_entity_sightings', table => {
    table.comment('First time the backend saw each catalog entity');
    table.string('entity_ref', 255).primary();
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table
      .boolean('baseline')
      .notNullable()
      .defaultTo(false)
      .comment('already in the catalog at the first look: its creation time is unknown');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('headroom_entity_sightings');
};
