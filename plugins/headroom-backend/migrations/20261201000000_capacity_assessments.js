// @ts-check

/**
 * Capacity assessments: every version of every entity's assessment (inputs, the model's result,
 * the recommendation) with who recorded it and who approved it. Rows are never updated except to
 * record the approval, so the table is the history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('headroom_capacity_assessments', table => {
    table.comment('Capacity assessments of catalog entities, one row per version');
    table.string('entity_ref', 255).notNullable();
    table.integer('version').notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('line_of_business', 255).nullable();
    table.text('inputs').notNullable().comment('expected drivers, growth and usage model, JSON');
    table.text('result').notNullable().comment("the capacity model's result, JSON");
    table.text('recommendation').notNullable().comment('what to provision, JSON');
    table.text('note').nullable();
    table.timestamp('assessed_at', { useTz: true }).notNullable();
    table.string('assessed_by', 255).notNullable();
    table.timestamp('approved_at', { useTz: true }).nullable();
    table.string('approved_by', 255).nullable();
    table.primary(['entity_ref', 'version']);
    table.index(['assessed_at'], 'headroom_capacity_assessments_time_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('headroom_capacity_assessments');
};
