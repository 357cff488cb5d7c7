// @ts-check

/**
 * Cost: aggregated cells (entity or unallocated × rule × currency × billing period × day), the
 * breakdown of each entity's day by service and charge category, the bill per day as the rows
 * state it, the imported billing periods, and the import runs. Money is exact decimal text
 * (never a float column: SQLite would store REAL); days and billing periods are unix seconds.
 * Every cost row carries its period key (`<source>#<BillingPeriodStart>#<currency>`): an import
 * replaces all rows of its keys in one transaction.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('headroom_cost_imports', table => {
    table.comment('Cost import runs: one row per run of a source, with its outcome');
    table.increments('id');
    table.string('source_id', 100).notNullable();
    table.string('trigger', 16).notNullable().comment('schedule, request or upload');
    table.string('status', 16).notNullable().comment('running, succeeded or failed');
    table.string('requested_by', 255).nullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.integer('rows').notNullable().defaultTo(0);
    table.integer('bad_rows').notNullable().defaultTo(0);
    table
      .text('bad_row_samples')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON: file, line, column, message');
    table.text('periods').notNullable().defaultTo('[]').comment('JSON: the periods written');
    table.text('warnings').notNullable().defaultTo('[]').comment('JSON list of strings');
    table.text('error').nullable();
    table.index(['source_id', 'id'], 'headroom_cost_imports_source_idx');
  });

  await knex.schema.createTable('headroom_cost_periods', table => {
    table.comment('Billing periods per source and currency as imported, with the bill they state');
    table.string('period_key', 255).primary();
    table.string('source_id', 100).notNullable();
    table.string('currency', 8).notNullable();
    table.bigInteger('billing_period_start').notNullable();
    table.bigInteger('billing_period_end').notNullable();
    table.integer('rows').notNullable();
    table.string('billed', 64).notNullable();
    table.string('effective', 64).notNullable();
    table.string('list', 64).notNullable();
    table.integer('import_id').notNullable();
    table.timestamp('imported_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('headroom_cost_cells', table => {
    table.comment(
      'Attributed cost per entity (null: unallocated), rule, currency, billing period, day',
    );
    table.string('period_key', 255).notNullable();
    table.string('source_id', 100).notNullable();
    table.string('entity_ref', 255).nullable();
    table.string('owner_ref', 255).nullable().comment('owner at import time');
    table.string('line_of_business', 255).nullable().comment('line of business at import time');
    table.string('rule_id', 255).nullable();
    table.string('currency', 8).notNullable();
    table.bigInteger('billing_period_start').notNullable();
    table.bigInteger('day').notNullable();
    table.string('billed', 64).notNullable();
    table.string('effective', 64).notNullable();
    table.integer('rows').notNullable();
    table.index(['period_key'], 'headroom_cost_cells_period_idx');
    table.index(['entity_ref', 'day'], 'headroom_cost_cells_entity_idx');
    table.index(['line_of_business', 'day'], 'headroom_cost_cells_lob_idx');
    table.index(['day'], 'headroom_cost_cells_day_idx');
  });

  await knex.schema.createTable('headroom_cost_drivers', table => {
    table.comment('What the daily cost of each entity was spent on: service and charge category');
    table.string('period_key', 255).notNullable();
    table.string('entity_ref', 255).nullable();
    table.string('currency', 8).notNullable();
    table.bigInteger('day').notNullable();
    table.string('service_name', 255).nullable();
    table.string('charge_category', 32).nullable();
    table.string('shared_rule_id', 255).nullable();
    table.string('billed', 64).notNullable();
    table.string('effective', 64).notNullable();
    table.index(['period_key'], 'headroom_cost_drivers_period_idx');
    table.index(['entity_ref', 'day'], 'headroom_cost_drivers_entity_idx');
  });

  await knex.schema.createTable('headroom_cost_bill_days', table => {
    table.comment('The bill per billing period, currency and day, summed straight from the rows');
    table.string('period_key', 255).notNullable();
    table.string('source_id', 100).notNullable();
    table.string('currency', 8).notNullable();
    table.bigInteger('billing_period_start').notNullable();
    table.bigInteger('day').notNullable();
    table.string('billed', 64).notNullable();
    table.string('effective', 64).notNullable();
    table.integer('rows').notNullable();
    table.index(['period_key'], 'headroom_cost_bill_days_period_idx');
    table.index(['day'], 'headroom_cost_bill_days_day_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('headroom_cost_bill_days');
  await knex.schema.dropTable('headroom_cost_drivers');
  await knex.schema.dropTable('headroom_cost_cells');
  await knex.schema.dropTable('headroom_cost_periods');
  await knex.schema.dropTable('headroom_cost_imports');
};
