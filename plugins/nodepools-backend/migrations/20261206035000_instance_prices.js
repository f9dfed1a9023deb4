// @ts-check

/**
 * Instance-type prices fetched from AWS (the Pricing API for on-demand, EC2 spot price history
 * for spot, per zone), one row per region and instance type, and one row per region saying when
 * they were fetched and whether the last attempt failed. Refreshed on a schedule, read by the
 * preview: a failed refresh keeps the old rows and records its error, so the page can say the
 * prices are stale.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_instance_prices', table => {
    table.string('region', 32).notNullable();
    table.string('instance_type', 64).notNullable();
    table.double('vcpu').notNullable();
    table.double('memory_gib').notNullable();
    table.integer('gpus').notNullable().defaultTo(0);
    table.string('architecture', 16).notNullable();
    table.double('on_demand_hourly');
    // JSON: zone -> hourly spot price.
    table.text('spot_hourly');
    table.primary(['region', 'instance_type']);
  });
  await knex.schema.createTable('nodepools_price_refreshes', table => {
    table.string('region', 32).primary();
    // Milliseconds since the epoch; null until a refresh succeeded.
    table.bigInteger('fetched_at');
    table.bigInteger('attempted_at').notNullable();
    // The last attempt's error; null when it succeeded.
    table.text('error');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_price_refreshes');
  await knex.schema.dropTable('nodepools_instance_prices');
};
