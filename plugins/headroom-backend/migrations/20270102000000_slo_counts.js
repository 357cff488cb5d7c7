// @ts-check

/**
 * What incremental SLO evaluation has counted: per SLO, the summed counter increases on its
 * sample grid in chunks of steps (binary Float32 or Float64 arrays), and where the next read
 * continues (the last counted step and each series' last value). Rows go with their SLO.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('headroom_slo_count_states', table => {
    table.comment('Where incremental evaluation of each SLO continues from');
    table
      .string('slo_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('headroom_slos')
      .onDelete('CASCADE');
    table
      .string('definition_key', 64)
      .notNullable()
      .comment('hash of what the counts depend on: selectors, kind, step, layout');
    table.double('covered_from').notNullable().comment('first step kept, unix seconds');
    table.double('settled_to').notNullable().comment('last step counted for good, unix seconds');
    table.text('carry').notNullable().comment("each series' last value as of settled_to, JSON");
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('headroom_slo_count_chunks', table => {
    table.comment('Summed counter increases of an SLO per step, a chunk of steps a row');
    table
      .string('slo_id', 36)
      .notNullable()
      .references('id')
      .inTable('headroom_slos')
      .onDelete('CASCADE');
    table.double('chunk_start').notNullable().comment('first step, unix seconds');
    table.double('chunk_end').notNullable().comment('end (exclusive), unix seconds');
    table.binary('events').notNullable().comment('increases of the good or bad events counter');
    table.binary('total').notNullable().comment('increases of the total counter');
    table.text('corrections').nullable().comment('increases after a gap, JSON');
    table.primary(['slo_id', 'chunk_start']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('headroom_slo_count_chunks');
  await knex.schema.dropTable('headroom_slo_count_states');
};
